using GalaxyCo.Data;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Receivables and revenue. Each report is one grouped query over an index made for it: open invoices by due date
/// (is_open, due_date incl. balance, customer_id) for aging and balances, paid invoices by paid_at
/// (status_rank, paid_at incl. total) for revenue. Dates are calendar dates compared at UTC midnight, as stored.
/// </summary>
public sealed partial class InvoiceReportService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    private const short PaidRank = 3;

    /// <summary>Open balances by days past due on <paramref name="asOf"/>: current (not yet due), 1-30, 31-60, 61-90, over 90.</summary>
    public async Task<Result<AgingReport>> AgingAsync(DateOnly asOf, CancellationToken ct = default)
    {
        if (CanRead() is { Succeeded: false } denied) return Result<AgingReport>.From(denied);
        var today = Midnight(asOf);
        var d30 = today.AddDays(-30);
        var d60 = today.AddDays(-60);
        var d90 = today.AddDays(-90);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Invoices.AsNoTracking().Where(i => i.IsOpen)
            .GroupBy(i => i.Currency)
            .Select(g => new AgingRow(
                g.Key,
                g.Sum(i => i.DueDate == null || i.DueDate >= today ? i.Balance : 0),
                g.Sum(i => i.DueDate < today && i.DueDate >= d30 ? i.Balance : 0),
                g.Sum(i => i.DueDate < d30 && i.DueDate >= d60 ? i.Balance : 0),
                g.Sum(i => i.DueDate < d60 && i.DueDate >= d90 ? i.Balance : 0),
                g.Sum(i => i.DueDate < d90 ? i.Balance : 0)))
            .ToListAsync(ct);
        return new AgingReport(asOf, rows.OrderBy(r => r.Currency, StringComparer.Ordinal).ToList());
    }

    /// <summary>Per customer and currency: open invoices, what they still owe, and the part already past due (today), largest first.</summary>
    public async Task<Result<IReadOnlyList<CustomerBalance>>> CustomerBalancesAsync(CancellationToken ct = default)
    {
        if (CanRead() is { Succeeded: false } denied) return Result<IReadOnlyList<CustomerBalance>>.From(denied);
        var today = Midnight(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        await using var db = await factory.CreateDbContextAsync(ct);
        var sums = await db.Invoices.AsNoTracking().Where(i => i.IsOpen)
            .GroupBy(i => new { i.CustomerId, i.Currency })
            .Select(g => new
            {
                g.Key.CustomerId,
                g.Key.Currency,
                Count = g.Count(),
                Outstanding = g.Sum(i => i.Balance),
                Overdue = g.Sum(i => i.DueDate < today ? i.Balance : 0),
            })
            .ToListAsync(ct);
        var ids = sums.Select(s => s.CustomerId).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        IReadOnlyList<CustomerBalance> result = sums
            .Select(s => new CustomerBalance(s.CustomerId, names.GetValueOrDefault(s.CustomerId) ?? "(deleted customer)", s.Currency, s.Count, s.Outstanding, s.Overdue))
            .OrderByDescending(b => b.Outstanding).ThenBy(b => b.CustomerName, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Currency, StringComparer.Ordinal)
            .ToList();
        return Result<IReadOnlyList<CustomerBalance>>.Ok(result);
    }

    /// <summary>
    /// Paid invoices' totals by the (UTC) month of paid_at for the <paramref name="months"/> months ending with
    /// <paramref name="asOf"/>'s month, oldest first; every month is listed for each currency seen, zero when nothing was paid.
    /// </summary>
    public async Task<Result<IReadOnlyList<RevenueMonth>>> RevenueByMonthAsync(int months, DateOnly asOf, CancellationToken ct = default)
    {
        if (CanRead() is { Succeeded: false } denied) return Result<IReadOnlyList<RevenueMonth>>.From(denied);
        if (months is < 1 or > 120) return Result<IReadOnlyList<RevenueMonth>>.From(Result.Invalid("months", "Choose between 1 and 120 months."));
        var first = new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-(months - 1));
        var end = new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        await using var db = await factory.CreateDbContextAsync(ct);
        var sums = await db.Invoices.AsNoTracking()
            .Where(i => i.StatusRank == PaidRank && i.PaidAt >= first && i.PaidAt < end)
            .GroupBy(i => new { i.PaidAt!.Value.Year, i.PaidAt.Value.Month, i.Currency })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Currency, Total = g.Sum(i => i.Total) })
            .ToListAsync(ct);
        var byKey = sums.ToDictionary(s => (s.Year, s.Month, s.Currency), s => s.Total);
        var result = new List<RevenueMonth>();
        foreach (var currency in sums.Select(s => s.Currency).Distinct().Order(StringComparer.Ordinal))
        {
            for (var m = first; m < end; m = m.AddMonths(1))
                result.Add(new RevenueMonth(m.Year, m.Month, currency, byKey.GetValueOrDefault((m.Year, m.Month, currency))));
        }
        return Result<IReadOnlyList<RevenueMonth>>.Ok(result.OrderBy(r => r.Year).ThenBy(r => r.Month).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList());
    }

    private Result CanRead() => member.Can(Permissions.RecordsRead) ? Result.Ok() : Result.Forbidden("You can't see the invoices of this workspace.");

    private static DateTime Midnight(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    internal static short RankOf(InvoiceStatus status) => Invoice.RankOf(status);
}
