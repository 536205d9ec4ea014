using GalaxyCo.Data;
using GalaxyCo.Domain.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// The invoice targets of issue 6 at the bench scale (100k invoices at scale 100k, 10k customers): the list page's
/// read (status tabs, newest first, pages 1–5, every fourth read a search), the receivables aging report, and one
/// invoice's PDF.
/// </summary>
public sealed class InvoiceBench(int warmup, int iterations)
{
    public const string List = "invoice list (service)";
    public const string Aging = "receivables aging report";
    public const string Pdf = "invoice PDF render";

    public static IReadOnlyDictionary<string, double> Targets { get; } = new Dictionary<string, double> { [List] = 100, [Aging] = 200, [Pdf] = 150 };

    public async Task RunAsync(IServiceProvider scope, List<Measurement> results, CancellationToken ct)
    {
        var invoices = scope.GetRequiredService<InvoiceService>();
        var reports = scope.GetRequiredService<InvoiceReportService>();
        var pdf = scope.GetRequiredService<InvoicePdfService>();
        var factory = scope.GetRequiredService<IDbContextFactory<GalaxyDbContext>>();

        // Search terms the data has: customer name words and number prefixes.
        List<string> searches;
        List<Guid> numbered;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var names = await db.Customers.OrderBy(c => c.Id).Select(c => c.Name).Take(200).ToListAsync(ct);
            searches = names.Select(n => n.Split(' ')[0]).Where(w => w.Length >= 3).Select(w => w[..Math.Min(4, w.Length)]).Distinct().Take(30).ToList();
            var numbers = await db.Invoices.Where(i => i.NumberSequence != null).OrderBy(i => i.NumberSequence).Select(i => i.InvoiceNumber).Take(20).ToListAsync(ct);
            searches.AddRange(numbers.Select(n => n[..Math.Max(1, n.Length - 2)]));
            numbered = await db.Invoices.Where(i => i.NumberSequence != null).OrderBy(i => i.Id).Select(i => i.Id).Take(400).ToListAsync(ct);
        }
        InvoiceStatus?[] tabs = [null, InvoiceStatus.Sent, InvoiceStatus.Paid, InvoiceStatus.Overdue, InvoiceStatus.Draft];

        InvoicePage? page = null;
        results.Add(await Measurement.RunAsync(List, warmup, iterations, async i =>
        {
            var query = new InvoiceQuery
            {
                Status = tabs[i % tabs.Length],
                Page = 1 + i % 5,
                Search = i % 4 == 3 && searches.Count > 0 ? searches[i % searches.Count] : null,
            };
            page = (await invoices.ListAsync(query, ct)).Value;
        }, () => page is null ? "no result" : $"tabs x pages 1-5, a search every 4th; last {page.Items.Count} rows of {page.Total:N0}, tabs {string.Join(" ", page.StatusCounts.Select(c => $"{c.Key} {c.Value:N0}"))}"));

        AgingReport? aging = null;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        results.Add(await Measurement.RunAsync(Aging, warmup, iterations, async _ => aging = (await reports.AgingAsync(today, ct)).Value,
            () => aging is null ? "no result" : string.Join("; ", aging.Currencies.Select(c => $"{c.Currency}: total {c.Total / 100:N0}, 90+ {c.Over90 / 100:N0}"))));

        var bytes = 0;
        results.Add(await Measurement.RunAsync(Pdf, warmup, iterations, async i =>
            bytes = (await pdf.RenderAsync(numbered[i % numbered.Count], ct)).Value!.Content.Length,
            () => $"{numbered.Count} different sent invoices; last {bytes:N0} bytes"));
    }
}
