using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Workspaces;

/// <summary>
/// Tenancy layer 1: turns the /w/{slug} route and the signed-in user into the current workspace and role.
/// A slug the person is not an active member of answers NotFound, whether or not it exists.
/// </summary>
public sealed class WorkspaceScope(IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, CurrentMember member)
{
    public async Task<Result> EnterAsync(string slug, Guid userId, CancellationToken ct = default)
    {
        tenant.SetUser(userId);
        // Re-read on every entry (one indexed lookup): a removed member, a changed role or a deactivated
        // workspace takes effect on the next page the person opens, not when their circuit ends.
        await using var db = await factory.CreateDbContextAsync(ct);
        // Own memberships are readable across workspaces by design (RLS policy own_memberships).
        var found = await db.WorkspaceMembers.IgnoreQueryFilters()
            .Where(m => m.UserId == userId && m.IsActive && m.Workspace!.Slug == slug && m.Workspace.IsActive)
            .Select(m => new { m.Id, m.Role, m.Permissions, m.WorkspaceId, m.Workspace!.Name })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            member.Clear();
            tenant.SetWorkspace(null);
            return Result.NotFound("Workspace");
        }
        tenant.SetWorkspace(found.WorkspaceId);
        member.Set(found.WorkspaceId, slug, found.Name, userId, found.Id, found.Role, found.Permissions);
        return Result.Ok();
    }

    /// <summary>Forces the next <see cref="EnterAsync"/> to re-read the membership (after a role change, say).</summary>
    public void Invalidate() => member.Clear();
}
