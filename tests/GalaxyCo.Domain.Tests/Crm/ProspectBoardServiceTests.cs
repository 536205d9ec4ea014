using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
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

    private static async Task<ProspectView> CardAsync(CrmActor actor, string name, ProspectStage stage = ProspectStage.New, long? value = null,
        string[]? tags = null, Guid? owner = null, int? score = null) =>
        CrmAssert.Ok(await actor.Prospects.CreateAsync(new ProspectInput { Name = name, Stage = stage, EstimatedValue = value, Tags = tags, AssignedTo = owner, Score = score }));

    [Fact]
    public async Task GetBoardAsync_GivesEveryStageItsFigures_AndOnlyTheFirstSlice()
    {
        var w = await db.CreateWorkspaceAsync("Board First Render");
        await using var owner = await host.OwnerOfAsync(w);
        for (var i = 0; i < 5; i++) await CardAsync(owner, $"N{i}", value: 100);
        await CardAsync(owner, "Q1", ProspectStage.Qualified, value: 2_500);
        await CardAsync(owner, "Q2", ProspectStage.Qualified);

        var board = CrmAssert.Ok(await owner.Board.GetBoardAsync(ProspectFilter.None, take: 3));

        Assert.Equal(ProspectBoardService.Stages, board.Select(c => c.Stage));
        var news = board.Single(c => c.Stage == ProspectStage.New);
        Assert.Equal((5, 500L), (news.Count, news.TotalValue));
        Assert.Equal(["N0", "N1", "N2"], news.Cards.Select(c => c.Name));
        var qualified = board.Single(c => c.Stage == ProspectStage.Qualified);
        Assert.Equal((2, 2_500L, 2), (qualified.Count, qualified.TotalValue, qualified.Cards.Count));
        Assert.All(board.Where(c => c.Stage is not (ProspectStage.New or ProspectStage.Qualified)), c => Assert.Equal((0, 0L, 0), (c.Count, c.TotalValue, c.Cards.Count)));
    }

    [Fact]
    public async Task GetColumnAsync_WithFilter_CountsSumsAndListsOnlyMatchingCards()
    {
        var w = await db.CreateWorkspaceAsync("Board Filter");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        await CardAsync(owner, "Alpha Hot", value: 1_000, tags: ["hot"], owner: w.OwnerUserId, score: 80);
        await CardAsync(owner, "Beta Hot", value: 3_000, tags: ["hot"], owner: member.UserId, score: 20);
        await CardAsync(owner, "Gamma Cold", value: 5_000, tags: ["cold"], owner: w.OwnerUserId, score: 90);

        var hot = CrmAssert.Ok(await owner.Board.GetColumnAsync(ProspectStage.New, new ProspectFilter { Tag = "hot" }, 0, 1));
        var mine = CrmAssert.Ok(await owner.Board.GetColumnAsync(ProspectStage.New, new ProspectFilter { Mine = true }, 0, 10));
        var valuable = CrmAssert.Ok(await owner.Board.GetColumnAsync(ProspectStage.New, new ProspectFilter { ValueMin = 2_000, ScoreMin = 50 }, 0, 10));
        var search = CrmAssert.Ok(await owner.Board.GetColumnAsync(ProspectStage.New, new ProspectFilter { Search = "bet" }, 0, 10));
        var figures = CrmAssert.Ok(await owner.Board.GetFiguresAsync(new ProspectFilter { Tag = "hot" }));

        Assert.Equal((2, 4_000L), (hot.Count, hot.TotalValue));
        Assert.Equal(["Alpha Hot"], hot.Cards.Select(c => c.Name));
        Assert.Equal((2, 6_000L), (mine.Count, mine.TotalValue));
        Assert.Equal(["Alpha Hot", "Gamma Cold"], mine.Cards.Select(c => c.Name));
        Assert.Equal(["Gamma Cold"], valuable.Cards.Select(c => c.Name));
        Assert.Equal(["Beta Hot"], search.Cards.Select(c => c.Name));
        Assert.Equal((2, 4_000L), figures.Where(f => f.Stage == ProspectStage.New).Select(f => (f.Count, f.TotalValue)).Single());
        Assert.Equal(7, figures.Count);
    }

    [Fact]
    public async Task GetCardsAsync_ReturnsTheCardsThatExistHereAndMatch_LeavingOutDeletedFilteredAndOtherWorkspaces()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var owner = await host.OwnerOfAsync(a.Workspace);
        var hot = await CardAsync(owner, "Hot", tags: ["hot"]);
        var cold = await CardAsync(owner, "Cold", tags: ["cold"]);
        var gone = await CardAsync(owner, "Gone", tags: ["hot"]);
        Assert.True((await owner.Prospects.DeleteAsync(gone.Id)).Succeeded);

        var all = CrmAssert.Ok(await owner.Board.GetCardsAsync([hot.Id, cold.Id, gone.Id, b.Rows.ProspectId]));
        var filtered = CrmAssert.Ok(await owner.Board.GetCardsAsync([hot.Id, cold.Id], new ProspectFilter { Tag = "hot" }));
        var none = CrmAssert.Ok(await owner.Board.GetCardsAsync([]));
        var tooMany = await owner.Board.GetCardsAsync(Enumerable.Range(0, ProspectBoardService.MaxBatch + 1).Select(_ => Guid.NewGuid()).ToList());

        Assert.Equal(["Cold", "Hot"], all.Select(c => c.Name).Order());
        Assert.Equal(["Hot"], filtered.Select(c => c.Name));
        Assert.Empty(none);
        CrmAssert.InvalidField(tooMany, "ids", "at most");
    }

    [Fact]
    public async Task BoardReads_OfWorkspaceA_NeverShowWorkspaceBsCards()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var ownerA = await host.OwnerOfAsync(a.Workspace);

        var board = CrmAssert.Ok(await ownerA.Board.GetBoardAsync(ProspectFilter.None));
        var figures = CrmAssert.Ok(await ownerA.Board.GetFiguresAsync(ProspectFilter.None));

        Assert.DoesNotContain(board.SelectMany(c => c.Cards), c => c.Id == b.Rows.ProspectId);
        Assert.Contains(board.SelectMany(c => c.Cards), c => c.Id == a.Rows.ProspectId);
        Assert.Equal(1, figures.Sum(f => f.Count));
        var theirs = await ownerA.Board.MoveAsync(b.Rows.ProspectId, ProspectStage.Won, null, null, 0);
        var lost = await ownerA.Loss.MarkLostAsync(b.Rows.ProspectId, "Too pricey", null, null, 0);
        Assert.Equal((ResultStatus.NotFound, ResultStatus.NotFound), (theirs.Status, lost.Status));
    }

    [Fact]
    public async Task MoveAsync_AsViewer_IsForbidden_ButViewerCanReadTheBoard()
    {
        var w = await db.CreateWorkspaceAsync("Board Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var card = await CardAsync(owner, "A");
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        var move = await reader.Board.MoveAsync(card.Id, ProspectStage.Won, null, null, card.Version);
        var lost = await reader.Loss.MarkLostAsync(card.Id, "No budget", null, null, card.Version);

        Assert.Equal((ResultStatus.Forbidden, ResultStatus.Forbidden), (move.Status, lost.Status));
        Assert.Single(CrmAssert.Ok(await reader.Board.GetBoardAsync(ProspectFilter.None)).SelectMany(c => c.Cards));
        Assert.Equal(ProspectStage.New, CrmAssert.Ok(await owner.Prospects.GetAsync(card.Id)).Stage);
    }

    [Fact]
    public async Task MoveAsync_ToAnotherStage_LogsAStageChangeOnTheTimeline()
    {
        var w = await db.CreateWorkspaceAsync("Board Timeline");
        await using var owner = await host.OwnerOfAsync(w);
        var card = await CardAsync(owner, "A");

        CrmAssert.Ok(await owner.Board.MoveAsync(card.Id, ProspectStage.Proposal, null, null, card.Version));

        var activity = Assert.Single(await host.ReadAsync(w.Id, ctx => ctx.CrmActivities.Where(x => x.RecordId == card.Id).ToListAsync()));
        Assert.Equal((CrmActivityKind.StageChange, CrmRecordType.Prospect, "new", "proposal", w.OwnerUserId),
            (activity.Kind, activity.RecordType, activity.Data["from"], activity.Data["to"], activity.ActorId!.Value));
    }

    [Fact]
    public async Task MarkLostAsync_KeepsTheReasonOnTheProspectAndItsTimeline()
    {
        var w = await db.CreateWorkspaceAsync("Board Lost");
        await using var owner = await host.OwnerOfAsync(w);
        var lost = await CardsAsync(owner, "X", ProspectStage.Lost);
        var card = await CardAsync(owner, "A", ProspectStage.Negotiation);

        var moved = CrmAssert.Ok(await owner.Loss.MarkLostAsync(card.Id, "  Went with a competitor ", beforeId: lost[0].Id, afterId: null, card.Version));

        Assert.Equal(ProspectStage.Lost, moved.Stage);
        Assert.Equal("A X", await ColumnAsync(owner, ProspectStage.Lost));
        Assert.Equal("Went with a competitor", CrmAssert.Ok(await owner.Prospects.GetAsync(card.Id)).CustomFields[ProspectLossService.ReasonField]);
        var activity = Assert.Single(await host.ReadAsync(w.Id, ctx => ctx.CrmActivities.Where(x => x.RecordId == card.Id).ToListAsync()));
        Assert.Equal((CrmActivityKind.StageChange, "negotiation", "lost", "Went with a competitor"),
            (activity.Kind, activity.Data["from"], activity.Data["to"], activity.Data["reason"]));
        Assert.Contains("Went with a competitor", activity.Body, StringComparison.Ordinal);
        Assert.Single(await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.Where(m => m.EventType == ProspectEvents.StageChanged).ToListAsync()));
    }

    [Fact]
    public async Task MarkLostAsync_WithoutAReason_IsInvalidAndMovesNothing()
    {
        var w = await db.CreateWorkspaceAsync("Board Lost Reasonless");
        await using var owner = await host.OwnerOfAsync(w);
        var card = await CardAsync(owner, "A");

        var blank = await owner.Loss.MarkLostAsync(card.Id, "   ", null, null, card.Version);
        var tooLong = await owner.Loss.MarkLostAsync(card.Id, new string('x', ProspectLossService.ReasonMaxLength + 1), null, null, card.Version);

        CrmAssert.InvalidField(blank, "reason", "why");
        CrmAssert.InvalidField(tooLong, "reason", "at most");
        var now = CrmAssert.Ok(await owner.Prospects.GetAsync(card.Id));
        Assert.Equal((ProspectStage.New, card.Version), (now.Stage, now.Version));
        Assert.Empty(await host.ReadAsync(w.Id, ctx => ctx.CrmActivities.ToListAsync()));
    }

    [Fact]
    public async Task MarkLostAsync_WithStaleVersion_IsAConflict()
    {
        var w = await db.CreateWorkspaceAsync("Board Lost Stale");
        await using var owner = await host.OwnerOfAsync(w);
        var card = await CardAsync(owner, "A");
        CrmAssert.Ok(await owner.Board.MoveAsync(card.Id, ProspectStage.Contacted, null, null, card.Version));

        var stale = await owner.Loss.MarkLostAsync(card.Id, "No budget", null, null, card.Version);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Equal(ProspectStage.Contacted, CrmAssert.Ok(await owner.Prospects.GetAsync(card.Id)).Stage);
    }

    [Fact]
    public async Task MoveAsync_OutOfLost_ClearsTheReasonFromTheRecord_ButTheTimelineKeepsIt()
    {
        var w = await db.CreateWorkspaceAsync("Board Revived");
        await using var owner = await host.OwnerOfAsync(w);
        var card = await CardAsync(owner, "A");
        var lost = CrmAssert.Ok(await owner.Loss.MarkLostAsync(card.Id, "Timing", null, null, card.Version));

        var revived = CrmAssert.Ok(await owner.Board.MoveAsync(card.Id, ProspectStage.Qualified, null, null, lost.Version));

        Assert.False(revived.CustomFields.ContainsKey(ProspectLossService.ReasonField));
        Assert.False(CrmAssert.Ok(await owner.Prospects.GetAsync(card.Id)).CustomFields.ContainsKey(ProspectLossService.ReasonField));
        var reasons = await host.ReadAsync(w.Id, ctx => ctx.CrmActivities.Where(x => x.RecordId == card.Id).OrderBy(x => x.OccurredAt).ToListAsync());
        Assert.Equal(["Timing"], reasons.Where(r => r.Data.ContainsKey("reason")).Select(r => r.Data["reason"]));
        Assert.Equal(2, reasons.Count);
    }
}
