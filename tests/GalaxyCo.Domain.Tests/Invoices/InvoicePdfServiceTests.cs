using System.Diagnostics;
using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Infrastructure;
using Xunit.Abstractions;
using static GalaxyCo.Domain.Tests.Invoices.InvoicePdfTestHost;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoicePdfServiceTests(PostgresDatabase db, ITestOutputHelper output)
{
    [Fact]
    public async Task RenderAsync_SentInvoice_TextHasBusinessCustomerLinesTaxAndTotals()
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Pdf Acme");
        await host.SettingsAsync(w, s =>
        {
            s.BusinessName = "Acme Widgets Ltd";
            s.BusinessAddress = "1 Main Street\nSpringfield";
            s.BusinessEmail = "billing@acme.test";
            s.TaxId = "VAT-GB-123";
        });
        var customer = await host.CustomerAsync(w, "Globex Corporation", "ap@globex.test", new PostalAddress { Street = "42 Elm Road", City = "Shelbyville", State = "IL", Zip = "62565", Country = "USA" });
        var invoice = await host.InvoiceAsync(w, customer, InvoiceStatus.Sent,
        [
            new() { Description = "Design workshop", Quantity = 2, UnitPriceCents = 125_000, TaxRatePercent = 20 },
            new() { Description = "Hosting (annual)", Quantity = 1.5m, UnitPriceCents = 10_001, DiscountPercent = 10, TaxRatePercent = 8.25m },
        ], notes: "Thank you for choosing Acme.", terms: "Payable within 30 days.");

        await using var a = await host.OwnerOfAsync(w);
        var file = Ok(await a.Pdfs.RenderAsync(invoice.Id));

        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal($"{invoice.InvoiceNumber}.pdf", file.FileName);
        var text = string.Join(" ", PdfPages(file.Content));
        // 2 × 1,250.00 = 2,500.00 (tax 500.00); 1.5 × 100.01 less 10% = 135.0135 -> 135.01 (tax 11.138... -> 11.14).
        foreach (var expected in new[]
        {
            invoice.InvoiceNumber, "Acme Widgets Ltd", "Springfield", "billing@acme.test", "VAT-GB-123", "Globex Corporation", "42 Elm Road", "Shelbyville, IL 62565",
            "Design workshop", "Hosting (annual)", "1,250.00", "2,500.00", "135.01", "10%", "8.25%", "20%",
            "USD 2,635.01", "USD 511.14", "USD 3,146.15", "USD 0.00", "Thank you for choosing Acme.", "Payable within 30 days.", "May 1, 2026", "May 31, 2026",
        })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("VOID", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PAID", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InvoiceStatus.Cancelled, "VOID")]
    [InlineData(InvoiceStatus.Paid, "PAID")]
    public async Task RenderAsync_CancelledOrPaid_DrawsWatermark(InvoiceStatus status, string watermark)
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Pdf Mark");
        var customer = await host.CustomerAsync(w, "Initech");
        var invoice = await host.InvoiceAsync(w, customer, status, [Line("TPS reports", 9_900)]);

        await using var a = await host.OwnerOfAsync(w);
        var text = string.Join(" ", PdfPages(Ok(await a.Pdfs.RenderAsync(invoice.Id)).Content));

        Assert.Contains(watermark, text, StringComparison.Ordinal);
        if (status == InvoiceStatus.Paid) Assert.Contains("USD 99.00", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JPY", 123_457L, "JPY 123,457", "JPY 246,914")]
    [InlineData("KWD", 1_250L, "KWD 1.250", "KWD 2.500")]
    public async Task RenderAsync_ZeroAndThreeDecimalCurrencies_FormatWithTheirDigits(string currency, long unit, string unitText, string totalText)
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Pdf Money");
        var customer = await host.CustomerAsync(w, "Yen Kuwait Trading");
        var invoice = await host.InvoiceAsync(w, customer, InvoiceStatus.Sent, [new() { Description = "Units", Quantity = 2, UnitPriceCents = unit }], currency);

        await using var a = await host.OwnerOfAsync(w);
        var text = string.Join(" ", PdfPages(Ok(await a.Pdfs.RenderAsync(invoice.Id)).Content));

        Assert.Contains(unitText.Split(' ')[1], text, StringComparison.Ordinal);
        Assert.Contains(totalText, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_120Lines_PaginatesWithEveryLineAndTotalsOnLastPage()
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Pdf Long");
        var customer = await host.CustomerAsync(w, "Big Order Inc");
        var invoice = await host.InvoiceAsync(w, customer, InvoiceStatus.Sent, Enumerable.Range(1, 120).Select(i => Line($"Item-{i:000}", 100 * i)));

        await using var a = await host.OwnerOfAsync(w);
        var pages = PdfPages(Ok(await a.Pdfs.RenderAsync(invoice.Id)).Content);

        Assert.True(pages.Count >= 3, $"120 lines should take several pages, got {pages.Count}");
        var all = string.Join(" ", pages);
        for (var i = 1; i <= 120; i++) Assert.Contains($"Item-{i:000}", all, StringComparison.Ordinal);
        Assert.Contains($"Page {pages.Count} of {pages.Count}", pages[^1], StringComparison.Ordinal);
        Assert.Contains("USD 7,260.00", pages[^1], StringComparison.Ordinal); // 100 × (1 + … + 120) cents
        Assert.Contains("Description", pages[1], StringComparison.Ordinal); // the table header repeats
    }

    [Fact]
    public async Task RenderAsync_HostileText_RendersClippedAndFast()
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Pdf Hostile");
        var customer = await host.CustomerAsync(w, "<script>alert(1)</script>\u202Egnp.exe" + new string('W', 150));
        var invoice = await host.InvoiceAsync(w, customer, InvoiceStatus.Sent,
            [Line(new string('X', 5000), 100), Line("Tab\there\u0007bell ) Tj (injected", 200), .. Enumerable.Range(1, 100).Select(i => Line($"Line {i}", i))],
            notes: string.Join("\n", Enumerable.Repeat("A long note that keeps going.", 300)));

        await using var a = await host.OwnerOfAsync(w);
        var file = Ok(await a.Pdfs.RenderAsync(invoice.Id));
        var pages = PdfPages(file.Content);
        var text = string.Join(" ", pages);
        Assert.Contains("<script>alert(1)</script>", text, StringComparison.Ordinal);
        // The 5,000-character word is broken inside its column: no letter (the big watermark aside) leaves the page's margins.
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(file.Content))
        {
            foreach (var page in pdf.GetPages())
                Assert.All(page.Letters.Where(l => l.PointSize < 50), l => Assert.InRange(l.BoundingBox.Right, 30, page.Width - 30));
        }
        Assert.Contains(") Tj (injected", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", text, StringComparison.Ordinal);
        // Speed is measured by tests/GalaxyCo.Benchmarks (InvoiceBench), not asserted here.
        output.WriteLine($"{pages.Count} pages, {file.Content.Length} bytes");
    }

    [Fact]
    public async Task RenderAsync_AnotherWorkspacesInvoice_NotFound()
    {
        using var host = new InvoicePdfTestHost(db);
        var mine = await db.CreateWorkspaceAsync("Pdf Mine");
        var theirs = await db.CreateWorkspaceAsync("Pdf Theirs");
        var customer = await host.CustomerAsync(theirs, "Their customer");
        var invoice = await host.InvoiceAsync(theirs, customer, InvoiceStatus.Sent, [Line("Secret", 100)]);

        await using var a = await host.OwnerOfAsync(mine);
        var result = await a.Pdfs.RenderAsync(invoice.Id);

        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.Equal(ResultStatus.NotFound, (await a.Pdfs.RenderAsync(Guid.NewGuid())).Status);
    }

    [Fact]
    public async Task RenderAsync_Viewer_CanDownload()
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Pdf Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        var customer = await host.CustomerAsync(w, "Viewed Co");
        var invoice = await host.InvoiceAsync(w, customer, InvoiceStatus.Overdue, [Line("Overdue work", 5_000)]);

        await using var a = await host.ActAsync(w.Slug, viewer.UserId);
        var text = string.Join(" ", PdfPages(Ok(await a.Pdfs.RenderAsync(invoice.Id)).Content));

        Assert.Contains("Overdue work", text, StringComparison.Ordinal);
    }
}
