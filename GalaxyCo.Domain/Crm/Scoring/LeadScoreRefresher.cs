using System.Threading.Channels;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Crm.Scoring;

/// <summary>
/// Keeps every prospect's score current whatever wrote the row: it listens to the committed changes the database
/// announces (prospects and customers, from services, board moves, imports, merges or raw SQL, on any app node),
/// recomputes the prospects concerned and writes only scores that changed, so its own UPDATE comes back, recomputes
/// to the same numbers and stops. A change without ids (bulk writes), a resync after a lost connection and a weights
/// change recompute the whole workspace in batches; a periodic sweep lets engagement recency decay with time.
/// Work is queued and done one item at a time, off the listener's thread, each in a fresh scope entered into the
/// workspace (RLS needs the tenant, as in <see cref="Workspaces.InvitationCleanupJob"/>).
/// </summary>
public sealed class LeadScoreRefresher(
    ChangeFeed feed, LeadScoreQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<LeadScoreRefresher> logger) : BackgroundService
{
    /// <summary>How often every workspace is recomputed, so "last contacted 6 days ago" decays without any write.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(6);

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the refresher is subscribed to the change feed (tests wait for it).</summary>
    public Task Started => _started.Task;

    /// <summary>Raised after each piece of work with the number of scores it changed (tests and diagnostics).</summary>
    public event Action<LeadScoreWork, int>? Processed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.SubscribeAll(OnChange);
        using var sweep = new PeriodicTimer(SweepInterval, clock);
        var sweeping = SweepLoopAsync(sweep, stoppingToken);
        _started.TrySetResult();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Everything queued meanwhile is merged per workspace: an import's or a bulk edit's thousand
                // notifications become one recompute, so the refresher keeps up with any burst.
                var pending = new List<LeadScoreWork>();
                while (pending.Count < MaxMerged && queue.Reader.TryRead(out var next)) pending.Add(next);
                foreach (var work in Merge(pending))
                {
                    try
                    {
                        var changed = await ProcessAsync(work, stoppingToken);
                        Processed?.Invoke(work, changed);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
#pragma warning disable CA1031 // one failed recompute must not stop scoring for every workspace
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        logger.LogWarning(e, "Lead score recompute failed for workspace {WorkspaceId}", work.WorkspaceId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await sweeping;
    }

    private const int MaxMerged = 10_000;

    /// <summary>Past this many ids a workspace is simply rescanned in batches.</summary>
    private const int MaxMergedIds = 5_000;

    /// <summary>One piece of work per workspace (whole workspace if any piece wants it), every-workspace work first.</summary>
    internal static IEnumerable<LeadScoreWork> Merge(IReadOnlyList<LeadScoreWork> pending)
    {
        if (pending.Any(w => w.WorkspaceId is null)) yield return new LeadScoreWork(null, null, null);
        foreach (var group in pending.Where(w => w.WorkspaceId is not null).GroupBy(w => w.WorkspaceId))
        {
            if (group.Any(w => w.IsWholeWorkspace))
            {
                yield return new LeadScoreWork(group.Key, null, null);
                continue;
            }
            var prospects = group.SelectMany(w => w.ProspectIds ?? []).Distinct().ToList();
            var customers = group.SelectMany(w => w.CustomerIds ?? []).Distinct().ToList();
            yield return prospects.Count + customers.Count > MaxMergedIds
                ? new LeadScoreWork(group.Key, null, null)
                : new LeadScoreWork(group.Key, prospects, customers);
        }
    }

    private Task OnChange(DatabaseChange change)
    {
        if (change.IsResync)
        {
            queue.EnqueueEveryWorkspace();
            return Task.CompletedTask;
        }
        if (change.WorkspaceId is not { } workspaceId || change.Operation == "DELETE") return Task.CompletedTask;
        if (change.RecordType == nameof(CrmRecordType.Prospect)) queue.Enqueue(new LeadScoreWork(workspaceId, change.Ids, null));
        // Only an edit can change a linked customer's size; a new customer has no prospects linked yet.
        else if (change.RecordType == nameof(CrmRecordType.Customer) && change.Operation == "UPDATE")
            queue.Enqueue(new LeadScoreWork(workspaceId, null, change.Ids ?? []) { AllCustomers = change.Ids is null });
        return Task.CompletedTask;
    }

    private async Task SweepLoopAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) queue.EnqueueEveryWorkspace();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<int> ProcessAsync(LeadScoreWork work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<GalaxyDbContext>>();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.Actor = new AuditActor("system:lead-scoring");
        var now = clock.GetUtcNow().UtcDateTime;

        if (work.WorkspaceId is not { } workspaceId)
        {
            List<Guid> workspaces;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                workspaces = await db.Workspaces.AsNoTracking().Where(w => w.IsActive).Select(w => w.Id).ToListAsync(ct);
            }
            foreach (var id in workspaces) queue.Enqueue(new LeadScoreWork(id, null, null));
            return 0;
        }

        using var _ = tenant.Enter(workspaceId);
        await using var ctx = await factory.CreateDbContextAsync(ct);
        if (work.AllCustomers || (work.ProspectIds is null && work.CustomerIds is null))
            return await LeadScoreStore.RecomputeWorkspaceAsync(ctx, workspaceId, now, ct);
        var ids = new HashSet<Guid>(work.ProspectIds ?? []);
        if (work.CustomerIds is { Count: > 0 } customers) ids.UnionWith(await LeadScoreStore.ProspectsOfCustomersAsync(ctx, customers, ct));
        return await LeadScoreStore.RecomputeAsync(ctx, workspaceId, ids, now, ct);
    }
}

/// <summary>
/// One piece of scoring work: some prospects, the prospects of some customers, a whole workspace (both null), or
/// every workspace (<see cref="WorkspaceId"/> null).
/// </summary>
public sealed record LeadScoreWork(Guid? WorkspaceId, IReadOnlyList<Guid>? ProspectIds, IReadOnlyList<Guid>? CustomerIds)
{
    /// <summary>Every customer of the workspace changed (a bulk edit): recompute the whole workspace.</summary>
    public bool AllCustomers { get; init; }

    public bool IsWholeWorkspace => AllCustomers || (ProspectIds is null && CustomerIds is null);
}

/// <summary>The refresher's work queue (a singleton), also fed by <see cref="LeadScoringService"/> when weights change.</summary>
public sealed class LeadScoreQueue
{
    private readonly Channel<LeadScoreWork> _channel = Channel.CreateUnbounded<LeadScoreWork>(new UnboundedChannelOptions { SingleReader = true });

    internal ChannelReader<LeadScoreWork> Reader => _channel.Reader;

    public void Enqueue(LeadScoreWork work) => _channel.Writer.TryWrite(work);

    public void EnqueueWorkspace(Guid workspaceId) => Enqueue(new LeadScoreWork(workspaceId, null, null));

    public void EnqueueEveryWorkspace() => Enqueue(new LeadScoreWork(null, null, null));
}
