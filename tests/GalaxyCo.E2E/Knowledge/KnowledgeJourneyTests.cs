using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;
using Microsoft.Playwright;

namespace GalaxyCo.E2E.Knowledge;

/// <summary>
/// The knowledge library end to end: drop three files (Markdown, HTML, a PDF made here), watch them turn ready without a
/// reload (ingestion runs as a background job in the app), search them, ask a question, open a citation on its passage,
/// download an original with safe headers; someone from another workspace gets "not found" for the item and its file.
/// </summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class KnowledgeJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    private const string Markdown = """
        # Refund policy

        Customers on an annual plan can ask for a refund within 30 days of purchase.
        Refunds are paid back to the original card within five business days.

        ## Monthly plans

        Monthly plans are not refunded, but they can be cancelled at any time.
        """;

    private const string Html = """
        <html><head><title>Office guide</title><script>document.title='pwned'</script></head>
        <body><nav>Menu</nav><h1>Office guide</h1>
        <p>The office opens at eight in the morning and the coffee machine is on the second floor.</p>
        <p>Visitors sign in at the reception desk and wear a badge.</p></body></html>
        """;

    [Fact]
    public Task UploadThreeFiles_BecomeReady_SearchAskAndOpenCitation_OtherWorkspaceNotFound() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(page, app.Mail, "librarian");
        var slug = await People.CreateWorkspaceAsync(page, $"Library Co {Guid.NewGuid().ToString("N")[..6]}");

        // The library starts empty; the nav has the entry.
        await page.GotoInteractiveAsync($"/w/{slug}/knowledge");
        await Expect(page.ByTestId("knowledge-empty")).ToBeVisibleAsync();
        await Expect(page.Locator($"a[href='/w/{slug}/knowledge']").First).ToBeVisibleAsync();

        // Three files at once through the drop zone's picker.
        await page.Locator("[data-knowledge-upload] input[type=file]").Last.SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "refunds.md", MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes(Markdown) },
            new FilePayload { Name = "office.html", MimeType = "text/html", Buffer = Encoding.UTF8.GetBytes(Html) },
            new FilePayload { Name = "security.pdf", MimeType = "application/pdf", Buffer = MinimalPdf("Laptops must use full disk encryption and a screen lock after five minutes.") },
        });
        var uploads = page.ByTestId("knowledge-upload-row");
        await Expect(uploads).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=knowledge-upload-row][data-state=added]")).ToHaveCountAsync(3, new() { Timeout = 30_000 });

        // They show as rows and turn ready on their own (live status from the background job, no reload).
        var rows = page.ByTestId("knowledge-row");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=knowledge-row][data-status=ready]")).ToHaveCountAsync(3, new() { Timeout = 120_000 });

        // The same file again is recognised as a duplicate, with a link to the existing item.
        await page.Locator("[data-knowledge-upload] input[type=file]").Last.SetInputFilesAsync(
            new FilePayload { Name = "refunds-copy.md", MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes(Markdown) });
        await Expect(page.ByTestId("knowledge-upload-duplicate")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(3);

        // Search by meaning: the office guide answers a question it shares no words with; the script text never shows.
        await page.GotoInteractiveAsync($"/w/{slug}/knowledge/search");
        await page.InputByTestId("knowledge-search-query").FillAsync("when does the building open?");
        await page.InputByTestId("knowledge-search-query").PressAsync("Enter");
        var hits = page.ByTestId("knowledge-hit");
        await Expect(hits.First).ToBeVisibleAsync();
        await Expect(hits.First.ByTestIdWithin("knowledge-hit-link")).ToContainTextAsync("Office guide");
        await Expect(page.ByTestId("knowledge-search-results")).Not.ToContainTextAsync("pwned");
        await hits.First.GetByText("Why this result").ClickAsync();
        await Expect(hits.First.ByTestIdWithin("knowledge-hit-why-table")).ToContainTextAsync("Fused");

        // Ask: without an AI provider the answer is labelled extracts, with numbered citations.
        await page.GotoInteractiveAsync($"/w/{slug}/knowledge/ask");
        await page.InputByTestId("knowledge-ask-question").FillAsync("How long do I have to ask for a refund on an annual plan?");
        await page.ByTestId("knowledge-ask-run").ClickAsync();
        await Expect(page.ByTestId("knowledge-answer-extractive")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var citation = page.ByTestId("knowledge-answer-citation").First;
        await Expect(citation).ToBeVisibleAsync();
        await Expect(page.ByTestId("knowledge-citations")).ToContainTextAsync("30 days");

        // Opening a citation lands on the item page with that passage marked.
        var href = await citation.GetAttributeAsync("href") ?? throw new InvalidOperationException("citation without href");
        var match = Regex.Match(href, @"/knowledge/items/([0-9a-f-]{36})#chunk-(\d+)$");
        Assert.True(match.Success, href);
        await citation.ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(href.Split('#')[0])));
        await page.WaitForInteractiveAsync();
        await Expect(page.ByTestId("knowledge-item-title")).ToContainTextAsync("Refund policy");
        var passage = page.Locator($"#chunk-{match.Groups[2].Value}");
        await Expect(passage).ToBeVisibleAsync();
        await Expect(passage).ToHaveClassAsync(new Regex("gc-chunk-target"));

        // The original comes back as an attachment with nosniff.
        var itemPath = href.Split('#')[0];
        var original = await page.Context.APIRequest.GetAsync(itemPath + "/original");
        Assert.Equal(200, original.Status);
        Assert.StartsWith("attachment", original.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", original.Headers["x-content-type-options"]);
        Assert.Equal(Markdown, Encoding.UTF8.GetString(await original.BodyAsync()));

        // Someone from another workspace: not found for the page (through their own workspace too) and for the file.
        var strangerContext = await app.NewContextAsync();
        try
        {
            var stranger = await strangerContext.NewPageAsync();
            await People.NewSignedInPersonAsync(stranger, app.Mail, "stranger");
            var otherSlug = await People.CreateWorkspaceAsync(stranger, $"Other Library {Guid.NewGuid().ToString("N")[..6]}");
            await stranger.GotoInteractiveAsync(itemPath.Replace($"/w/{slug}/", $"/w/{otherSlug}/", StringComparison.Ordinal));
            await Expect(stranger.ByTestId("knowledge-item-not-found")).ToBeVisibleAsync();
            Assert.Equal(404, (await strangerContext.APIRequest.GetAsync(itemPath + "/original")).Status);
            Assert.Equal(404, (await strangerContext.APIRequest.GetAsync(itemPath.Replace($"/w/{slug}/", $"/w/{otherSlug}/", StringComparison.Ordinal) + "/original")).Status);
        }
        finally
        {
            await strangerContext.CloseAsync();
        }
    });

    /// <summary>A one-page PDF with one line of text in Helvetica, with a correct cross-reference table.</summary>
    private static byte[] MinimalPdf(string text)
    {
        var content = $"BT /F1 12 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}

internal static class KnowledgeLocators
{
    public static ILocator ByTestIdWithin(this ILocator scope, string testId) => scope.Locator($"[data-testid='{testId}']");
}
