using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>
/// Every minute (Hangfire recurring "webhook-sweep"): hands back to senders what nobody is sending. Pending rows more
/// than <see cref="OverdueAfter"/> past their time (a lost or late job) and rows claimed longer than twice the timeout
/// ago (the sender's process died mid-send: sent again, receivers dedupe by webhook-id).
/// </summary>
public sealed class WebhookSweepJob(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, IWebhookDeliveryQueue queue, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookSweepJob> logger)
{
    public const string RecurringJobId = "webhook-sweep";

    public static readonly TimeSpan OverdueAfter = TimeSpan.FromSeconds(30);

    private const int BatchSize = 500;

    /// <summary>Returns how many deliveries it queued again.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        tenant.Actor = new AuditActor("system:webhooks");
        List<Guid> workspaces;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            workspaces = await db.Workspaces.AsNoTracking().Select(w => w.Id).ToListAsync(ct);
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
                logger.LogError(e, "Webhook sweep failed for workspace {WorkspaceId}", id);
            }
        }
        return queued;
    }

    public async Task<int> SweepWorkspaceAsync(Guid workspaceId, CancellationToken ct)
    {
        using var entered = tenant.Enter(workspaceId);
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - (options.Value.Timeout * 2);
        var overdue = now - OverdueAfter;
        await using var db = await factory.CreateDbContextAsync(ct);
        // status 0 = Pending, 1 = Sending (smallint, so the partial index on (workspace_id, scheduled_at) serves both).
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE webhook_deliveries SET status = 0, claimed_at = NULL
            WHERE workspace_id = {workspaceId} AND status = 1 AND claimed_at < {stale}
            RETURNING id
            """).ToListAsync(ct);
        ids.AddRange(await db.Database.SqlQuery<Guid>($"""
            SELECT id FROM webhook_deliveries
            WHERE workspace_id = {workspaceId} AND status = 0 AND scheduled_at < {overdue}
            ORDER BY scheduled_at LIMIT 10000
            """).ToListAsync(ct));
        var distinct = ids.Distinct().ToList();
        foreach (var chunk in distinct.Chunk(BatchSize)) queue.Enqueue(workspaceId, chunk);
        return distinct.Count;
    }
}
