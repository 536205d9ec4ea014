using GalaxyCo.Data;
using GalaxyCo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// The calendar target of issue 5 at the bench scale (50k events, 2k of them recurring series): a month view's read,
/// the six-week grid around each month from six months back to five ahead, in Chicago, with every series expanded
/// in range and each day counted (three listed per day, as the grid shows). Also, without a target, a week view's read
/// (every occurrence of the week) and every occurrence of a six-week grid, and where a month read's time goes.
/// </summary>
public sealed class CalendarBench(int warmup, int iterations)
{
    public const string MonthView = "calendar month view (service)";
    public const string WeekView = "calendar week view (service)";
    public const string GridList = "calendar 6 weeks, every occurrence";

    public static IReadOnlyDictionary<string, double> Targets { get; } = new Dictionary<string, double> { [MonthView] = 100 };

    public async Task RunAsync(IServiceProvider scope, List<Measurement> results, CancellationToken ct)
    {
        var events = scope.GetRequiredService<CalendarEventService>();
        var chicago = CalendarTime.FindZone(CalendarTime.DefaultTimezone)!;
        var today = DateTime.UtcNow.Date;
        var grids = Enumerable.Range(-6, 12).Select(m =>
        {
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(m);
            var from = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
            return (From: from, Days: 42);
        }).ToArray();
        (DateTime From, DateTime To) Utc(DateOnly first, int days) =>
            (CalendarTime.ToUtc(first.ToDateTime(TimeOnly.MinValue), chicago), CalendarTime.ToUtc(first.AddDays(days).ToDateTime(TimeOnly.MinValue), chicago));

        var pause0 = GC.GetTotalPauseDuration();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        var total = 0;
        var listed = 0;
        results.Add(await Measurement.RunAsync(MonthView, warmup, iterations, async i =>
        {
            var (from, days) = grids[i % grids.Length];
            var month = (await events.MonthAsync(new CalendarMonthQuery(from, days, chicago), ct)).Value!;
            total = month.Sum(d => d.Total);
            listed = month.Sum(d => d.Shown.Count);
        }, () => $"6-week grids, 12 months; last {total:N0} day entries counted, {listed} listed"));
        Console.WriteLine($"  GC during the month view: {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds:N0} ms paused over {warmup + iterations} reads; " +
            $"collections gen0 {GC.CollectionCount(0) - g0}, gen1 {GC.CollectionCount(1) - g1}, gen2 {GC.CollectionCount(2) - g2}; server GC {System.Runtime.GCSettings.IsServerGC}");

        var count = 0;
        var recurring = 0;
        results.Add(await Measurement.RunAsync(WeekView, warmup, iterations, async i =>
        {
            var (first, _) = grids[i % grids.Length];
            var (from, to) = Utc(first.AddDays(14), 7);
            var occurrences = (await events.ListAsync(new CalendarQuery(from, to), ct)).Value!;
            count = occurrences.Count;
            recurring = occurrences.Count(o => o.IsRecurring);
        }, () => $"a week in each grid; last {count:N0} occurrences ({recurring:N0} from series)"));

        results.Add(await Measurement.RunAsync(GridList, warmup, Math.Max(10, iterations / 4), async i =>
        {
            var (first, days) = grids[i % grids.Length];
            var (from, to) = Utc(first, days);
            var occurrences = (await events.ListAsync(new CalendarQuery(from, to), ct)).Value!;
            count = occurrences.Count;
            recurring = occurrences.Count(o => o.IsRecurring);
        }, () => $"no target: what a month read would cost if it built every occurrence; last {count:N0} ({recurring:N0} from series)"));

        // Where a month read's time goes, summed over the runs.
        var factory = scope.GetRequiredService<IDbContextFactory<GalaxyDbContext>>();
        double rowsMs = 0, exceptionsMs = 0, expandMs = 0;
        var rows = 0;
        for (var i = 0; i < iterations; i++)
        {
            var (first, days) = grids[i % grids.Length];
            var (from, to) = Utc(first, days);
            await using var db = await factory.CreateDbContextAsync(ct);
            var t = System.Diagnostics.Stopwatch.GetTimestamp();
            var loaded = await CalendarRangeReader.LoadRowsAsync(db, from, to, null, null, withAttendees: false, ct);
            rowsMs += System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = System.Diagnostics.Stopwatch.GetTimestamp();
            var exceptions = await CalendarRangeReader.ExceptionsAsync(db, loaded.Where(e => e.IsRecurring).Select(e => e.Id).ToList(), from, to, ct);
            exceptionsMs += System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = System.Diagnostics.Stopwatch.GetTimestamp();
            var buffer = SlotBuffer.Rent();
            CalendarRangeReader.Slots(loaded, exceptions, from, to, buffer.Slots);
            CalendarRangeReader.Month(buffer, first, days, chicago, 3);
            buffer.Return();
            expandMs += System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            rows = loaded.Count;
        }
        Console.WriteLine($"  month read, mean ms over {iterations} runs: rows {rowsMs / iterations:N1} ({rows:N0} rows), exceptions {exceptionsMs / iterations:N1}, " +
            $"expand + count {expandMs / iterations:N1}");
    }
}
