using System.Diagnostics;
using GalaxyCo.Domain.Calendar;
using Ical.Net;
using Ical.Net.DataTypes;
using Xunit.Abstractions;
using static GalaxyCo.Domain.Tests.Calendar.CalendarTestData;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace GalaxyCo.Domain.Tests.Calendar;

public sealed class OccurrenceExpanderTests(ITestOutputHelper output)
{
    private static readonly string[] BenchRules = ["FREQ=WEEKLY;BYDAY=MO", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYDAY=1FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"];

    private static List<DateTime> Expand(DateTime startUtc, TimeSpan duration, string rule, DateTime from, DateTime to, bool allDay = false, TimeZoneInfo? zone = null)
    {
        Assert.True(RRule.TryParse(rule, out var parsed, out var error), error);
        return OccurrenceExpander.Starts(startUtc, duration, allDay, zone ?? Chicago, parsed, from, to).ToList();
    }

    [Fact]
    public void Starts_WeeklyChicagoAcrossBothDstChanges_StaysAtNineLocal()
    {
        var first = ChicagoUtc(2026, 2, 2, 9);
        var starts = Expand(first, TimeSpan.FromHours(1), "FREQ=WEEKLY;BYDAY=MO", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.All(starts, s => Assert.Equal((DayOfWeek.Monday, 9, 0), (ChicagoLocal(s).DayOfWeek, ChicagoLocal(s).Hour, ChicagoLocal(s).Minute)));
        // CST (UTC-6) before March 8, CDT (UTC-5) until November 1, CST again after.
        Assert.Equal(15, starts.Single(s => s.Date == new DateTime(2026, 3, 2)).Hour);
        Assert.Equal(14, starts.Single(s => s.Date == new DateTime(2026, 3, 9)).Hour);
        Assert.Equal(14, starts.Single(s => s.Date == new DateTime(2026, 10, 26)).Hour);
        Assert.Equal(15, starts.Single(s => s.Date == new DateTime(2026, 11, 2)).Hour);
        Assert.Equal(44, starts.Count);
    }

    [Fact]
    public void Starts_TwoThirtyOnSpringForwardDay_BecomesThreeThirtyDaylightTime()
    {
        var first = ChicagoUtc(2026, 3, 6, 2, 30);
        var starts = Expand(first, TimeSpan.FromMinutes(30), "FREQ=DAILY;COUNT=4", first, first.AddDays(10));

        Assert.Equal(4, starts.Count);
        // 2:30 does not exist on March 8: it is read with the offset before the gap (RFC 5545), i.e. 3:30 CDT.
        Assert.Equal(new DateTime(2026, 3, 8, 8, 30, 0), starts[2]);
        Assert.Equal(new DateTime(2026, 3, 8, 3, 30, 0), ChicagoLocal(starts[2]));
        Assert.Equal(new DateTime(2026, 3, 9, 2, 30, 0), ChicagoLocal(starts[3]));
    }

    [Fact]
    public void Starts_AllDaySeries_NeverTouchesATimeZone()
    {
        var first = new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var starts = Expand(first, TimeSpan.FromDays(1), "FREQ=MONTHLY;COUNT=3", first, first.AddYears(1), allDay: true, zone: tokyo);

        Assert.Equal([new DateTime(2026, 12, 5), new DateTime(2027, 1, 5), new DateTime(2027, 2, 5)], starts);
        Assert.All(starts, s => Assert.Equal(TimeSpan.Zero, s.TimeOfDay));
    }

    [Theory]
    [InlineData("FREQ=DAILY")]
    [InlineData("FREQ=DAILY;INTERVAL=3")]
    [InlineData("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,WE,FR")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")]
    [InlineData("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SU;WKST=SU")]
    [InlineData("FREQ=MONTHLY;BYDAY=1FR")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1MO")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=31")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-1")]
    [InlineData("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU,4TU")]
    [InlineData("FREQ=YEARLY")]
    [InlineData("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH")]
    [InlineData("FREQ=WEEKLY;BYDAY=TU;COUNT=30")]
    [InlineData("FREQ=DAILY;UNTIL=20270115T235959Z")]
    public void Starts_EditorRules_MatchIcalNet(string rule)
    {
        // Series from Friday 2026-01-02 9:30 Chicago; compare a window a year later that spans both DST changes.
        var first = ChicagoUtc(2026, 1, 2, 9, 30);
        var from = new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2027, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var ours = Expand(first, TimeSpan.FromMinutes(45), rule, from, to);

        var vevent = new IcalEvent { DtStart = new CalDateTime(ChicagoLocal(first), "America/Chicago"), Duration = Duration.FromMinutes(45) };
        vevent.RecurrenceRule = new RecurrencePattern(rule);
        var theirs = vevent.GetOccurrences(new CalDateTime(from.AddMinutes(-45))).TakeWhileBefore(new CalDateTime(to))
            .Select(o => o.Period.StartTime.AsUtc).Where(s => s.AddMinutes(45) > from && s < to).ToList();

        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Starts_TwoThousandSeriesForAMonth_IsFarFasterThanIcalNet()
    {
        var rules = BenchRules.Select(r => RRule.TryParse(r, out var p) ? p : throw new InvalidOperationException(r)).ToArray();
        var random = new Random(5);
        var series = Enumerable.Range(0, 2000).Select(i => (Start: ChicagoUtc(2023, 1, 2, 8 + i % 9).AddDays(random.Next(0, 1200)), Rule: rules[i % rules.Length], Text: BenchRules[i % rules.Length])).ToList();
        var from = new DateTime(2026, 10, 26, 5, 0, 0, DateTimeKind.Utc);
        var to = from.AddDays(42);

        var ours = new List<long>();
        var total = 0;
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            total = series.Sum(s => OccurrenceExpander.Starts(s.Start, TimeSpan.FromMinutes(30), false, Chicago, s.Rule, from, to).Count());
            ours.Add(watch.ElapsedMilliseconds);
        }
        // Ical.Net walks every series from its first occurrence; a tenth of the series is enough to compare.
        var sample = series.Take(200).Select(s =>
        {
            var vevent = new IcalEvent { DtStart = new CalDateTime(ChicagoLocal(s.Start), "America/Chicago"), Duration = Duration.FromMinutes(30) };
            vevent.RecurrenceRule = new RecurrencePattern(s.Text);
            return vevent;
        }).ToList();
        var icalWatch = Stopwatch.StartNew();
        var icalCount = sample.Sum(e => e.GetOccurrences(new CalDateTime(from)).TakeWhileBefore(new CalDateTime(to)).Count());
        var ical = icalWatch.ElapsedMilliseconds * 10;

        output.WriteLine($"2,000 series over a 6-week month grid: {total} occurrences in {string.Join(", ", ours)} ms; Ical.Net about {ical} ms (200 series x 10, {icalCount} occurrences)");
        Assert.True(total > 10_000);
        Assert.True(ours.Min() * 5 < ical, $"ours {ours.Min()} ms, Ical.Net {ical} ms");
    }
}
