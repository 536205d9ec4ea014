using System.Security.Claims;
using GalaxyCo.Data;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Workspaces;

/// <summary>
/// Who an OpenID Connect provider says a person is: the subject (users.external_id), the email and whether the
/// provider vouches for it, the names, and the organization (workspaces.external_id) with its display name.
/// </summary>
public sealed record ExternalIdentity(
    string Subject, string? Email, bool EmailVerified, string? GivenName, string? FamilyName, string? OrganizationId, string? OrganizationName)
{
    /// <summary>The claim that carries the organization's display name, when the provider sends one.</summary>
    public const string OrganizationNameClaim = "org_name";

    /// <summary>
    /// True only when the provider sent email_verified=true. Linking to an existing local account needs this: an
    /// address that is merely present could be anyone's, and linking would hand them that account.
    /// </summary>
    public bool EmailVerifiedExplicitly { get; init; }

    /// <summary>
    /// Reads the standard OIDC claims (unmapped names: sub, email, email_verified, given_name, family_name) plus the
    /// configured organization claim. An email counts as verified unless the provider says email_verified=false.
    /// Null when there is no subject: such a principal identifies nobody.
    /// </summary>
    public static ExternalIdentity? FromPrincipal(ClaimsPrincipal principal, string organizationClaim)
    {
        string? Read(params string[] types) =>
            types.Select(t => principal.FindFirst(t)?.Value?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));

        var subject = Read("sub", ClaimTypes.NameIdentifier);
        if (subject is null) return null;
        var verified = Read("email_verified");
        return new ExternalIdentity(
            subject,
            Read("email", ClaimTypes.Email),
            verified is null || (bool.TryParse(verified, out var v) && v),
            Read("given_name", ClaimTypes.GivenName),
            Read("family_name", ClaimTypes.Surname),
            Read(organizationClaim),
            Read(OrganizationNameClaim))
        {
            EmailVerifiedExplicitly = verified is not null && bool.TryParse(verified, out var sure) && sure,
        };
    }
}

/// <summary>The workspace an organization claim led to, and whether this sign-in created it.</summary>
public sealed record ExternalWorkspace(Guid Id, string Name, string Slug, UserRole Role, bool Created);

/// <summary>
/// Single sign-on's part of workspaces: a person whose provider names an organization lands in the workspace whose
/// external_id is that organization, joining it as a member, or creating it (as owner) on the organization's first
/// sign-in. Only external_id decides: a workspace with the same name or slug but another (or no) external id is never
/// joined, so one tenant's organization claim cannot open another tenant's workspace.
/// </summary>
public sealed class ExternalSignInService(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, WorkspaceService workspaces, TimeProvider clock)
{
    public const int OrganizationIdMaxLength = 255;

    public async Task<Result<ExternalWorkspace>> JoinOrganizationAsync(
        Guid userId, string organizationId, string? organizationName, CancellationToken ct = default)
    {
        organizationId = (organizationId ?? "").Trim();
        if (organizationId.Length is 0 or > OrganizationIdMaxLength)
            return Result<ExternalWorkspace>.From(Result.Invalid("organization", "The provider sent an organization id this app can't use."));
        tenant.SetUser(userId);

        // Two people of a new organization signing in at once must not create two workspaces: serialize the
        // look-up-or-create per organization, across app nodes, with a session advisory lock held on a connection of
        // its own; the finally block releases it (PostgreSQL does, should that connection die).
        await using var lockDb = await factory.CreateDbContextAsync(ct);
        await lockDb.Database.OpenConnectionAsync(ct);
        var key = AdvisoryLockKey(organizationId);
        await lockDb.Database.ExecuteSqlAsync($"select pg_advisory_lock({key})", ct);
        try
        {
            var existing = await FindAsync(organizationId, ct);
            if (existing is not null) return await JoinAsync(existing, userId, ct);
            return await CreateAsync(organizationId, organizationName, userId, ct);
        }
        finally
        {
            // Explicitly: Npgsql resets a pooled connection only when it is next used, so closing alone would keep the lock.
            try
            {
                await lockDb.Database.ExecuteSqlAsync($"select pg_advisory_unlock({key})", CancellationToken.None);
            }
            catch (Npgsql.NpgsqlException)
            {
                // The connection broke, and with it the session that held the lock.
            }
        }
    }

    /// <summary>
    /// Records the provider's subject as users.external_id, the first time only: an id the user already has, or a
    /// subject another user already carries, is left as it is (both are unique; the provider login is what signs in).
    /// </summary>
    public async Task RecordSubjectAsync(Guid userId, string subject, CancellationToken ct = default)
    {
        subject = (subject ?? "").Trim();
        if (subject.Length == 0) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        try
        {
            await db.Users
                .Where(u => u.Id == userId && u.ExternalId == null && !db.Users.Any(other => other.ExternalId == subject))
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.ExternalId, subject).SetProperty(u => u.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);
        }
        catch (Exception e) when ((e as Npgsql.PostgresException ?? e.InnerException as Npgsql.PostgresException) is { SqlState: "23505" })
        {
            // Another sign-in recorded the same subject on another user a moment ago; the first one keeps it.
        }
    }

    /// <summary>A stable 64-bit key per organization (FNV-1a), the same on every node.</summary>
    private static long AdvisoryLockKey(string organizationId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes("galaxyco.workspaces.external_id:" + organizationId))
            hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }

    private async Task<Workspace?> FindAsync(string organizationId, CancellationToken ct)
    {
        // workspaces is read across tenants by design (no RLS); the match is exact, never by name or slug.
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.ExternalId == organizationId, ct);
    }

    private async Task<Result<ExternalWorkspace>> JoinAsync(Workspace workspace, Guid userId, CancellationToken ct)
    {
        if (!workspace.IsActive)
            return Result<ExternalWorkspace>.From(Result.Forbidden($"Your organization's workspace {workspace.Name} is deactivated."));

        // RLS: the membership row belongs to that workspace, so act inside it.
        using var _ = tenant.Enter(workspace.Id, userId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await db.WorkspaceMembers.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (member is not null)
        {
            // Someone an admin deactivated stays out; single sign-on is not a way back in.
            return member.IsActive
                ? new ExternalWorkspace(workspace.Id, workspace.Name, workspace.Slug, member.Role, Created: false)
                : Result<ExternalWorkspace>.From(Result.Forbidden($"Your membership of {workspace.Name} is deactivated. Ask an admin to restore it."));
        }

        db.WorkspaceMembers.Add(new WorkspaceMember { UserId = userId, Role = UserRole.Member, JoinedAt = clock.GetUtcNow().UtcDateTime });
        db.OutboxMessages.Add(new OutboxMessage
        {
            EventType = "member.joined",
            Payload = new() { ["user_id"] = userId.ToString(), ["role"] = "member", ["via"] = "sso" },
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            // The same person signed in twice at once; the other request added the membership.
            return new ExternalWorkspace(workspace.Id, workspace.Name, workspace.Slug, UserRole.Member, Created: false);
        }
        return new ExternalWorkspace(workspace.Id, workspace.Name, workspace.Slug, UserRole.Member, Created: false);
    }

    private async Task<Result<ExternalWorkspace>> CreateAsync(string organizationId, string? organizationName, Guid userId, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(organizationName) ? organizationId : organizationName.Trim();
        if (name.Length > WorkspaceService.NameMaxLength) name = name[..WorkspaceService.NameMaxLength].TrimEnd();

        // WorkspaceService makes the workspace exactly as the "new workspace" page does (unique slug, feature flags,
        // owner membership, audit); then the organization is recorded on it, inside the new workspace.
        var created = await workspaces.CreateAsync(name, userId, ct);
        if (!created.Succeeded) return Result<ExternalWorkspace>.From(created);
        var summary = created.Value!;

        using var _ = tenant.Enter(summary.Id, userId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.FirstAsync(w => w.Id == summary.Id, ct);
        workspace.ExternalId = organizationId;
        await db.SaveChangesAsync(ct);
        return new ExternalWorkspace(summary.Id, summary.Name, summary.Slug, UserRole.Owner, Created: true);
    }
}
