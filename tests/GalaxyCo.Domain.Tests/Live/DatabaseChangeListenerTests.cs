using System.Collections.Concurrent;
using System.Diagnostics;
using GalaxyCo.Data;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace GalaxyCo.Domain.Tests.Live;

/// <summary>
/// The live path the board relies on: a prospect change committed through the services reaches, through PostgreSQL
/// NOTIFY, the <see cref="ChangeFeed"/> of every app node (two listeners here, as two nodes would run them), for
/// the subscribers of its workspace only.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseChangeListenerTests(PostgresDatabase db) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    /// <summary>One app node: its own listener (one LISTEN connection as the app role) feeding its own feed.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly DatabaseChangeListener listener;

        public Node(string appConnectionString)
        {
            Feed = new ChangeFeed(NullLogger<ChangeFeed>.Instance);
            listener = new DatabaseChangeListener(new LiveChangesOptions(appConnectionString), Feed, NullLogger<DatabaseChangeListener>.Instance);
        }

        public ChangeFeed Feed { get; }

        public async Task StartAsync()
        {
            await listener.StartAsync(CancellationToken.None);
            await listener.Listening.WaitAsync(Patience);
        }

        public async ValueTask DisposeAsync()
        {
            await listener.StopAsync(CancellationToken.None);
            listener.Dispose();
        }
    }

    /// <summary>What one subscriber (one open board) received.</summary>
    private sealed class Inbox
    {
        public ConcurrentQueue<(DatabaseChange Change, long At)> Received { get; } = new();

        public Task OnChange(DatabaseChange change)
        {
            Received.Enqueue((change, Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        }

        public bool Has(Guid id, string operation) =>
            Received.Any(r => r.Change.RecordType == "Prospect" && r.Change.Operation == operation && r.Change.Ids?.Contains(id) == true);

        public async Task<long> WaitForAsync(Guid id, string operation)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < Patience)
            {
                var hit = Received.FirstOrDefault(r => r.Change.RecordType == "Prospect" && r.Change.Operation == operation && r.Change.Ids?.Contains(id) == true);
                if (hit.Change is not null) return hit.At;
                await Task.Delay(20);
            }
            Assert.Fail($"No {operation} of prospect {id} arrived within {Patience.TotalSeconds} s; got: {string.Join(", ", Received.Select(r => $"{r.Change.RecordType} {r.Change.Operation}"))}");
            return 0;
        }
    }

    [Fact]
    public async Task ProspectChange_InWorkspaceA_ReachesEveryNodesSubscribersOfA_AndNoSubscriberOfB()
    {
        var a = await db.CreateWorkspaceAsync("Live A");
        var b = await db.CreateWorkspaceAsync("Live B");
        await using var node1 = new Node(db.AppConnectionString);
        await using var node2 = new Node(db.AppConnectionString);
        await node1.StartAsync();
        await node2.StartAsync();
        Inbox boardA1 = new(), boardA2 = new(), boardB1 = new(), boardB2 = new();
        using var s1 = node1.Feed.Subscribe(a.Id, boardA1.OnChange);
        using var s2 = node2.Feed.Subscribe(a.Id, boardA2.OnChange);
        using var s3 = node1.Feed.Subscribe(b.Id, boardB1.OnChange);
        using var s4 = node2.Feed.Subscribe(b.Id, boardB2.OnChange);
        await using var ownerA = await host.OwnerOfAsync(a);
        await using var ownerB = await host.OwnerOfAsync(b);

        var created = CrmAssert.Ok(await ownerA.Prospects.CreateAsync(new ProspectInput { Name = "Live card" }));
        await boardA1.WaitForAsync(created.Id, "INSERT");
        await boardA2.WaitForAsync(created.Id, "INSERT");

        var committed = Stopwatch.GetTimestamp();
        CrmAssert.Ok(await ownerA.Board.MoveAsync(created.Id, ProspectStage.Won, null, null, created.Version));
        var arrived1 = await boardA1.WaitForAsync(created.Id, "UPDATE");
        var arrived2 = await boardA2.WaitForAsync(created.Id, "UPDATE");
        Assert.True(Stopwatch.GetElapsedTime(committed, Math.Max(arrived1, arrived2)) < TimeSpan.FromSeconds(1), "a move should reach both nodes within a second");

        Assert.True((await ownerA.Prospects.DeleteAsync(created.Id)).Succeeded);
        await boardA1.WaitForAsync(created.Id, "DELETE");
        await boardA2.WaitForAsync(created.Id, "DELETE");

        // B's boards are listening (they hear B's own change), yet heard nothing of A's.
        var theirs = CrmAssert.Ok(await ownerB.Prospects.CreateAsync(new ProspectInput { Name = "B card" }));
        await boardB1.WaitForAsync(theirs.Id, "INSERT");
        await boardB2.WaitForAsync(theirs.Id, "INSERT");
        Assert.All(boardB1.Received.Concat(boardB2.Received), r => Assert.Equal(b.Id, r.Change.WorkspaceId));
        Assert.False(boardB1.Has(created.Id, "INSERT") || boardB2.Has(created.Id, "UPDATE"));
        Assert.DoesNotContain(boardA1.Received.Concat(boardA2.Received), r => r.Change.WorkspaceId != a.Id);
    }
}
