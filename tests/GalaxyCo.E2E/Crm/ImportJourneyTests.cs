using System.Text;
using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Crm;

[Collection(GalaxyAppCollection.Name)]
public sealed class ImportJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task Upload_CsvWithBadRows_ShowsReport_ImportsValidRows_ShowsSummary() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(page, app.Mail, "importer");
        var slug = await People.CreateWorkspaceAsync(page, $"Import Co {Guid.NewGuid().ToString("N")[..6]}");
        await page.GotoInteractiveAsync($"/w/{slug}/crm/import");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Import from CSV");
        await Expect(page.ByTestId("import-history-empty")).ToBeVisibleAsync();

        // Step 1: prospects (the default) and a file with three good rows and two bad ones.
        var csv = "Full Name,E-mail,Organisation,Deal value,Stage\n" +
                  "Ada Lovelace,ada@example.com,Analytical,\"1,250.50\",Qualified\n" +
                  "Bob Stone,not-an-email,Stone Ltd,10,New\n" +
                  "Cy Young,cy@example.com,Young Inc,abc,New\n" +
                  "Di Prince,di@example.com,Themyscira,300,Proposal\n" +
                  "Ed Norton,ed@example.com,,=1+2,New\n";
        await page.ByTestId("import-file").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "leads.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });

        // Step 2: the mapping was guessed from the headers.
        await Expect(page.ByTestId("mapping-table")).ToBeVisibleAsync();
        await Expect(page.ByTestId("required-name")).ToContainTextAsync("mapped");
        await page.ByTestId("mapping-next").ClickAsync();

        // Step 3: the validation report names row, column and reason before anything is written.
        var errors = page.ByTestId("error-table");
        await Expect(errors).ToContainTextAsync("valid email");
        await Expect(errors).ToContainTextAsync("Deal value");
        await Expect(errors.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(errors.Locator("tbody tr").First).ToContainTextAsync("3");
        await Expect(page.ByTestId("preview-table")).ToContainTextAsync("1,250.50");
        await Expect(page.ByTestId("download-report")).ToHaveAttributeAsync("href", new Regex("^data:text/csv"));
        await Expect(page.ByTestId("import-start")).ToContainTextAsync("Import 2 valid rows, skip 3 with errors");
        await page.ByTestId("import-start").ClickAsync();

        // Step 4: progress, then the summary.
        await Expect(page.ByTestId("import-progress")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 30_000 });
        await Expect(page.ByTestId("count-created")).ToHaveTextAsync("2");
        await Expect(page.ByTestId("count-errors")).ToHaveTextAsync("3");
        await Expect(page.ByTestId("import-revert")).ToBeVisibleAsync();

        // The history lists it; the export of prospects holds exactly the imported rows.
        await page.GotoInteractiveAsync($"/w/{slug}/crm/import");
        await Expect(page.ByTestId("import-history")).ToContainTextAsync("leads.csv");
        var export = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), $"/w/{slug}/crm/prospects/export.csv").ToString());
        Assert.True(export.Ok, $"export answered {export.Status}");
        var text = await export.TextAsync();
        Assert.Contains("ada@example.com", text, StringComparison.Ordinal);
        Assert.Contains("di@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cy@example.com", text, StringComparison.Ordinal);
    });
}
