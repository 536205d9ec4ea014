using GalaxyCo.Web.Components.Pages.Calendar;

namespace GalaxyCo.Web.Tests.Calendar;

public sealed class TimeGridLayoutTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    private static CalendarItem Item(string title, int startHour, int startMinute, int endHour, int endMinute, int dayOffset = 0, int endDayOffset = 0) => new()
    {
        EventId = Guid.NewGuid(),
        OriginalStartUtc = DateTime.UtcNow,
        Title = title,
        Start = Day.AddDays(dayOffset).ToDateTime(new TimeOnly(startHour, startMinute)),
        End = Day.AddDays(endDayOffset).ToDateTime(new TimeOnly(endHour, endMinute)),
    };

    [Fact]
    public void ForDay_OverlappingItems_ShareTheWidthInLanes()
    {
        var blocks = TimeGridLayout.ForDay(Day, [Item("A", 9, 0, 10, 0), Item("B", 9, 30, 11, 0), Item("C", 10, 0, 10, 30), Item("D", 14, 0, 15, 0)]);

        var byTitle = blocks.ToDictionary(b => b.Item.Title);
        Assert.Equal((0, 2), (byTitle["A"].Lane, byTitle["A"].Lanes));
        Assert.Equal((1, 2), (byTitle["B"].Lane, byTitle["B"].Lanes));
        // C starts when A ends: it takes A's lane back.
        Assert.Equal((0, 2), (byTitle["C"].Lane, byTitle["C"].Lanes));
        // D overlaps nothing: full width.
        Assert.Equal((0, 1), (byTitle["D"].Lane, byTitle["D"].Lanes));
        Assert.Equal((540, 600), (byTitle["A"].StartMinute, byTitle["A"].EndMinute));
    }

    [Fact]
    public void ForDay_ItemAcrossMidnight_IsCutAtTheDaysEdges()
    {
        var overnight = Item("Night shift", 22, 0, 6, 0, dayOffset: -1, endDayOffset: 0);
        var late = Item("Release", 23, 0, 1, 0, dayOffset: 0, endDayOffset: 1);

        var blocks = TimeGridLayout.ForDay(Day, [overnight, late]);

        var night = Assert.Single(blocks, b => b.Item.Title == "Night shift");
        Assert.Equal((0, 360, true, false), (night.StartMinute, night.EndMinute, night.ContinuesBefore, night.ContinuesAfter));
        var release = Assert.Single(blocks, b => b.Item.Title == "Release");
        Assert.Equal((1380, 1440, false, true), (release.StartMinute, release.EndMinute, release.ContinuesBefore, release.ContinuesAfter));
    }

    [Fact]
    public void ForDay_AllDayAndOtherDays_AreLeftOut()
    {
        var allDay = Item("Holiday", 0, 0, 0, 0, 0, 1) with { IsAllDay = true };
        var tomorrow = Item("Tomorrow", 9, 0, 10, 0, 1, 1);
        var endsAtMidnight = Item("Yesterday evening", 20, 0, 0, 0, -1, 0);

        Assert.Empty(TimeGridLayout.ForDay(Day, [allDay, tomorrow, endsAtMidnight]));
    }

    [Fact]
    public void ForDay_ShortItem_GetsAMinimumHeight()
    {
        var block = Assert.Single(TimeGridLayout.ForDay(Day, [Item("Stand-up", 9, 0, 9, 5)]));

        Assert.Equal(540 + TimeGridLayout.MinimumVisibleMinutes, block.EndMinute);
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(8, 15)]
    [InlineData(22, 15)]
    [InlineData(23, 30)]
    public void Snap_RoundsToQuarterHours(int minutes, int expected) => Assert.Equal(expected, TimeGridLayout.Snap(minutes));
}
