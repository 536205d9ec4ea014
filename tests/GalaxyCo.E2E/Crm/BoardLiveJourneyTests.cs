using GalaxyCo.E2E.Infrastructure;
using Npgsql;

namespace GalaxyCo.E2E.Crm;

/// <summary>Two people with the board open: one drags a card, the other sees it move without reloading.</summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class BoardLiveJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task DragCard_InBrowserA_MovesOnBrowserB_WithoutReload() => BrowserSession.RunAsync(app, output, async session =>
    {
        // A signs up, makes a workspace and adds a prospect from the board.
        var a = await session.NewPageAsync();
        var email = await People.NewSignedInPersonAsync(a, app.Mail, "seller");
        var slug = await People.CreateWorkspaceAsync(a, $"Pipeline {Guid.NewGuid().ToString("N")[..6]}");
        await a.GotoInteractiveAsync($"/w/{slug}/crm/board");
        await Expect(a.ByTestId("board-empty")).ToBeVisibleAsync();
        await a.ByTestId("new-prospect").First.ClickAsync();
        await a.InputByTestId("new-name").FillAsync("Deal Alpha");
        await a.InputByTestId("new-company").FillAsync("Alpha Industries");
        await a.ByTestId("new-save").ClickAsync();
        await Expect(a.ByTestId("column-new")).ToContainTextAsync("Deal Alpha");

        // B (another browser, same person signed in again) opens the same board.
        var b = await session.NewPageAsync();
        await People.SignInAsync(b, email);
        await b.GotoInteractiveAsync($"/w/{slug}/crm/board");
        await Expect(b.ByTestId("column-new")).ToContainTextAsync("Deal Alpha");
        await b.EvaluateAsync("() => { window.__boardNotReloaded = true; }");

        // A drags the card to Qualified.
        var card = a.ByTestId("card").Filter(new() { HasText = "Deal Alpha" });
        await card.DragToAsync(a.Locator("[data-testid='column-qualified'] .gc-column-cards"));
        await Expect(a.ByTestId("column-qualified")).ToContainTextAsync("Deal Alpha");

        // B sees it move within a few seconds, on the same page load.
        await Expect(b.ByTestId("column-qualified")).ToContainTextAsync("Deal Alpha", new() { Timeout = 5_000 });
        await Expect(b.ByTestId("column-new")).Not.ToContainTextAsync("Deal Alpha");
        await Expect(b.Locator("[data-testid='column-qualified'] [data-testid='column-count']")).ToHaveTextAsync("1");
        Assert.True(await b.EvaluateAsync<bool>("() => window.__boardNotReloaded === true"), "B's board must update without a reload");

        // The move was saved, not only shown.
        await using var db = new NpgsqlConnection(app.SuperuserConnectionString);
        await db.OpenAsync();
        await using var read = new NpgsqlCommand("select stage::text from prospects where name = 'Deal Alpha'", db);
        Assert.Equal("qualified", await read.ExecuteScalarAsync());
    });
}
