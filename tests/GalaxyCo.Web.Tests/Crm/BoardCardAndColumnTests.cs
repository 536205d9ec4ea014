using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Web.Components.Pages.Crm.Board;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace GalaxyCo.Web.Tests.Crm;

/// <summary>The board's card and column as a person sees them: no database, just what they render from their data.</summary>
public sealed class BoardCardAndColumnTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>MudBlazor with loose JS; dispose with await using (MudBlazor's services dispose only asynchronously).</summary>
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        // The card's score badge can explain a score on demand: its services are there, never called by these renders.
        ctx.Services.AddGalaxyData("Host=127.0.0.1;Database=not_used_by_render");
        ctx.Services.AddWorkspaces();
        ctx.Services.AddCrm();
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    internal static ProspectView Card(string name, string? company = null, long? value = null, int? score = null, DateTime? followUp = null,
        IReadOnlyList<string>? tags = null, Guid? owner = null, ProspectStage stage = ProspectStage.New, double position = 1024) => new(
        Guid.NewGuid(), name, null, null, company, null, null, stage, position, score, value, owner, null, null, followUp, 0, tags ?? [],
        new Dictionary<string, string>(), null, false, null, Now, Now, 1);

    [Fact]
    public async Task ProspectCard_ShowsNameCompanyValueScoreOwnerAndTags()
    {
        var owner = Guid.NewGuid();
        var card = Card("Jane Doe", "Acme Corp", value: 1_250_000, score: 82, tags: ["hot", "enterprise"], owner: owner);

        await using var ctx = NewContext();
        var cut = ctx.Render<ProspectCard>(p => p.Add(c => c.Card, card).Add(c => c.OwnerName, "Ada Lovelace").Add(c => c.Now, Now));

        Assert.Equal("Jane Doe", cut.Find("[data-testid=card-name]").TextContent);
        Assert.Contains("Acme Corp", cut.Markup);
        Assert.Equal("$12,500", cut.Find("[data-testid=card-value]").TextContent.Trim());
        Assert.Contains("82", cut.Find("[data-testid=card-score]").TextContent);
        Assert.Equal("AL", cut.Find("[data-testid=card-owner]").TextContent.Trim());
        Assert.Equal(["hot", "enterprise"], cut.FindAll("[data-testid=card-tags] .gc-card-tag").Select(t => t.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=card-followup]"));
    }

    [Fact]
    public async Task ProspectCard_WithAPastFollowUp_ShowsItRedAsOverdue()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<ProspectCard>(p => p.Add(c => c.Card, Card("Late", followUp: Now.AddDays(-3))).Add(c => c.Now, Now));

        var followUp = cut.Find("[data-testid=card-followup]");
        Assert.Equal("true", followUp.GetAttribute("data-overdue"));
        Assert.Contains("mud-error-text", followUp.ClassName, StringComparison.Ordinal);
        Assert.Contains("Overdue", followUp.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 days ago", followUp.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProspectCard_WithAFutureFollowUp_IsNotRed_AndWithoutOwnerHasNoAvatar()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<ProspectCard>(p => p.Add(c => c.Card, Card("Soon", followUp: Now.AddDays(1))).Add(c => c.Now, Now));

        var followUp = cut.Find("[data-testid=card-followup]");
        Assert.Equal("false", followUp.GetAttribute("data-overdue"));
        Assert.DoesNotContain("mud-error-text", followUp.ClassName, StringComparison.Ordinal);
        Assert.Contains("Tomorrow", followUp.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=card-owner]"));
        Assert.Empty(cut.FindAll("[data-testid=card-value]"));
    }

    [Fact]
    public async Task ProspectColumn_ShowsCountAndValue_AndLoadMoreAsksForTheNextSlice()
    {
        var lane = new BoardLane(ProspectStage.Qualified) { Count = 45, TotalValue = 1_234_500_00 };
        lane.Cards.AddRange(Enumerable.Range(0, 30).Select(i => Card($"P{i}", position: i)));
        ProspectStage? asked = null;

        await using var ctx = NewContext();
        var cut = ctx.Render<ProspectColumn>(p => p.Add(c => c.Lane, lane).Add(c => c.CanMove, true).Add(c => c.Now, Now)
            .Add(c => c.OnLoadMore, stage => asked = stage));

        Assert.Equal("45", cut.Find("[data-testid=column-count]").TextContent.Trim());
        Assert.Equal("$1.2M", cut.Find("[data-testid=column-sum]").TextContent.Trim());
        Assert.Equal(30, cut.FindAll("[data-testid=card]").Count);
        Assert.Equal("true", cut.Find("[data-testid=card]").GetAttribute("draggable"));
        var loadMore = cut.Find("[data-testid=load-more]");
        Assert.Contains("15 more", loadMore.TextContent, StringComparison.Ordinal);

        await loadMore.ClickAsync();

        // The column raises OnLoadMore through the renderer's dispatcher: wait for it rather than assume it already ran.
        cut.WaitForAssertion(() => Assert.Equal(ProspectStage.Qualified, asked));
    }

    [Fact]
    public async Task ProspectColumn_FullyLoadedOrEmpty_HasNoLoadMore_AndSaysWhenEmpty()
    {
        var full = new BoardLane(ProspectStage.Won) { Count = 2, TotalValue = 500_00 };
        full.Cards.AddRange([Card("A"), Card("B")]);
        var empty = new BoardLane(ProspectStage.Lost);

        await using var ctx = NewContext();
        var fullCut = ctx.Render<ProspectColumn>(p => p.Add(c => c.Lane, full).Add(c => c.Now, Now));
        var emptyCut = ctx.Render<ProspectColumn>(p => p.Add(c => c.Lane, empty).Add(c => c.Now, Now));

        Assert.Empty(fullCut.FindAll("[data-testid=load-more]"));
        Assert.Equal("false", fullCut.Find("[data-testid=card]").GetAttribute("draggable"));
        Assert.Equal("$500", fullCut.Find("[data-testid=column-sum]").TextContent.Trim());
        Assert.Equal("0", emptyCut.Find("[data-testid=column-count]").TextContent.Trim());
        Assert.Single(emptyCut.FindAll("[data-testid=column-empty]"));
    }
}
