using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Infrastructure;
using static GalaxyCo.Domain.Tests.Invoices.InvoicePdfTestHost;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoiceReportServiceTests(PostgresDatabase db)
{
    /// <summary>The clock's day (see <see cref="InvoicePdfTestHost"/>).</summary>
    private static readonly DateOnly AsOf = new(2026, 6, 15);

    /// <summary>
    /// Open: Alpha USD 100.00 (due in 5 days), 20.00 (due today), 300.00 less 50.00 paid (1 day late); Beta USD 40.00 (30 days late),
    /// 70.00 (31), 80.00 (90), 90.00 (91); Beta EUR 500.00 (14 days late). Not open: a draft, a paid and a void one for Alpha.
    /// Another workspace has an open and a paid invoice that must never show.
    /// </summary>
    private static async Task<(TestWorkspace W, Guid Alpha, Guid Beta)> FixtureAsync(PostgresDatabase db, InvoicePdfTestHost host)
    {
        var w = await db.CreateWorkspaceAsync("Reports");
        var alpha = await host.CustomerAsync(w, "Alpha");
        var beta = await host.CustomerAsync(w, "=HYPERLINK(\"http://evil\")");
        async Task Open(Guid customer, long total, int daysLate, string currency = "USD", long paid = 0) =>
            await host.InvoiceAsync(w, customer, daysLate > 0 ? InvoiceStatus.Overdue : InvoiceStatus.Sent, [Line("Work", total)], currency,
                issue: AsOf.AddDays(-daysLate - 30), due: AsOf.AddDays(-daysLate), paid: paid);
        await Open(alpha, 10_000, -5);
        await Open(alpha, 2_000, 0);
        await Open(alpha, 30_000, 1, paid: 5_000);
        await Open(beta, 4_000, 30);
        await Open(beta, 7_000, 31);
        await Open(beta, 8_000, 90);
        await Open(beta, 9_000, 91);
        await Open(beta, 50_000, 14, "EUR");
        await host.InvoiceAsync(w, alpha, InvoiceStatus.Draft, [Line("Draft", 100_000)], due: AsOf.AddDays(-100));
        await host.InvoiceAsync(w, alpha, InvoiceStatus.Paid, [Line("Paid May", 11_000)], due: AsOf.AddDays(-100), paidAt: new DateTime(2026, 5, 20, 9, 0, 0, DateTimeKind.Utc));
        await host.InvoiceAsync(w, alpha, InvoiceStatus.Paid, [Line("Paid May end", 3_000)], paidAt: new DateTime(2026, 5, 31, 23, 30, 0, DateTimeKind.Utc));
        await host.InvoiceAsync(w, alpha, InvoiceStatus.Paid, [Line("Paid June", 4_000)], paidAt: new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        await host.InvoiceAsync(w, alpha, InvoiceStatus.Paid, [Line("Paid March", 5_000)], paidAt: new DateTime(2026, 3, 31, 12, 0, 0, DateTimeKind.Utc));
        await host.InvoiceAsync(w, beta, InvoiceStatus.Paid, [Line("Paid April EUR", 6_000)], "EUR", paidAt: new DateTime(2026, 4, 10, 12, 0, 0, DateTimeKind.Utc));
        await host.InvoiceAsync(w, alpha, InvoiceStatus.Cancelled, [Line("Void", 12_000)], due: AsOf.AddDays(-100));

        var other = await db.CreateWorkspaceAsync("Reports Other");
        var stranger = await host.CustomerAsync(other, "Stranger");
        await host.InvoiceAsync(other, stranger, InvoiceStatus.Overdue, [Line("Foreign", 999_999)], due: AsOf.AddDays(-200));
        await host.InvoiceAsync(other, stranger, InvoiceStatus.Paid, [Line("Foreign paid", 777_777)], paidAt: new DateTime(2026, 5, 5, 0, 0, 0, DateTimeKind.Utc));
        return (w, alpha, beta);
    }

    [Fact]
    public async Task AgingAsync_Fixture_BucketsEqualHandComputedPerCurrency()
    {
        using var host = new InvoicePdfTestHost(db);
        var (w, _, _) = await FixtureAsync(db, host);

        await using var a = await host.OwnerOfAsync(w);
        var report = Ok(await a.Reports.AgingAsync(AsOf));

        Assert.Equal(AsOf, report.AsOf);
        Assert.Equal(
            [new AgingRow("EUR", 0, 50_000, 0, 0, 0), new AgingRow("USD", 12_000, 29_000, 7_000, 8_000, 9_000)],
            report.Currencies);
        Assert.Equal(65_000, report.Currencies[1].Total);
    }

    [Fact]
    public async Task CustomerBalancesAsync_Fixture_OutstandingAndOverdueSortedLargestFirst()
    {
        using var host = new InvoicePdfTestHost(db);
        var (w, alpha, beta) = await FixtureAsync(db, host);

        await using var a = await host.OwnerOfAsync(w);
        var balances = Ok(await a.Reports.CustomerBalancesAsync());

        Assert.Equal(
        [
            new CustomerBalance(beta, "=HYPERLINK(\"http://evil\")", "EUR", 1, 50_000, 50_000),
            new CustomerBalance(alpha, "Alpha", "USD", 3, 37_000, 25_000),
            new CustomerBalance(beta, "=HYPERLINK(\"http://evil\")", "USD", 4, 28_000, 28_000),
        ], balances);
    }

    [Fact]
    public async Task RevenueByMonthAsync_Fixture_PaidTotalsByPaidMonthWithZeroMonths()
    {
        using var host = new InvoicePdfTestHost(db);
        var (w, _, _) = await FixtureAsync(db, host);

        await using var a = await host.OwnerOfAsync(w);
        var months = Ok(await a.Reports.RevenueByMonthAsync(3, AsOf));

        Assert.Equal(
        [
            new RevenueMonth(2026, 4, "EUR", 6_000), new RevenueMonth(2026, 4, "USD", 0),
            new RevenueMonth(2026, 5, "EUR", 0), new RevenueMonth(2026, 5, "USD", 14_000),
            new RevenueMonth(2026, 6, "EUR", 0), new RevenueMonth(2026, 6, "USD", 4_000),
        ], months);
        Assert.Equal(ResultStatus.Invalid, (await a.Reports.RevenueByMonthAsync(0, AsOf)).Status);
    }

    [Fact]
    public async Task ExportCsvAsync_AllAndFiltered_EveryRowOfThisWorkspaceOnlyAndFormulasEscaped()
    {
        using var host = new InvoicePdfTestHost(db);
        var (w, alpha, _) = await FixtureAsync(db, host);

        await using var a = await host.OwnerOfAsync(w);
        var all = await ExportAsync(a, new InvoiceQuery());
        var paid = await ExportAsync(a, new InvoiceQuery { Status = InvoiceStatus.Paid, CustomerId = alpha });
        var searched = await ExportAsync(a, new InvoiceQuery { Search = "alp" });

        Assert.Equal("Number,Status,Customer,Currency,Issue date,Due date,Subtotal,Tax,Total,Paid,Balance,Sent at,Paid at,Cancelled at", all[0]);
        Assert.Equal(15, all.Length - 1); // 8 open + draft + 5 paid + void
        Assert.DoesNotContain(all, l => l.Contains("Stranger", StringComparison.Ordinal) || l.Contains("9999.99", StringComparison.Ordinal));
        Assert.Contains(all, l => l.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", StringComparison.Ordinal));
        Assert.DoesNotContain(all, l => l.Contains(",=HYPERLINK", StringComparison.Ordinal) || l.Contains(",\"=HYPERLINK", StringComparison.Ordinal));
        Assert.Contains(all, l => l.StartsWith("Draft,Draft,Alpha,USD,", StringComparison.Ordinal));
        Assert.Contains(all, l => l.Contains(",Void,Alpha,USD,", StringComparison.Ordinal));
        Assert.Contains(all, l => l.Contains(",Overdue,Alpha,USD,2026-05-15,2026-06-14,300.00,0.00,300.00,50.00,250.00,", StringComparison.Ordinal));
        Assert.Equal(4, paid.Length - 1);
        Assert.All(paid.Skip(1), l => Assert.Contains(",Paid,Alpha,", l, StringComparison.Ordinal));
        Assert.Equal(9, searched.Length - 1); // Alpha's 3 open, draft, 4 paid, void
    }

    [Fact]
    public async Task ExportCsvAsync_Viewer_Forbidden()
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Reports Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);

        await using var a = await host.ActAsync(w.Slug, viewer.UserId);
        using var output = new MemoryStream();
        Assert.Equal(ResultStatus.Forbidden, (await a.Reports.ExportCsvAsync(new InvoiceQuery(), output)).Status);
        Assert.Equal(0, output.Length);
        Assert.True((await a.Reports.AgingAsync(AsOf)).Succeeded); // viewers read reports
    }

    private static async Task<string[]> ExportAsync(InvoiceFilesActor a, InvoiceQuery query)
    {
        using var output = new MemoryStream();
        var result = await a.Reports.ExportCsvAsync(query, output);
        Assert.True(result.Succeeded, result.Message);
        return Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
