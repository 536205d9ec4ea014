using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Crm.Shared;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace GalaxyCo.Web.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class ScoreBadgeTests(PostgresDatabase database)
{
    private async Task<Guid> AddProspectAsync(TestWorkspace w)
    {
        await using var db = database.CreateContext(w.Tenant());
        var p = new Prospect { Name = "Dana", Position = 1, Source = "referral", Title = "VP Sales", Score = 20 };
        db.Prospects.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    }

    [Fact]
    public async Task Click_ShowsEveryFactorWithItsPointsAndReason()
    {
        var w = await database.CreateWorkspaceAsync("Badge Click");
        var id = await AddProspectAsync(w);
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<ScoreBadge>(p => p.Add(x => x.ProspectId, id).Add(x => x.Score, 20));

        Assert.Equal("Score 20", cut.Find("[data-testid=score-badge]").TextContent.Trim());
        Assert.Empty(popovers.FindAll("[data-testid=score-factor]"));
        await cut.Find("[data-testid=score-badge]").ClickAsync();

        popovers.WaitForAssertion(() => Assert.Equal(5, popovers.FindAll("[data-testid=score-factor]").Count));
        var text = popovers.Find("[data-testid=score-explanation]").TextContent;
        Assert.Contains("Source 'referral' earns 100%: 20 of 20", text, StringComparison.Ordinal);
        Assert.Contains("Title 'VP Sales' is VP level: 20 of 25", text, StringComparison.Ordinal);
        Assert.Contains("No interactions logged yet: 0 of 25", text, StringComparison.Ordinal);
        Assert.Equal("40 of 100", popovers.Find("[data-testid=score-total]").TextContent.Trim());
        // Stored 20, computed 40: the card is told its number is catching up.
        Assert.Contains("being brought up to date", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_OpensTheExplanation_AndEscapeClosesIt()
    {
        var w = await database.CreateWorkspaceAsync("Badge Hover");
        var id = await AddProspectAsync(w);
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<ScoreBadge>(p => p.Add(x => x.ProspectId, id).Add(x => x.Score, 40));

        await cut.Find(".gc-score-badge").TriggerEventAsync("onmouseenter", new MouseEventArgs());
        popovers.WaitForAssertion(() => Assert.Equal(5, popovers.FindAll("[data-testid=score-factor]").Count));
        await cut.Find(".gc-score-badge").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        popovers.WaitForAssertion(() => Assert.Empty(popovers.FindAll("[data-testid=score-factor]")));
    }

    [Fact]
    public async Task Click_OtherWorkspacesProspect_SaysNotFoundAndShowsNoFactors()
    {
        var mine = await database.CreateWorkspaceAsync("Badge Tenancy A");
        var theirs = await database.CreateWorkspaceAsync("Badge Tenancy B");
        var id = await AddProspectAsync(theirs);
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, mine);
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<ScoreBadge>(p => p.Add(x => x.ProspectId, id).Add(x => x.Score, 20));

        await cut.Find("[data-testid=score-badge]").ClickAsync();

        popovers.WaitForAssertion(() => Assert.Contains("Prospect was not found.", popovers.Markup, StringComparison.Ordinal));
        Assert.Empty(popovers.FindAll("[data-testid=score-factor]"));
    }

    [Theory]
    [InlineData(85, "success")]
    [InlineData(55, "warning")]
    [InlineData(10, "default")]
    public async Task Render_ColoursTheChipByScore(int score, string colour)
    {
        var w = await database.CreateWorkspaceAsync("Badge Colour");
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);

        var cut = ctx.Render<ScoreBadge>(p => p.Add(x => x.ProspectId, Guid.NewGuid()).Add(x => x.Score, score));

        Assert.Contains($"mud-chip-color-{colour}", cut.Find("[data-testid=score-badge]").ClassName, StringComparison.Ordinal);
    }
}
