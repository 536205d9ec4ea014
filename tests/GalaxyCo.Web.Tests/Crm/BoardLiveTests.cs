using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Crm.Board;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Crm;

/// <summary>The board page on the real database: first render, live updates from the change feed, and keyboard moves.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BoardLiveTests(PostgresDatabase database)
{
    private static GalaxyBunitContext Context(PostgresDatabase database, TestWorkspace w) =>
        GalaxyBunitContext.ActingAs(database, w, s =>
        {
            s.AddCrm();
            s.AddSingleton<ChangeFeed>();
        });

    private async Task<List<Prospect>> ArrangeAsync(TestWorkspace w, params (string Name, ProspectStage Stage, long? Value)[] cards)
    {
        await using var db = database.CreateContext(w.Tenant());
        var rows = cards.Select((c, i) => new Prospect { Name = c.Name, Stage = c.Stage, EstimatedValue = c.Value, Position = (i + 1) * 1024 }).ToList();
        db.Prospects.AddRange(rows);
        await db.SaveChangesAsync();
        return rows;
    }

    private static IRenderedComponent<ProspectBoardPage> RenderBoard(GalaxyBunitContext ctx, TestWorkspace w)
    {
        ctx.RenderProviders();
        var cut = ctx.Render<ProspectBoardPage>(p => p.Add(b => b.Slug, w.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=board]")));
        return cut;
    }

    private static string[] Names(IRenderedComponent<ProspectBoardPage> cut, string stage) =>
        cut.FindAll($"[data-testid=column-{stage}] [data-testid=card-name]").Select(n => n.TextContent).ToArray();

    [Fact]
    public async Task Render_ShowsEveryStageWithItsCountValueAndCards()
    {
        var w = await database.CreateWorkspaceAsync("Board Render");
        await ArrangeAsync(w, ("Alpha", ProspectStage.New, 100_000), ("Beta", ProspectStage.New, 50_000), ("Gamma", ProspectStage.Won, null));
        await using var ctx = Context(database, w);

        var cut = RenderBoard(ctx, w);

        Assert.Equal(7, cut.FindAll("[data-testid^=column-]").Count(c => c.GetAttribute("data-stage") is not null));
        Assert.Equal(["Alpha", "Beta"], Names(cut, "new"));
        Assert.Equal("2", cut.Find("[data-testid=column-new] [data-testid=column-count]").TextContent.Trim());
        Assert.Equal("$1,500", cut.Find("[data-testid=column-new] [data-testid=column-sum]").TextContent.Trim());
        Assert.Equal(["Gamma"], Names(cut, "won"));
        Assert.Contains("3 prospects", cut.Find("[data-testid=board-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveChange_MadeElsewhere_MovesTheCardAndUpdatesFigures_WithoutReload()
    {
        var w = await database.CreateWorkspaceAsync("Board Live");
        var rows = await ArrangeAsync(w, ("Alpha", ProspectStage.New, 100_000), ("Beta", ProspectStage.New, null));
        await using var ctx = Context(database, w);
        var cut = RenderBoard(ctx, w);
        var feed = ctx.Services.GetRequiredService<ChangeFeed>();

        // Someone else (another circuit, maybe another node) moves Alpha; the listener would publish this.
        var board = ctx.Services.GetRequiredService<ProspectBoardService>();
        var version = (await board.GetCardsAsync([rows[0].Id])).Value!.Single().Version;
        Assert.True((await board.MoveAsync(rows[0].Id, ProspectStage.Proposal, null, null, version)).Succeeded);
        feed.Publish(new DatabaseChange(w.Id, nameof(CrmRecordType.Prospect), "UPDATE", [rows[0].Id]));

        cut.WaitForAssertion(() => Assert.Equal(["Alpha"], Names(cut, "proposal")));
        Assert.Equal(["Beta"], Names(cut, "new"));
        cut.WaitForAssertion(() => Assert.Equal("$1,000", cut.Find("[data-testid=column-proposal] [data-testid=column-sum]").TextContent.Trim()));
        Assert.Equal("1", cut.Find("[data-testid=column-new] [data-testid=column-count]").TextContent.Trim());

        // Another workspace's change is not this board's business.
        feed.Publish(new DatabaseChange(Guid.NewGuid(), nameof(CrmRecordType.Prospect), "DELETE", [rows[1].Id]));
        await Task.Delay(300);
        Assert.Equal(["Beta"], Names(cut, "new"));
    }

    [Fact]
    public async Task Keyboard_SpaceArrowRightSpace_MovesTheCardToTheNextStageAndSavesIt()
    {
        var w = await database.CreateWorkspaceAsync("Board Keys");
        var rows = await ArrangeAsync(w, ("Alpha", ProspectStage.New, null), ("Beta", ProspectStage.New, null));
        await using var ctx = Context(database, w);
        var cut = RenderBoard(ctx, w);

        cut.Find($"[data-card-id='{rows[1].Id}']").KeyDown(new KeyboardEventArgs { Key = " " });
        cut.WaitForAssertion(() => Assert.Contains("Picked up Beta", cut.Find("[data-testid=board-announcer]").TextContent, StringComparison.Ordinal));
        cut.Find($"[data-card-id='{rows[1].Id}']").KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        cut.WaitForAssertion(() => Assert.Equal(["Beta"], Names(cut, "contacted")));
        Assert.Equal("true", cut.Find($"[data-card-id='{rows[1].Id}']").GetAttribute("aria-grabbed"));
        cut.Find($"[data-card-id='{rows[1].Id}']").KeyDown(new KeyboardEventArgs { Key = " " });

        cut.WaitForAssertion(() => Assert.Contains("moved to Contacted", cut.Find("[data-testid=board-announcer]").TextContent, StringComparison.Ordinal));
        await using var db = database.CreateContext(w.Tenant());
        Assert.Equal(ProspectStage.Contacted, (await db.Prospects.SingleAsync(p => p.Id == rows[1].Id)).Stage);
        Assert.Equal(["Alpha"], Names(cut, "new"));
    }

    [Fact]
    public async Task Keyboard_Escape_PutsTheCardBackAndSavesNothing()
    {
        var w = await database.CreateWorkspaceAsync("Board Escape");
        var rows = await ArrangeAsync(w, ("Alpha", ProspectStage.New, null));
        await using var ctx = Context(database, w);
        var cut = RenderBoard(ctx, w);
        var card = () => cut.Find($"[data-card-id='{rows[0].Id}']");

        card().KeyDown(new KeyboardEventArgs { Key = "Enter" });
        card().KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        cut.WaitForAssertion(() => Assert.Equal(["Alpha"], Names(cut, "contacted")));
        card().KeyDown(new KeyboardEventArgs { Key = "Escape" });

        cut.WaitForAssertion(() => Assert.Equal(["Alpha"], Names(cut, "new")));
        Assert.Contains("cancelled", cut.Find("[data-testid=board-announcer]").TextContent, StringComparison.Ordinal);
        await using var db = database.CreateContext(w.Tenant());
        Assert.Equal(ProspectStage.New, (await db.Prospects.SingleAsync(p => p.Id == rows[0].Id)).Stage);
    }
}
