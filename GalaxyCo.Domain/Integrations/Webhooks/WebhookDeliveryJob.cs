using GalaxyCo.Data;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>
/// The Hangfire job that sends a batch of deliveries of one workspace. It claims the rows still Pending
/// (Pending → Sending in one UPDATE ... RETURNING, so a row queued twice is sent once), sends them concurrently, then
/// records every outcome in one transaction: the attempt rows, the endpoints' counters, a new row per retry (sent by a
/// delayed job) and, past <see cref="WebhookOptions.DisableAfterConsecutiveFailures"/> failures in a row, the
/// endpoint's disabling with its pending rows cancelled and a notification to the workspace's admins and owners.
/// </summary>
public sealed class WebhookDeliveryJob(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, WebhookSender sender, WebhookRetrySchedule retries,
    IWebhookDeliveryQueue queue, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliveryJob> logger)
{
    /// <summary>Requests in flight at once per job.</summary>
    public const int Concurrency = 16;

    private readonly WebhookOptions _options = options.Value;

    public async Task SendAsync(Guid workspaceId, Guid[] deliveryIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        if (deliveryIds.Length == 0) return;
        tenant.Actor = new AuditActor("system:webhooks");
        using var entered = tenant.Enter(workspaceId);
        var now = clock.GetUtcNow().UtcDateTime;
        List<WebhookDelivery> claimed;
        Dictionary<Guid, Webhook> hooks;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            claimed = await db.WebhookDeliveries
                .FromSql($"UPDATE webhook_deliveries SET status = 1, claimed_at = {now} WHERE id = ANY({deliveryIds}) AND status = 0 RETURNING *")
                .IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
            if (claimed.Count == 0) return;
            var hookIds = claimed.Select(d => d.WebhookId).Distinct().ToList();
            hooks = await db.Webhooks.AsNoTracking().Where(w => hookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        }

        var outcomes = new WebhookAttemptOutcome[claimed.Count];
        var order = new long[claimed.Count];
        long finished = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (i, token) =>
        {
            var d = claimed[i];
            if (!hooks.TryGetValue(d.WebhookId, out var hook) || (!hook.IsActive && !d.IsTest))
                outcomes[i] = new WebhookAttemptOutcome(false, null, null, 0, "Not sent: the endpoint is disabled.") { Skipped = true };
            else
            {
                var previous = hook.PreviousSecretExpiresAt > clock.GetUtcNow().UtcDateTime ? hook.PreviousSecret : null;
                outcomes[i] = await sender.SendAsync(new WebhookRequest(hook.Url, d.MessageId, d.RequestBody, hook.Secret, previous), token);
            }
            order[i] = Interlocked.Increment(ref finished);
        });
        await RecordAsync(workspaceId, claimed, outcomes, order, hooks, ct);
    }

    private async Task RecordAsync(Guid workspaceId, List<WebhookDelivery> claimed, WebhookAttemptOutcome[] outcomes, long[] order, Dictionary<Guid, Webhook> hooks, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();

        // The endpoints' counters, from the attempts in the order they finished.
        var tallies = new Dictionary<Guid, (int Success, int Failure, bool Reset, int Trailing)>();
        foreach (var i in Enumerable.Range(0, claimed.Count).OrderBy(i => order[i]))
        {
            if (outcomes[i].Skipped) continue;
            var t = tallies.GetValueOrDefault(claimed[i].WebhookId);
            tallies[claimed[i].WebhookId] = outcomes[i].Succeeded
                ? (t.Success + 1, t.Failure, true, 0)
                : (t.Success, t.Failure + 1, t.Reset, t.Trailing + 1);
        }
        var state = new Dictionary<Guid, int>();
        if (tallies.Count > 0)
        {
            var ids = tallies.Keys.ToArray();
            await using var update = new NpgsqlCommand("""
                UPDATE webhooks w SET success_count = w.success_count + u.s, failure_count = w.failure_count + u.f,
                    consecutive_failures = CASE WHEN u.reset THEN u.tail ELSE w.consecutive_failures + u.f END,
                    last_triggered_at = CASE WHEN u.s > 0 THEN @now ELSE w.last_triggered_at END
                FROM unnest(@ids, @s, @f, @reset, @tail) AS u(id, s, f, reset, tail)
                WHERE w.id = u.id AND w.is_active
                RETURNING w.id, w.consecutive_failures
                """, connection, transaction);
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("ids", ids);
            update.Parameters.AddWithValue("s", ids.Select(id => tallies[id].Success).ToArray());
            update.Parameters.AddWithValue("f", ids.Select(id => tallies[id].Failure).ToArray());
            update.Parameters.AddWithValue("reset", ids.Select(id => tallies[id].Reset).ToArray());
            update.Parameters.AddWithValue("tail", ids.Select(id => tallies[id].Trailing).ToArray());
            await using var reader = await update.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) state[reader.GetGuid(0)] = reader.GetInt32(1);
        }
        var disabled = state.Where(s => s.Value >= _options.DisableAfterConsecutiveFailures).Select(s => s.Key).ToHashSet();

        // Retries: a new attempt row per failure that may be tried again.
        var next = new List<WebhookDelivery>();
        var nextAttemptAt = new DateTime?[claimed.Count];
        for (var i = 0; i < claimed.Count; i++)
        {
            var (d, o) = (claimed[i], outcomes[i]);
            if (o.Succeeded || o.Skipped || o.IsGone || d.Attempt >= _options.MaxAttempts || disabled.Contains(d.WebhookId)) continue;
            if (!state.ContainsKey(d.WebhookId) && !d.IsTest) continue;
            var at = now + retries.DelayAfter(d.Attempt);
            nextAttemptAt[i] = at;
            next.Add(new WebhookDelivery
            {
                WorkspaceId = workspaceId, WebhookId = d.WebhookId, EventId = d.EventId, MessageId = d.MessageId, EventType = d.EventType,
                Attempt = d.Attempt + 1, RequestBody = d.RequestBody, Status = WebhookDeliveryStatus.Pending, ScheduledAt = at,
                IsTest = d.IsTest, ReplayOf = d.ReplayOf, EventCreatedAt = d.EventCreatedAt, CreatedAt = now,
            });
        }

        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(RecordAttempts(claimed, outcomes, nextAttemptAt, now));
            if (next.Count > 0) batch.BatchCommands.Add(WebhookDeliveryRows.Insert(next));
            if (disabled.Count > 0)
            {
                var cancel = new NpgsqlBatchCommand("""
                    UPDATE webhook_deliveries SET status = 3, completed_at = @now, error = 'Cancelled: the endpoint was disabled.'
                    WHERE webhook_id = ANY(@ids) AND status = 0
                    """);
                cancel.Parameters.AddWithValue("now", now);
                cancel.Parameters.AddWithValue("ids", disabled.ToArray());
                batch.BatchCommands.Add(cancel);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        if (disabled.Count > 0) await DisableAsync(db, workspaceId, disabled, claimed, outcomes, now, ct);
        await tx.CommitAsync(ct);

        foreach (var row in next) queue.Schedule(workspaceId, [row.Id], row.ScheduledAt - now);
        if (disabled.Count > 0) logger.LogWarning("Disabled {Count} webhook endpoint(s) of workspace {WorkspaceId} after repeated failures", disabled.Count, workspaceId);
    }

    private static NpgsqlBatchCommand RecordAttempts(List<WebhookDelivery> claimed, WebhookAttemptOutcome[] outcomes, DateTime?[] nextAttemptAt, DateTime now)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE webhook_deliveries d SET status = u.status, completed_at = @now, status_code = u.code, response_excerpt = u.excerpt,
                duration_ms = u.duration, error = u.error, next_attempt_at = u.next
            FROM unnest(@ids, @status, @code, @excerpt, @duration, @error, @next) AS u(id, status, code, excerpt, duration, error, next)
            WHERE d.id = u.id
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("ids", claimed.Select(d => d.Id).ToArray());
        command.Parameters.AddWithValue("status", outcomes.Select(o => (short)(o.Succeeded ? WebhookDeliveryStatus.Succeeded : WebhookDeliveryStatus.Failed)).ToArray());
        command.Parameters.Add(new NpgsqlParameter("code", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = outcomes.Select(o => (object?)o.StatusCode ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("excerpt", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => (object?)o.ResponseExcerpt ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("duration", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = outcomes.Select(o => (object)o.DurationMs).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => (object?)Clip(o.Error) ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = nextAttemptAt.Select(n => (object?)n ?? DBNull.Value).ToArray() });
        return command;
    }

    /// <summary>Turns the endpoints off (audited through SaveChanges) and tells the workspace's admins and owners.</summary>
    private static async Task DisableAsync(GalaxyDbContext db, Guid workspaceId, HashSet<Guid> ids, List<WebhookDelivery> claimed, WebhookAttemptOutcome[] outcomes, DateTime now, CancellationToken ct)
    {
        var slug = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Slug).FirstAsync(ct);
        var admins = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.IsActive && (m.Role == UserRole.Owner || m.Role == UserRole.Admin)).Select(m => m.UserId).ToListAsync(ct);
        var endpoints = await db.Webhooks.Where(w => ids.Contains(w.Id)).ToListAsync(ct);
        var messages = new List<NotificationMessage>();
        foreach (var hook in endpoints)
        {
            var lastError = Enumerable.Range(0, claimed.Count).Where(i => claimed[i].WebhookId == hook.Id && !outcomes[i].Succeeded)
                .Select(i => outcomes[i].Error).LastOrDefault() ?? "unknown error";
            hook.IsActive = false;
            hook.DisabledAt = now;
            hook.DisabledReason = Clip($"Disabled after {hook.ConsecutiveFailures} failed deliveries in a row. Last error: {lastError}", 500);
            messages.AddRange(admins.Select(userId => new NotificationMessage(userId, NotificationType.Warning,
                $"Webhook \"{hook.Name}\" was disabled",
                $"Deliveries to {hook.Url} failed {hook.ConsecutiveFailures} times in a row (last error: {lastError}). Fix the receiver, then re-enable the endpoint.",
                $"/w/{slug}/settings/webhooks/{hook.Id}", "Open webhook",
                new Dictionary<string, string> { ["webhookId"] = hook.Id.ToString() }, NotificationCategories.Webhook)));
        }
        await NotificationSender.AddAsync(db, messages, ct);
        await db.SaveChangesAsync(ct);
    }

    private static string? Clip(string? text, int max = 2000) => text is null || text.Length <= max ? text : text[..max];
}
