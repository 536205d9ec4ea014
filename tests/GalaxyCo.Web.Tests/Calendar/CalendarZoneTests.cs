using GalaxyCo.Domain.Calendar;
using GalaxyCo.Web.Components.Pages.Calendar;

namespace GalaxyCo.Web.Tests.Calendar;

public sealed class CalendarZoneTests
{
    private static EventOccurrence Occurrence(DateTime startUtc, DateTime endUtc, bool allDay = false, DateOnly? first = null, DateOnly? last = null) => new()
    {
        EventId = Guid.NewGuid(),
        OccurrenceStart = startUtc,
        Start = startUtc,
        End = endUtc,
        Title = "Planning",
        IsAllDay = allDay,
        AllDayDate = first,
        AllDayLastDate = last,
        Timezone = "America/Chicago",
    };

    [Fact]
    public void Resolve_UnknownZone_FallsBackToTheNextCandidate()
    {
        Assert.Equal("Europe/Berlin", CalendarZone.Resolve("Mars/Olympus", null, "Europe/Berlin").Id);
        Assert.Equal(CalendarZone.DefaultId, CalendarZone.Resolve("", "Nope/Nope").Id);
    }

    [Fact]
    public void ToItem_TimedEvent_ShowsTheViewersWallClockAcrossTheNovemberChange()
    {
        var chicago = CalendarZone.Resolve("America/Chicago");

        // 15:00 UTC is 10:00 CDT on Oct 30 and 09:00 CST on Nov 6 (the clocks went back on Nov 1).
        var before = chicago.ToItem(Occurrence(new DateTime(2026, 10, 30, 15, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 30, 16, 0, 0, DateTimeKind.Utc)));
        var after = chicago.ToItem(Occurrence(new DateTime(2026, 11, 6, 15, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 6, 16, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(new DateTime(2026, 10, 30, 10, 0, 0), before.Start);
        Assert.Equal(new DateTime(2026, 11, 6, 9, 0, 0), after.Start);
        Assert.Equal("09:00–10:00", after.TimeLabel);
    }

    [Fact]
    public void ToItem_AllDayEvent_KeepsItsDatesInEveryZone()
    {
        var occurrence = Occurrence(new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc),
            allDay: true, first: new DateOnly(2026, 11, 26), last: new DateOnly(2026, 11, 27));

        foreach (var zone in new[] { "America/Los_Angeles", "Pacific/Auckland", "UTC" })
        {
            var item = CalendarZone.Resolve(zone).ToItem(occurrence);
            Assert.Equal((new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27)), (item.FirstDay, item.LastDay));
            Assert.False(item.OccursOn(new DateOnly(2026, 11, 25)));
            Assert.False(item.OccursOn(new DateOnly(2026, 11, 28)));
        }
    }

    [Fact]
    public void ToUtc_SkippedSpringTime_IsReadAfterTheChange()
    {
        var chicago = CalendarZone.Resolve("America/Chicago");

        // 02:30 on March 8, 2026 does not exist in Chicago: it is 03:30 CDT (08:30 UTC).
        Assert.Equal(new DateTime(2026, 3, 8, 8, 30, 0, DateTimeKind.Utc), chicago.ToUtc(new DateTime(2026, 3, 8, 2, 30, 0)));
        // 01:30 on November 1, 2026 happens twice: the first (CDT, 06:30 UTC) is meant.
        Assert.Equal(new DateTime(2026, 11, 1, 6, 30, 0, DateTimeKind.Utc), chicago.ToUtc(new DateTime(2026, 11, 1, 1, 30, 0)));
    }
}
