using System.Collections.Concurrent;
using System.Threading.Channels;
using GalaxyCo.Data;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Notifications;

/// <summary>
/// Pushes people's notification changes to their open circuits on this node, whichever node wrote them: it follows
/// the committed Notification changes the database announces (<see cref="ChangeFeed"/>, fed by LISTEN/NOTIFY), loads
/// new rows once per node (not once per circuit), counts the unread of every affected person in one grouped query and
/// hands each subscriber its person's <see cref="NotificationPush"/>. Only people with a subscriber here cost a query;
/// a change without user ids or a resync recounts everyone subscribed in the workspace (every workspace on resync).
/// Work is queued off the listener's thread and merged per workspace, so a burst becomes one load.
/// </summary>
public sealed class NotificationHub(ChangeFeed feed, IServiceScopeFactory scopes, TimeProvider clock, ILogger<NotificationHub> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private readonly Channel<DatabaseChange> _queue = Channel.CreateUnbounded<DatabaseChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the hub follows the change feed (tests wait for it).</summary>
    public Task Started => _started.Task;

    /// <summary>Open subscriptions (circuits) on this node.</summary>
    public int SubscriberCount => _subscriptions.Count;

    /// <summary>Raised once per person and change with what their subscribers are handed (tests and benchmarks).</summary>
    public event Action<NotificationPush>? Pushed;

    /// <summary>Calls <paramref name="onPush"/> whenever <paramref name="userId"/>'s notifications in the workspace change, until disposed.</summary>
    public IDisposable Subscribe(Guid workspaceId, Guid userId, Func<NotificationPush, Task> onPush)
    {
        var subscription = new Subscription(this, workspaceId, userId, onPush);
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var feedSubscription = feed.SubscribeAll(OnChange);
        _started.TrySetResult();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var pending = new List<DatabaseChange>();
                while (pending.Count < MaxMerged && _queue.Reader.TryRead(out var next)) pending.Add(next);
                foreach (var work in Merge(pending))
                {
                    try
                    {
                        await ProcessAsync(work, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
#pragma warning disable CA1031 // one workspace's failed load must not stop pushes for every other
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        logger.LogWarning(e, "Notification push failed for workspace {WorkspaceId}", work.WorkspaceId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private const int MaxMerged = 10_000;

    /// <summary>Runs on the listener's thread: only queues, never blocks or queries.</summary>
    private Task OnChange(DatabaseChange change)
    {
        if (change.IsResync || change.RecordType == NotificationDatabaseObjects.NotificationType) _queue.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    /// <summary>One load per workspace: the people concerned (null: everyone subscribed) and the inserted rows to show.</summary>
    internal sealed record Work(Guid WorkspaceId, HashSet<Guid>? People, HashSet<Guid> Inserted);

    internal IEnumerable<Work> Merge(IReadOnlyList<DatabaseChange> pending)
    {
        var workspaces = pending.Any(c => c.IsResync)
            ? _subscriptions.Values.Select(s => s.WorkspaceId).Distinct().Select(w => new Work(w, null, []))
            : [];
        var merged = workspaces.ToDictionary(w => w.WorkspaceId);
        foreach (var change in pending.Where(c => !c.IsResync && c.WorkspaceId is not null))
        {
            var workspaceId = change.WorkspaceId!.Value;
            if (!merged.TryGetValue(workspaceId, out var work)) merged[workspaceId] = work = new Work(workspaceId, [], []);
            if (change.UserIds is null) merged[workspaceId] = work = work with { People = null };
            else work.People?.UnionWith(change.UserIds);
            if (change.Operation == "INSERT" && change.Ids is not null) work.Inserted.UnionWith(change.Ids);
        }
        return merged.Values;
    }

    private async Task ProcessAsync(Work work, CancellationToken ct)
    {
        var subscribers = _subscriptions.Values.Where(s => s.WorkspaceId == work.WorkspaceId && (work.People is null || work.People.Contains(s.UserId))).ToList();
        if (subscribers.Count == 0) return;
        var people = subscribers.Select(s => s.UserId).Distinct().ToList();

        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<GalaxyDbContext>>();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        using var entered = tenant.Enter(work.WorkspaceId);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);

        var added = new List<Notification>();
        if (work.Inserted.Count > 0)
        {
            var ids = work.Inserted.ToList();
            added = await db.Notifications.AsNoTracking()
                .Where(n => ids.Contains(n.Id) && n.UserId != null && people.Contains(n.UserId.Value) && !n.IsDismissed && (n.ExpiresAt == null || n.ExpiresAt > now))
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .ToListAsync(ct);
        }
        var counts = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId != null && people.Contains(n.UserId.Value) && !n.IsRead && !n.IsDismissed && (n.ExpiresAt == null || n.ExpiresAt > now))
            .GroupBy(n => n.UserId!.Value)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, ct);

        foreach (var person in people)
        {
            var push = new NotificationPush(work.WorkspaceId, person,
                added.Where(n => n.UserId == person).Select(NotificationService.ToItem).ToList(),
                counts.GetValueOrDefault(person));
            Pushed?.Invoke(push);
            // Handlers hop onto their circuit (InvokeAsync) and return: started in order, never awaited one by one.
            foreach (var s in subscribers.Where(s => s.UserId == person)) _ = DeliverAsync(s, push);
        }
    }

    private async Task DeliverAsync(Subscription s, NotificationPush push)
    {
        try
        {
            await s.OnPush(push);
        }
#pragma warning disable CA1031 // one circuit's failure must not stop delivery to the others
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "A notification subscriber failed to handle a push");
        }
    }

    private sealed class Subscription(NotificationHub hub, Guid workspaceId, Guid userId, Func<NotificationPush, Task> onPush) : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();
        public Guid WorkspaceId => workspaceId;
        public Guid UserId => userId;
        public Func<NotificationPush, Task> OnPush => onPush;
        public void Dispose() => hub._subscriptions.TryRemove(Id, out _);
    }
}
