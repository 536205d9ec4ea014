using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Workspaces;

/// <summary>
/// Daily housekeeping: deletes invitations that were revoked or expired more than <see cref="Retention"/> ago and
/// never accepted. A background job has no request, so it enters each workspace explicitly (RLS needs the tenant)
/// and deletes through SaveChanges, so the audit trail records what went.
/// </summary>
public sealed class InvitationCleanupJob(IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, TimeProvider clock, ILogger<InvitationCleanupJob> logger)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        tenant.Actor = new AuditActor("system:invitation-cleanup");
        List<Guid> workspaces;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            workspaces = await db.Workspaces.Select(w => w.Id).ToListAsync(ct);
        }
        var removed = 0;
        foreach (var workspaceId in workspaces)
        {
            using var _ = tenant.Enter(workspaceId);
            await using var db = await factory.CreateDbContextAsync(ct);
            var stale = await db.WorkspaceInvitations
                .Where(i => i.AcceptedAt == null && ((i.RevokedAt != null && i.RevokedAt < cutoff) || i.ExpiresAt < cutoff))
                .ToListAsync(ct);
            if (stale.Count == 0) continue;
            db.WorkspaceInvitations.RemoveRange(stale);
            await db.SaveChangesAsync(ct);
            removed += stale.Count;
        }
        logger.LogInformation("Invitation cleanup removed {Count} stale invitations in {Workspaces} workspaces", removed, workspaces.Count);
        return removed;
    }
}
