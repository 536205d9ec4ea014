using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Knowledge.Ingestion;

/// <summary>
/// Every 5 minutes (Hangfire recurring "knowledge-sweep"): items "processing" whose job is gone (lost with a crashed
/// node, a flushed queue) are queued again. A live job stamps its item's updated_at when it starts and at least every
/// <see cref="KnowledgeIngestionJob.HeartbeatEvery"/>, so an item untouched for <see cref="StaleAfter"/> has no job.
/// The sweep stamps what it re-queues, so the next sweep waits for that job instead of queueing another.
/// </summary>
public sealed class KnowledgeSweepJob(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, IKnowledgeIngestionQueue queue, TimeProvider clock,
    ILogger<KnowledgeSweepJob> logger)
{
    public const string RecurringJobId = "knowledge-sweep";

    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(15);

    /// <summary>Returns how many items it queued again.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        tenant.Actor = new AuditActor("system:knowledge");
        List<Guid> workspaces;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            workspaces = await db.Workspaces.AsNoTracking().Where(w => w.IsActive).Select(w => w.Id).ToListAsync(ct);
        }
        var queued = 0;
        foreach (var id in workspaces)
        {
            try
            {
                queued += await SweepWorkspaceAsync(id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Knowledge sweep failed for workspace {WorkspaceId}", id);
            }
        }
        return queued;
    }

    public async Task<int> SweepWorkspaceAsync(Guid workspaceId, CancellationToken ct = default)
    {
        using var entered = tenant.Enter(workspaceId);
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - StaleAfter;
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await db.KnowledgeItems.AsNoTracking()
            .Where(i => i.Status == KnowledgeItemStatus.Processing && i.UpdatedAt < stale)
            .OrderBy(i => i.UpdatedAt).Select(i => i.Id).Take(1000).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        await db.KnowledgeItems.Where(i => ids.Contains(i.Id) && i.Status == KnowledgeItemStatus.Processing)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, now), ct);
        foreach (var id in ids) queue.Enqueue(workspaceId, id);
        logger.LogWarning("Queued {Count} stalled knowledge item(s) of workspace {WorkspaceId} again", ids.Count, workspaceId);
        return ids.Count;
    }
}
