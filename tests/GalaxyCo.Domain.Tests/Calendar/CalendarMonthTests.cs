using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using static GalaxyCo.Domain.Tests.Calendar.CalendarTestData;

namespace GalaxyCo.Domain.Tests.Calendar;

/// <summary>The month grid read: per day the first few occurrences in the viewer's zone and a count of all of them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CalendarMonthTests(PostgresDatabase db) : IDisposable
{
    private readonly CalendarHost host = new(db);

    public void Dispose() => host.Dispose();

    private static readonly DateOnly October = new(2026, 9, 28); // the Monday that starts the October 2026 grid

    private static async Task<Dictionary<DateOnly, MonthDay>> MonthAsync(CalendarActor actor, TimeZoneInfo zone, int perDay = 3, DateOnly? first = null, int days = 42) =>
        Ok(await actor.Events.MonthAsync(new CalendarMonthQuery(first ?? October, days, zone, perDay))).ToDictionary(d => d.Date);

    [Fact]
    public async Task MonthAsync_BusyDay_ListsAllDayThenByStartAndCountsTheRest()
    {
        var w = await db.CreateWorkspaceAsync("Cal Month Busy");
        await using var owner = await host.OwnerOfAsync(w);
        var day = ChicagoUtc(2026, 10, 14, 0);
        foreach (var (title, hour) in new[] { ("Late", 17), ("Early", 8), ("Lunch", 12), ("Noon b", 12), ("Evening", 19) })
            Ok(await owner.Events.CreateAsync(Single(title, day.AddHours(hour))));
        Ok(await owner.Events.CreateAsync(new EventInput { Title = "Holiday", IsAllDay = true, Start = new DateTime(2026, 10, 14), End = new DateTime(2026, 10, 14) }));
        Ok(await owner.Events.CreateAsync(Weekly("Standup", ChicagoUtc(2026, 9, 2, 9), 15)));

        var month = await MonthAsync(owner, Chicago);

        Assert.Equal(42, month.Count);
        var busy = month[new DateOnly(2026, 10, 14)];
        Assert.Equal(["Holiday", "Early", "Standup"], busy.Shown.Select(o => o.Title));
        Assert.Equal((7, 4), (busy.Total, busy.More));
        // The weekly series shows on every Wednesday of the grid, and nothing else is there.
        var wednesdays = month.Values.Where(d => d.Date.DayOfWeek == DayOfWeek.Wednesday && d.Date != new DateOnly(2026, 10, 14)).ToList();
        Assert.Equal(5, wednesdays.Count);
        Assert.All(wednesdays, d => Assert.Equal(("Standup", 1), (Assert.Single(d.Shown).Title, d.Total)));
        Assert.Equal(12, month.Values.Sum(d => d.Total));
    }

    [Fact]
    public async Task MonthAsync_AgreesWithTheFullListForEveryDayInTokyoAndChicago()
    {
        var w = await db.CreateWorkspaceAsync("Cal Month Same");
        await using var owner = await host.OwnerOfAsync(w);
        // Late-evening Chicago events are the next day in Tokyo; a 3-day event, an all-day span, a moved and a cancelled occurrence.
        for (var i = 0; i < 12; i++) Ok(await owner.Events.CreateAsync(Single($"Call {i:00}", ChicagoUtc(2026, 10, 1 + (i * 3 % 30), 18 + i % 5), 45)));
        Ok(await owner.Events.CreateAsync(Single("Conference", ChicagoUtc(2026, 10, 20, 9), 60 * 52)));
        Ok(await owner.Events.CreateAsync(new EventInput { Title = "Offsite", IsAllDay = true, Start = new DateTime(2026, 10, 8), End = new DateTime(2026, 10, 10) }));
        var series = Ok(await owner.Events.CreateAsync(Weekly("Review", ChicagoUtc(2026, 9, 3, 22), 30, null, DayOfWeek.Tuesday, DayOfWeek.Thursday)));
        var moved = ChicagoUtc(2026, 10, 13, 22);
        series = Ok(await owner.Events.MoveAsync(series.Id, moved, moved.AddDays(1), moved.AddDays(1).AddMinutes(30), series.Version, EditScope.ThisOccurrence));
        Assert.True((await owner.Events.DeleteAsync(series.Id, EditScope.ThisOccurrence, ChicagoUtc(2026, 10, 22, 22))).Succeeded);

        foreach (var zone in new[] { Chicago, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo") })
        {
            var month = await MonthAsync(owner, zone, perDay: 2);
            var from = CalendarTime.ToUtc(October.ToDateTime(TimeOnly.MinValue), zone).AddDays(-1);
            var all = Ok(await owner.Events.ListAsync(new CalendarQuery(from, from.AddDays(44))));
            for (var day = October; day < October.AddDays(42); day = day.AddDays(1))
            {
                var expected = all.Where(o => On(o, day, zone)).OrderBy(o => o.IsAllDay ? 0 : 1).ThenBy(o => o.Start).ThenBy(o => o.Title, StringComparer.Ordinal).ToList();
                Assert.True(expected.Count == month[day].Total, $"{zone.Id} {day}: {month[day].Total} counted, {expected.Count} listed");
                Assert.Equal(expected.Take(2).Select(o => (o.EventId, o.OccurrenceStart)), month[day].Shown.Select(o => (o.EventId, o.OccurrenceStart)));
            }
            Assert.Contains(month.Values, d => d.Shown.Any(o => o.IsException && o.EventId == series.Id));
        }
    }

    /// <summary>Whether the occurrence shows on <paramref name="day"/> for a viewer in <paramref name="zone"/> (worked out independently of the reader).</summary>
    private static bool On(EventOccurrence o, DateOnly day, TimeZoneInfo zone)
    {
        if (o.IsAllDay) return o.AllDayDate <= day && day <= (o.AllDayLastDate < o.AllDayDate ? o.AllDayDate : o.AllDayLastDate);
        var start = TimeZoneInfo.ConvertTimeFromUtc(o.Start, zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(o.End, zone);
        var last = end > start && end.TimeOfDay == TimeSpan.Zero ? DateOnly.FromDateTime(end).AddDays(-1) : DateOnly.FromDateTime(end);
        return DateOnly.FromDateTime(start) <= day && day <= last;
    }

    [Fact]
    public async Task MonthAsync_BadSizes_AreInvalidAndAnotherWorkspacesEventsAreNotCounted()
    {
        var a = await db.CreateWorkspaceAsync("Cal Month A");
        var b = await db.CreateWorkspaceAsync("Cal Month B");
        await using (var bOwner = await host.OwnerOfAsync(b))
        {
            Ok(await bOwner.Events.CreateAsync(Weekly("B weekly", ChicagoUtc(2026, 9, 1, 9))));
            Ok(await bOwner.Events.CreateAsync(Single("B single", ChicagoUtc(2026, 10, 5, 9))));
        }
        await using var owner = await host.OwnerOfAsync(a);
        Ok(await owner.Events.CreateAsync(Single("A single", ChicagoUtc(2026, 10, 5, 10))));

        var month = await MonthAsync(owner, Chicago);
        Assert.Equal(1, month.Values.Sum(d => d.Total));
        Assert.Equal("A single", Assert.Single(month[new DateOnly(2026, 10, 5)].Shown).Title);

        Assert.Equal(ResultStatus.Invalid, (await owner.Events.MonthAsync(new CalendarMonthQuery(October, 0, Chicago))).Status);
        Assert.Equal(ResultStatus.Invalid, (await owner.Events.MonthAsync(new CalendarMonthQuery(October, CalendarMonthQuery.MaxDays + 1, Chicago))).Status);
        Assert.Equal(ResultStatus.Invalid, (await owner.Events.MonthAsync(new CalendarMonthQuery(October, 42, Chicago, PerDay: 0))).Status);
    }
}
