using System.Collections.Concurrent;
using GalaxyCo.Data;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>
/// Turns committed outbox events into webhook deliveries. Woken at once by the outbox INSERT notification (any node's
/// commit reaches every node's <see cref="ChangeFeed"/>) and, as a safety net, every <see cref="PollInterval"/> over all
/// workspaces, so rows left unprocessed by a process that died after its commit are picked up. Per workspace, in one
/// transaction: claim up to <see cref="BatchSize"/> pending events FOR UPDATE SKIP LOCKED (nodes share the work, never
/// double it), write one delivery row per event and subscribed active endpoint in one INSERT, mark the events
/// processed, commit, then hand the batch's deliveries to one sender job.
/// </summary>
public sealed class OutboxDispatcher(
    ChangeFeed feed, IServiceScopeFactory scopes, WebhookEndpointCache endpoints, IWebhookDeliveryQueue queue, TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 500;

    /// <summary>How often every workspace is checked for events nobody was woken for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a wake-up the dispatcher waits this long for more commits, so a burst becomes a few batches (and a few
    /// jobs) instead of one per event: at 1,000 events/s that is ~50 events per job for at most this much latency.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    private const int Parallelism = 4;

    private readonly ConcurrentDictionary<Guid, byte> _dirty = new();
    private readonly SemaphoreSlim _signal = new(0);
    private volatile bool _everyWorkspace = true;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the dispatcher listens (tests wait for it).</summary>
    public Task Started => _started.Task;

    /// <summary>Raised after a workspace's batch committed, with the deliveries written (tests, diagnostics).</summary>
    public event Action<Guid, int>? Dispatched;

    /// <summary>Asks for a pass over one workspace (or, with null, every workspace).</summary>
    public void Wake(Guid? workspaceId)
    {
        if (workspaceId is { } id) _dirty[id] = 0;
        else _everyWorkspace = true;
        _signal.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.SubscribeAll(OnChange);
        var poll = PollLoopAsync(stoppingToken);
        _started.TrySetResult();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken);
                if (CoalesceWindow > TimeSpan.Zero) await Task.Delay(CoalesceWindow, stoppingToken);
                // Every wake-up queued meanwhile is served by this pass.
                while (_signal.CurrentCount > 0) await _signal.WaitAsync(stoppingToken);
                await RunPassAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await poll;
    }

    private Task OnChange(DatabaseChange change)
    {
        if (change.IsResync) Wake(null);
        else if (change.RecordType == NotificationDatabaseObjects.OutboxType && change.Operation == "INSERT" && change.WorkspaceId is { } id) Wake(id);
        return Task.CompletedTask;
    }

    private async Task PollLoopAsync(CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(PollInterval, clock);
            while (await timer.WaitForNextTickAsync(ct)) Wake(null);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One pass: the workspaces woken for (or all of them), each drained batch by batch.</summary>
    public async Task RunPassAsync(CancellationToken ct)
    {
        var workspaces = new HashSet<Guid>();
        foreach (var id in _dirty.Keys)
            if (_dirty.TryRemove(id, out _)) workspaces.Add(id);
        if (_everyWorkspace)
        {
            _everyWorkspace = false;
            await using var scope = scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GalaxyDbContext>>().CreateDbContextAsync(ct);
            workspaces.UnionWith(await db.Workspaces.AsNoTracking().Select(w => w.Id).ToListAsync(ct));
        }
        await Parallel.ForEachAsync(workspaces, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (id, token) =>
        {
            try
            {
                while (await DispatchBatchAsync(id, token) == BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The events stay pending: the next wake-up or poll tries again.
                logger.LogWarning(e, "Dispatching webhook events failed for workspace {WorkspaceId}", id);
            }
        });
    }

    /// <summary>Claims and dispatches one batch of the workspace's pending events; returns how many events it took.</summary>
    public async Task<int> DispatchBatchAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.Actor = new AuditActor("system:webhooks");
        using var entered = tenant.Enter(workspaceId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GalaxyDbContext>>().CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var events = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE workspace_id = {workspaceId} AND processed_at IS NULL ORDER BY created_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        if (events.Count == 0) return 0;

        var subscribed = await endpoints.GetAsync(db, workspaceId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<WebhookDelivery>();
        foreach (var e in events)
        {
            string? body = null;
            foreach (var endpoint in subscribed)
            {
                if (!endpoint.Events.Contains(e.EventType)) continue;
                body ??= WebhookEnvelope.Build(e.EventType, e.CreatedAt, e.Payload);
                rows.Add(new WebhookDelivery
                {
                    WorkspaceId = workspaceId, WebhookId = endpoint.Id, EventId = e.Id, MessageId = WebhookEnvelope.MessageId(e.Id),
                    EventType = e.EventType, Attempt = 1, RequestBody = body, Status = WebhookDeliveryStatus.Pending,
                    ScheduledAt = now, EventCreatedAt = e.CreatedAt, CreatedAt = now,
                });
            }
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            if (rows.Count > 0) batch.BatchCommands.Add(WebhookDeliveryRows.Insert(rows));
            var mark = new NpgsqlBatchCommand("UPDATE outbox_messages SET processed_at = @now WHERE id = ANY(@ids)");
            mark.Parameters.AddWithValue("now", now);
            mark.Parameters.AddWithValue("ids", events.Select(e => e.Id).ToArray());
            batch.BatchCommands.Add(mark);
            await batch.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        if (rows.Count > 0) queue.Enqueue(workspaceId, rows.Select(r => r.Id).ToArray());
        Dispatched?.Invoke(workspaceId, rows.Count);
        return events.Count;
    }
}

/// <summary>Delivery rows written with one INSERT ... SELECT FROM unnest (no audit row per attempt: the log is the record).</summary>
internal static class WebhookDeliveryRows
{
    public static NpgsqlBatchCommand Insert(IReadOnlyList<WebhookDelivery> rows)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO webhook_deliveries (id, workspace_id, webhook_id, event_id, message_id, event_type, attempt, request_body, status,
                                            scheduled_at, is_test, replay_of, event_created_at, created_at)
            SELECT * FROM unnest(@id, @ws, @hook, @event, @msg, @type, @attempt, @body, @status, @scheduled, @test, @replay, @created_event, @created)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("id", rows.Select(r => r.Id).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ws", rows.Select(r => r.WorkspaceId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("hook", rows.Select(r => r.WebhookId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("event", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => (object?)r.EventId ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]>("msg", rows.Select(r => r.MessageId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("type", rows.Select(r => r.EventType).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("attempt", rows.Select(r => r.Attempt).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("body", rows.Select(r => r.RequestBody).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<short[]>("status", rows.Select(r => (short)r.Status).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("scheduled", rows.Select(r => r.ScheduledAt).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<bool[]>("test", rows.Select(r => r.IsTest).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("replay", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => (object?)r.ReplayOf ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("created_event", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => (object?)r.EventCreatedAt ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("created", rows.Select(r => r.CreatedAt).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        return command;
    }
}
