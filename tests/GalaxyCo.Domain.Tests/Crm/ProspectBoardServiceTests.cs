using GalaxyCo.Data;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class ProspectBoardServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    private static async Task<List<ProspectView>> CardsAsync(CrmActor actor, string names, ProspectStage stage = ProspectStage.New)
    {
        var cards = new List<ProspectView>();
        foreach (var name in names.Split(' ')) cards.Add(CrmAssert.Ok(await actor.Prospects.CreateAsync(new ProspectInput { Name = name, Stage = stage })));
        return cards;
    }

    private static async Task<string> ColumnAsync(CrmActor actor, ProspectStage stage = ProspectStage.New) =>
        string.Join(' ', CrmAssert.Ok(await actor.Board.GetColumnAsync(stage)).Cards.Select(c => c.Name));

    private async Task<Dictionary<Guid, uint>> VersionsAsync(Guid workspaceId) =>
        await host.ReadAsync(workspaceId, ctx => ctx.Prospects.ToDictionaryAsync(p => p.Id, p => p.Version));

    [Fact]
    public async Task MoveAsync_BetweenTwoCards_PutsItBetween_AndWritesOneRow()
    {
        var w = await db.CreateWorkspaceAsync("Board Between");
        await using var owner = await host.OwnerOfAsync(w);
        var c = await CardsAsync(owner, "A B C D");
        var before = await VersionsAsync(w.Id);

        var moved = CrmAssert.Ok(await owner.Board.MoveAsync(c[3].Id, ProspectStage.New, beforeId: c[1].Id, afterId: c[0].Id, c[3].Version));

        Assert.Equal("A D B C", await ColumnAsync(owner));
        Assert.True(moved.Position > c[0].Position && moved.Position < c[1].Position);
        var after = await VersionsAsync(w.Id);
        Assert.Equal([c[3].Id], after.Where(v => before[v.Key] != v.Value).Select(v => v.Key));
        Assert.False(await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.AnyAsync(m => m.EventType == ProspectEvents.StageChanged)));
        Assert.True(await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.AnyAsync(a => a.ResourceId == c[3].Id.ToString() && a.Action == "update")));
    }

    [Fact]
    public async Task MoveAsync_ToTop_PutsItFirst()
    {
        var w = await db.CreateWorkspaceAsync("Board Top");
        await using var owner = await host.OwnerOfAsync(w);
        var c = await CardsAsync(owner, "A B C");

        CrmAssert.Ok(await owner.Board.MoveAsync(c[2].Id, ProspectStage.New, beforeId: c[0].Id, afterId: null, c[2].Version));

        Assert.Equal("C A B", await ColumnAsync(owner));
    }

    [Fact]
    public async Task MoveAsync_ToBottom_PutsItLast()
    {
        var w = await db.CreateWorkspaceAsync("Board Bottom");
        await using var owner = await host.OwnerOfAsync(w);
        var c = await CardsAsync(owner, "A B C");

        CrmAssert.Ok(await owner.Board.MoveAsync(c[0].Id, ProspectStage.New, beforeId: null, afterId: c[2].Id, c[0].Version));
        Assert.Equal("B C A", await ColumnAsync(owner));

        var b = CrmAssert.Ok(await owner.Prospects.GetAsync(c[1].Id));
        CrmAssert.Ok(await owner.Board.MoveAsync(b.Id, ProspectStage.New, null, null, b.Version));
        Assert.Equal("C A B", await ColumnAsync(owner));
    }

    [Fact]
    public async Task MoveAsync_AfterACardThatIsNoLongerLast_GoesRightAfterIt()
    {
        var w = await db.CreateWorkspaceAsync("Board After");
        await using var owner = await host.OwnerOfAsync(w);
        var c = await CardsAsync(owner, "A B C");

        // The client saw A as the last card; B and C are below it now: the card still lands right after A.
        CrmAssert.Ok(await owner.Board.MoveAsync(c[2].Id, ProspectStage.New, beforeId: null, afterId: c[0].Id, c[2].Version));

        Assert.Equal("A C B", await ColumnAsync(owner));
    }

    [Fact]
    public async Task MoveAsync_ToAnotherStage_WritesStageChangedEventInSameSave()
    {
        var w = await db.CreateWorkspaceAsync("Board Stage");
        await using var owner = await host.OwnerOfAsync(w);
        var news = await CardsAsync(owner, "A");
        var qualified = await CardsAsync(owner, "X Y", ProspectStage.Qualified);

        var moved = CrmAssert.Ok(await owner.Board.MoveAsync(news[0].Id, ProspectStage.Qualified, beforeId: qualified[1].Id, afterId: qualified[0].Id, news[0].Version));

        Assert.Equal(ProspectStage.Qualified, moved.Stage);
        Assert.Equal("X A Y", await ColumnAsync(owner, ProspectStage.Qualified));
        Assert.Equal("", await ColumnAsync(owner));
        var e = Assert.Single(await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.Where(m => m.EventType == ProspectEvents.StageChanged).ToListAsync()));
        Assert.Equal((news[0].Id.ToString(), "new", "qualified", w.OwnerUserId.ToString()), (e.Payload["prospectId"], e.Payload["from"], e.Payload["to"], e.Payload["userId"]));
        Assert.Null(e.ProcessedAt);
    }

    [Fact]
    public async Task MoveAsync_IntoEmptyColumn_Works()
    {
        var w = await db.CreateWorkspaceAsync("Board Empty");
        await using var owner = await host.OwnerOfAsync(w);
        var c = await CardsAsync(owner, "A");

        CrmAssert.Ok(await owner.Board.MoveAsync(c[0].Id, ProspectStage.Negotiation, null, null, c[0].Version));

        Assert.Equal("A", await ColumnAsync(owner, ProspectStage.Negotiation));
    }

    [Fact]
    public async Task MoveAsync_BetweenCardsTooCloseTogether_RenumbersTheColumnAndKeepsOrder()
    {
        var w = await db.CreateWorkspaceAsync("Board Renumber");
        await using var owner = await host.OwnerOfAsync(w);
        var c = await CardsAsync(owner, "A B C D");
        await using (var ctx = host.Context(w.Id))
        {
            // Many moves into the same slot leave neighbours closer than a double can reliably split.
            var positions = new Dictionary<Guid, double> { [c[0].Id] = 5, [c[1].Id] = 5 + 1e-10, [c[2].Id] = 5 + 2e-10, [c[3].Id] = 9 };
            foreach (var p in await ctx.Prospects.ToListAsync()) p.Position = positions[p.Id];
            await ctx.SaveChangesAsync();
        }
        var d = CrmAssert.Ok(await owner.Prospects.GetAsync(c[3].Id));

        var moved = CrmAssert.Ok(await owner.Board.MoveAsync(d.Id, ProspectStage.New, beforeId: c[2].Id, afterId: c[1].Id, d.Version));

        Assert.Equal("A B D C", await ColumnAsync(owner));
        var positionsNow = await host.ReadAsync(w.Id, ctx => ctx.Prospects.OrderBy(p => p.Position).Select(p => p.Position).ToListAsync());
        Assert.Equal([ProspectBoardService.Step, 2 * ProspectBoardService.Step, moved.Position, 3 * ProspectBoardService.Step], positionsNow);
        Assert.Equal(2.5 * ProspectBoardService.Step, moved.Position);
    }

    [Fact]
    public async Task MoveAsync_WithStaleVersion_ReturnsConflictAndLeavesCardWhereItIs()
    {
        var w = await db.CreateWorkspaceAsync("Board Conflict");
        await using var alice = await host.OwnerOfAsync(w);
        await using var bob = await host.OwnerOfAsync(w);
        var c = await CardsAsync(alice, "A B C");

        CrmAssert.Ok(await alice.Board.MoveAsync(c[0].Id, ProspectStage.Won, null, null, c[0].Version));
        var stale = await bob.Board.MoveAsync(c[0].Id, ProspectStage.Lost, null, null, c[0].Version);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Contains("where it really is", stale.Message, StringComparison.Ordinal);
        Assert.Equal(ProspectStage.Won, CrmAssert.Ok(await bob.Prospects.GetAsync(c[0].Id)).Stage);
        Assert.Single(await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.Where(m => m.EventType == ProspectEvents.StageChanged).ToListAsync()));
    }

    [Fact]
    public async Task MoveAsync_SameCardAtOnce_OneWinsAndTheOtherGetsConflict()
    {
        var w = await db.CreateWorkspaceAsync("Board Race");
        await using var alice = await host.OwnerOfAsync(w);
        await using var bob = await host.OwnerOfAsync(w);
        var c = await CardsAsync(alice, "A");

        var results = await Task.WhenAll(
            alice.Board.MoveAsync(c[0].Id, ProspectStage.Won, null, null, c[0].Version),
            bob.Board.MoveAsync(c[0].Id, ProspectStage.Lost, null, null, c[0].Version));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Status == ResultStatus.Conflict);
        var winner = results.Single(r => r.Succeeded).Value!.Stage;
        Assert.Equal(winner, CrmAssert.Ok(await alice.Prospects.GetAsync(c[0].Id)).Stage);
        Assert.Single(await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.Where(m => m.EventType == ProspectEvents.StageChanged).ToListAsync()));
    }

    [Fact]
    public async Task MoveAsync_NextToACardOfAnotherColumnOrWorkspace_IsInvalid()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var owner = await host.OwnerOfAsync(a.Workspace);
        var c = await CardsAsync(owner, "A B");

        var otherColumn = await owner.Board.MoveAsync(c[0].Id, ProspectStage.New, beforeId: null, afterId: a.Rows.ProspectId, c[0].Version);
        var otherWorkspace = await owner.Board.MoveAsync(c[0].Id, ProspectStage.Qualified, beforeId: b.Rows.ProspectId, afterId: null, c[0].Version);
        var itself = await owner.Board.MoveAsync(c[0].Id, ProspectStage.New, beforeId: c[0].Id, afterId: null, c[0].Version);

        CrmAssert.InvalidField(otherColumn, "afterId", "no longer in this column");
        CrmAssert.InvalidField(otherWorkspace, "beforeId", "no longer in this column");
        CrmAssert.InvalidField(itself, "position", "next to itself");
        Assert.Equal(c[0].Version, CrmAssert.Ok(await owner.Prospects.GetAsync(c[0].Id)).Version);
    }
}
