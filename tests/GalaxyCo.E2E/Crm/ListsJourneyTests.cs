using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;
using Microsoft.Playwright;

namespace GalaxyCo.E2E.Crm;

[Collection(GalaxyAppCollection.Name)]
public sealed class ListsJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task CreateProspects_SearchAndFilter_BulkAssignAndTag_DeleteAndUndo() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        var email = await People.NewSignedInPersonAsync(page, app.Mail, "lister");
        var slug = await People.CreateWorkspaceAsync(page, $"List Co {Guid.NewGuid().ToString("N")[..6]}");

        // An empty list invites to create or import.
        await page.GotoInteractiveAsync($"/w/{slug}/crm/prospects");
        await Expect(page.ByTestId("list-empty")).ToContainTextAsync("No prospects yet");
        await Expect(page.ByTestId("empty-import")).ToHaveAttributeAsync("href", $"/w/{slug}/crm/import");

        // Three prospects through the "New" dialog; the third repeats a company and is warned about first.
        await CreateAsync(page, "Alpha Adams", "Acme Rockets", assignToMe: false);
        await CreateAsync(page, "Bravo Brown", "Globex", assignToMe: false);
        await page.ByTestId("new-record").ClickAsync();
        await page.InputByTestId("new-name").FillAsync("Charlie Clark");
        await page.InputByTestId("new-company").FillAsync("Acme Rockets");
        await page.InputByTestId("new-mine").UncheckAsync(new() { Force = true });
        await page.ByTestId("new-save").ClickAsync();
        await Expect(page.ByTestId("duplicate-warning")).ToContainTextAsync("Alpha Adams");
        await page.ByTestId("new-save").ClickAsync();
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(3);

        // Search by a word prefix, then clear it.
        await page.InputByTestId("filter-search").FillAsync("acme");
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(2);
        await page.InputByTestId("filter-search").FillAsync("acme cha");
        await Expect(page.ByTestId("row-name")).ToHaveTextAsync(["Charlie Clark"]);
        await page.InputByTestId("filter-search").FillAsync("");
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(3);

        // Select all on the page, assign them to me and tag them.
        await page.Locator("[data-testid=list-table] thead .mud-checkbox").First.ClickAsync();
        await Expect(page.ByTestId("bulk-count")).ToHaveTextAsync("3 selected");
        await page.ByTestId("bulk-assign").ClickAsync();
        await page.Locator($"[data-testid='bulk-assign-{email}']").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Assigned 3 prospects" })).ToHaveCountAsync(1);
        await Expect(page.ByTestId("row-owner")).ToHaveCountAsync(3);

        await page.Locator("[data-testid=list-table] thead .mud-checkbox").First.ClickAsync();
        await page.InputByTestId("bulk-tag").FillAsync("E2E-Batch");
        await page.ByTestId("bulk-tag-add").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Tagged 3 prospects" })).ToHaveCountAsync(1);
        await Expect(page.ByTestId("row-tag")).ToHaveCountAsync(3);

        // "My prospects" and the tag filter keep all three.
        // The filters are mirrored in the address, so the filtered list can be linked and reloaded.
        await page.InputByTestId("filter-mine").CheckAsync(new() { Force = true });
        await Expect(page).ToHaveURLAsync(new Regex("mine=1"));
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(3);
        await page.ByTestId("filter-more").ClickAsync();
        await page.InputByTestId("filter-tag").FillAsync("e2e-batch");
        await page.InputByTestId("filter-tag").PressAsync("Tab");
        await Expect(page).ToHaveURLAsync(new Regex("tag=e2e-batch"));
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(3);
        await page.ReloadInteractiveAsync();
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(3);
        await Expect(page.InputByTestId("filter-tag")).ToHaveValueAsync("e2e-batch");
        await page.ByTestId("clear-filters").First.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("tag="));

        // Delete one: it disappears at once; Undo brings it back and nothing was lost.
        await Row(page, "Bravo Brown").Locator(".mud-checkbox").ClickAsync();
        await page.ByTestId("bulk-delete").ClickAsync();
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(2);
        await page.Locator(".mud-snackbar").Filter(new() { HasText = "Deleted 1 prospect" }).GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(3);
        await page.WaitForTimeoutAsync(7000);
        await page.ReloadInteractiveAsync();
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(3);

        // Deleted without undo: gone for good once the window has passed.
        await Row(page, "Bravo Brown").Locator(".mud-checkbox").ClickAsync();
        await page.ByTestId("bulk-delete").ClickAsync();
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(2);
        await page.WaitForTimeoutAsync(7000);
        await page.ReloadInteractiveAsync();
        await Expect(page.ByTestId("row-name")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=list-table]")).Not.ToContainTextAsync("Bravo Brown");
    });

    private static ILocator Row(IPage page, string name) =>
        page.Locator("[data-testid=list-table] tbody tr").Filter(new() { HasText = name });

    private static async Task CreateAsync(IPage page, string name, string company, bool assignToMe)
    {
        await page.ByTestId("new-record").ClickAsync();
        await page.InputByTestId("new-name").FillAsync(name);
        await page.InputByTestId("new-company").FillAsync(company);
        if (!assignToMe) await page.InputByTestId("new-mine").UncheckAsync(new() { Force = true });
        await page.ByTestId("new-save").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("row-name").Filter(new() { HasText = name })).ToHaveCountAsync(1);
    }
}
