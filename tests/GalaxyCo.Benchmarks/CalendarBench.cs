using GalaxyCo.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// The calendar target of issue 5 at the bench scale (50k events, 2k of them recurring series): a month view's read,
/// the six-week grid around each month from six months back to five ahead, with every series expanded in range.
/// </summary>
public sealed class CalendarBench(int warmup, int iterations)
{
    public const string MonthView = "calendar month view (service)";

    public static IReadOnlyDictionary<string, double> Targets { get; } = new Dictionary<string, double> { [MonthView] = 100 };

    public async Task RunAsync(IServiceProvider scope, List<Measurement> results, CancellationToken ct)
    {
        var events = scope.GetRequiredService<CalendarEventService>();
        var today = DateTime.UtcNow.Date;
        var grids = Enumerable.Range(-6, 12).Select(m =>
        {
            var first = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(m);
            var from = first.AddDays(-(int)first.DayOfWeek);
            return (From: from, To: from.AddDays(42));
        }).ToArray();

        var count = 0;
        var recurring = 0;
        results.Add(await Measurement.RunAsync(MonthView, warmup, iterations, async i =>
        {
            var (from, to) = grids[i % grids.Length];
            var occurrences = (await events.ListAsync(new CalendarQuery(from, to), ct)).Value!;
            count = occurrences.Count;
            recurring = occurrences.Count(o => o.IsRecurring);
        }, () => $"6-week grids, 12 months; last {count:N0} occurrences ({recurring:N0} from series)"));

        // Where the month view's time goes: the rows alone, read the way the calendar reads them.
        var factory = scope.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<GalaxyCo.Data.GalaxyDbContext>>();
        var rows = 0;
        results.Add(await Measurement.RunAsync(MonthRows, warmup, iterations, async i =>
        {
            var (from, to) = grids[i % grids.Length];
            var shortFrom = from.AddDays(-GalaxyCo.Data.Calendar.CalendarEvent.LongEventDays);
            await using var db = await factory.CreateDbContextAsync(ct);
            var events = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.CalendarEvents);
            var singles = events.Where(e => !e.IsRecurring && e.StartTime >= shortFrom && e.StartTime < to && e.EndTime > from);
            var series = events.Where(e => e.IsRecurring && e.StartTime < to && (e.OccursUntil == null || e.OccursUntil > from));
            rows = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(singles.Concat(series), ct)).Count;
        }, () => $"diagnostic: the event rows of a grid, no expansion; last {rows:N0} rows"));
    }

    public const string MonthRows = "calendar month rows only (EF)";
}
