using GalaxyCo.Data;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Integrations.AccessTokens;

/// <summary>
/// Turns "Authorization: Bearer gxp_…" on /api/w/{slug}/… into the tenant and the member, like
/// <see cref="WorkspaceScope"/> does for pages. Answers:
/// <list type="bullet">
/// <item>Invalid ("token") — missing or malformed, revoked or expired: the API's 401.</item>
/// <item>NotFound — the slug names no active workspace where this token is valid (unknown there, another workspace's
/// token, or the owner is no longer an active member): 404, the same whether or not the workspace exists.</item>
/// <item>Forbidden — a read-only token asked to write: 403. (The member's role is checked by each service.)</item>
/// </list>
/// The token is looked up by its SHA-256 under the named workspace's tenant only, so it can never reach another one.
/// </summary>
public sealed class AccessTokenAuthenticator(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, CurrentMember member, TimeProvider clock)
{
    /// <summary>last_used_at is written at most this often per token (not on every call).</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<Result<AuthenticatedToken>> AuthenticateAsync(string slug, string? bearerToken, bool needsWrite, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(bearerToken))
            return Result<AuthenticatedToken>.From(Result.Invalid("token", "Send a personal access token: Authorization: Bearer gxp_…"));
        var secret = bearerToken.Trim();
        if (!PersonalAccessTokenService.LooksLikeSecret(secret))
            return Result<AuthenticatedToken>.From(Result.Invalid("token", "That is not a GalaxyCo personal access token."));
        member.Clear();
        tenant.SetWorkspace(null);

        Guid workspaceId;
        string workspaceName;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Slug == slug && w.IsActive)
                .Select(w => new { w.Id, w.Name }).FirstOrDefaultAsync(ct);
            if (workspace is null) return Result<AuthenticatedToken>.From(Result.NotFound("Workspace"));
            (workspaceId, workspaceName) = (workspace.Id, workspace.Name);
        }

        var hash = PersonalAccessTokenService.Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        PersonalAccessToken? token;
        using (tenant.Enter(workspaceId))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            token = await db.PersonalAccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
            if (token is null) return Result<AuthenticatedToken>.From(Result.NotFound("Workspace"));
            if (token.RevokedAt is not null) return Result<AuthenticatedToken>.From(Result.Invalid("token", "This token was revoked."));
            if (token.ExpiresAt is { } expires && expires <= now) return Result<AuthenticatedToken>.From(Result.Invalid("token", "This token has expired."));
            var tokenId = token.Id;
            var stale = now - LastUsedPrecision;
            // Not through SaveChanges: a token's use is not an audited change, and one UPDATE a minute at most.
            if (token.LastUsedAt is null || token.LastUsedAt < stale)
                await db.PersonalAccessTokens.Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < stale))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        var userId = token.UserId;
        tenant.SetUser(userId);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var found = await db.WorkspaceMembers.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.UserId == userId && m.WorkspaceId == workspaceId && m.IsActive)
                .Select(m => new { m.Id, m.Role, m.Permissions, m.User!.Email }).FirstOrDefaultAsync(ct);
            if (found is null) return Result<AuthenticatedToken>.From(Result.NotFound("Workspace"));
            if (needsWrite && token.Scope != AccessTokenScope.ReadWrite)
                return Result<AuthenticatedToken>.From(Result.Forbidden("This token is read-only; create a read and write token to add items."));
            tenant.SetWorkspace(workspaceId);
            tenant.Actor = tenant.Actor with { Email = found.Email };
            member.Set(workspaceId, slug, workspaceName, userId, found.Id, found.Role, found.Permissions);
        }
        return new AuthenticatedToken(token.Id, workspaceId, userId, token.Scope);
    }
}
