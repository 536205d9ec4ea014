using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Workspaces;

public sealed record WorkspaceSummary(Guid Id, string Name, string Slug, UserRole Role, SubscriptionTier Tier);

public sealed record WorkspaceDetails(Guid Id, string Name, string Slug, SubscriptionTier Tier, IReadOnlyDictionary<string, bool> FeatureFlags, bool IsActive, uint Version);

/// <summary>Create, list, rename, configure and deactivate workspaces.</summary>
public sealed class WorkspaceService(IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, CurrentMember member)
{
    public const int NameMaxLength = 100;

    /// <summary>Feature flags an owner can switch per workspace, with what each does.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownFeatureFlags = new Dictionary<string, string>
    {
        ["ai_agents"] = "AI agents can run in this workspace",
        ["knowledge_search"] = "Semantic search in the knowledge library",
        ["public_webhooks"] = "Outgoing webhooks to external services",
        ["invoice_reminders"] = "Automatic reminders for overdue invoices",
    };

    public async Task<IReadOnlyList<WorkspaceSummary>> ListMineAsync(Guid userId, CancellationToken ct = default)
    {
        tenant.SetUser(userId);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.WorkspaceMembers.IgnoreQueryFilters()
            .Where(m => m.UserId == userId && m.IsActive && m.Workspace!.IsActive)
            .OrderBy(m => m.Workspace!.Name)
            .Select(m => new WorkspaceSummary(m.WorkspaceId, m.Workspace!.Name, m.Workspace.Slug, m.Role, m.Workspace.SubscriptionTier))
            .ToListAsync(ct);
    }

    public async Task<Result<WorkspaceSummary>> CreateAsync(string name, Guid ownerUserId, CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        if (ValidateName(name) is { } invalid) return Result<WorkspaceSummary>.From(invalid);

        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == ownerUserId, ct)) return Result<WorkspaceSummary>.From(Result.NotFound("User"));

        var slug = await UniqueSlugAsync(db, SlugGenerator.FromName(name), ct);
        var workspace = new Workspace { Name = name, Slug = slug };
        foreach (var flag in KnownFeatureFlags.Keys) workspace.Settings.FeatureFlags[flag] = true;

        // RLS: the owner's membership and the audit rows belong to the new workspace, so act inside it.
        using (tenant.Enter(workspace.Id, ownerUserId))
        {
            db.Workspaces.Add(workspace);
            db.WorkspaceMembers.Add(new WorkspaceMember
            {
                WorkspaceId = workspace.Id, UserId = ownerUserId, Role = UserRole.Owner, JoinedAt = DateTime.UtcNow,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
            {
                return Result<WorkspaceSummary>.From(Result.Conflict("Another workspace took that address a moment ago; please try again."));
            }
        }
        return new WorkspaceSummary(workspace.Id, workspace.Name, workspace.Slug, UserRole.Owner, workspace.SubscriptionTier);
    }

    public async Task<Result<WorkspaceDetails>> GetCurrentAsync(CancellationToken ct = default)
    {
        if (!member.IsSet) return Result<WorkspaceDetails>.From(Result.NotFound("Workspace"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var w = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == member.WorkspaceId, ct);
        return w is null
            ? Result<WorkspaceDetails>.From(Result.NotFound("Workspace"))
            : new WorkspaceDetails(w.Id, w.Name, w.Slug, w.SubscriptionTier, w.Settings.FeatureFlags, w.IsActive, w.Version);
    }

    public async Task<Result> RenameAsync(string name, uint version, CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        if (!member.Can(Permissions.WorkspaceManage)) return Result.Forbidden("Only admins and owners can rename the workspace.");
        if (ValidateName(name) is { } invalid) return invalid;
        var result = await UpdateAsync(version, w => w.Name = name, ct);
        if (result.Succeeded) member.Rename(name);
        return result;
    }

    public async Task<Result> UpdateSettingsAsync(SubscriptionTier tier, IReadOnlyDictionary<string, bool> flags, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result.Forbidden("Only admins and owners can change workspace settings.");
        var unknown = flags.Keys.FirstOrDefault(k => !KnownFeatureFlags.ContainsKey(k));
        if (unknown is not null) return Result.Invalid("flags", $"'{unknown}' is not a feature flag.");
        var current = await GetCurrentAsync(ct);
        if (!current.Succeeded) return current;
        if (tier != current.Value!.Tier && member.Role is not (UserRole.Owner or UserRole.SystemAdmin))
            return Result.Forbidden("Only an owner can change the subscription tier.");
        return await UpdateAsync(version, w =>
        {
            if (member.Role is UserRole.Owner or UserRole.SystemAdmin) w.SubscriptionTier = tier;
            w.Settings = new Data.Json.WorkspaceSettings
            {
                FeatureFlags = new Dictionary<string, bool>(flags),
                AccentColor = w.Settings.AccentColor,
                DefaultCurrency = w.Settings.DefaultCurrency,
                TimeZone = w.Settings.TimeZone,
                LeadScoring = w.Settings.LeadScoring,
                AiProvider = w.Settings.AiProvider,
            };
        }, ct);
    }

    /// <summary>Deactivating hides the workspace from everyone; the data stays. Owners only, and they must type the name.</summary>
    public async Task<Result> DeactivateAsync(string confirmName, uint version, CancellationToken ct = default)
    {
        if (member.Role is not (UserRole.Owner or UserRole.SystemAdmin)) return Result.Forbidden("Only an owner can deactivate the workspace.");
        if (!string.Equals(confirmName?.Trim(), member.WorkspaceName, StringComparison.Ordinal))
            return Result.Invalid("confirmName", "Type the workspace name exactly to confirm.");
        return await UpdateAsync(version, w => w.IsActive = false, ct);
    }

    private async Task<Result> UpdateAsync(uint version, Action<Workspace> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == member.WorkspaceId, ct);
        if (workspace is null) return Result.NotFound("Workspace");
        db.Entry(workspace).Property(w => w.Version).OriginalValue = version;
        change(workspace);
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict("Someone else changed this workspace in the meantime. Reload to see their change, then try again.");
        }
    }

    private static Result? ValidateName(string name) => name.Length switch
    {
        0 => Result.Invalid("name", "Give the workspace a name."),
        > NameMaxLength => Result.Invalid("name", $"Use at most {NameMaxLength} characters."),
        _ => null,
    };

    private static async Task<string> UniqueSlugAsync(GalaxyDbContext db, string baseSlug, CancellationToken ct)
    {
        var taken = await db.Workspaces.Where(w => w.Slug == baseSlug || w.Slug.StartsWith(baseSlug + "-"))
            .Select(w => w.Slug).ToListAsync(ct);
        if (!taken.Contains(baseSlug) && !ReservedSlugs.Contains(baseSlug)) return baseSlug;
        for (var i = 2; ; i++)
        {
            var candidate = $"{baseSlug}-{i}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }

    private static readonly HashSet<string> ReservedSlugs = ["new", "admin", "api", "account", "invitations", "jobs", SystemAdmin.SystemAdminService.OperationsSlug];
}
