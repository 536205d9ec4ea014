using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.SystemAdmin;

public sealed record WorkspaceListing(Guid Id, string Name, string Slug, SubscriptionTier Tier, bool IsActive, DateTime CreatedAt);

public sealed record UserListing(Guid Id, string Email, string Name, bool EmailConfirmed, DateTime CreatedAt, DateTime? LastLoginAt);

/// <summary>
/// The system-admin console: every workspace and every user. Only people holding the system_admin role in some
/// workspace may call it; workspaces and users are not tenant rows, so no RLS bypass is involved.
/// </summary>
public sealed class SystemAdminService(IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant)
{
    /// <summary>The platform team's own workspace, where system_admin memberships live.</summary>
    public const string OperationsSlug = "galaxyco-operations";

    /// <summary>
    /// Makes an existing account a system admin: a system_admin member of the operations workspace, which is
    /// created on first use. Run by operators (`dotnet run --project GalaxyCo.Web -- grant-system-admin EMAIL`).
    /// </summary>
    public async Task<Result> GrantAsync(string email, CancellationToken ct = default)
    {
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null) return Result.Invalid("email", $"No account uses {email}. Register it first.");
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Slug == OperationsSlug, ct)
            ?? new Workspace { Name = "GalaxyCo Operations", Slug = OperationsSlug, SubscriptionTier = SubscriptionTier.Enterprise };

        using var _ = tenant.Enter(workspace.Id, user.Id);
        await using var scoped = await factory.CreateDbContextAsync(ct);
        if (!await scoped.Workspaces.AnyAsync(w => w.Id == workspace.Id, ct)) scoped.Workspaces.Add(workspace);
        var membership = await scoped.WorkspaceMembers.FirstOrDefaultAsync(m => m.UserId == user.Id, ct);
        if (membership is null)
            scoped.WorkspaceMembers.Add(new WorkspaceMember { UserId = user.Id, Role = UserRole.SystemAdmin, JoinedAt = DateTime.UtcNow });
        else
        {
            membership.Role = UserRole.SystemAdmin;
            membership.IsActive = true;
        }
        await scoped.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<bool> IsSystemAdminAsync(Guid userId, CancellationToken ct = default)
    {
        // Own memberships are readable under RLS only as that user (policy own_memberships); callers outside a
        // circuit, like the jobs dashboard's request, have not set it yet.
        tenant.SetUser(userId);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.WorkspaceMembers.IgnoreQueryFilters().AnyAsync(m => m.UserId == userId && m.IsActive && m.Role == UserRole.SystemAdmin, ct);
    }

    public async Task<Result<IReadOnlyList<WorkspaceListing>>> ListWorkspacesAsync(Guid callerId, CancellationToken ct = default)
    {
        if (!await IsSystemAdminAsync(callerId, ct)) return Result<IReadOnlyList<WorkspaceListing>>.From(Result.Forbidden("System admins only."));
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Workspaces.AsNoTracking().OrderBy(w => w.Name)
            .Select(w => new WorkspaceListing(w.Id, w.Name, w.Slug, w.SubscriptionTier, w.IsActive, w.CreatedAt)).ToListAsync(ct);
    }

    public async Task<Result<IReadOnlyList<UserListing>>> ListUsersAsync(Guid callerId, CancellationToken ct = default)
    {
        if (!await IsSystemAdminAsync(callerId, ct)) return Result<IReadOnlyList<UserListing>>.From(Result.Forbidden("System admins only."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.FirstName, u.LastName, u.EmailConfirmed, u.CreatedAt, u.LastLoginAt }).ToListAsync(ct);
        return users.Select(u => new UserListing(u.Id, u.Email ?? "", $"{u.FirstName} {u.LastName}".Trim(), u.EmailConfirmed, u.CreatedAt, u.LastLoginAt)).ToList();
    }
}
