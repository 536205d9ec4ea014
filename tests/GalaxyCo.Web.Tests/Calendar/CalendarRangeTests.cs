using GalaxyCo.Web.Components.Pages.Calendar;

namespace GalaxyCo.Web.Tests.Calendar;

public sealed class CalendarRangeTests
{
    [Fact]
    public void For_Month_CoversWholeWeeksFromMonday()
    {
        // November 2026 starts on a Sunday and ends on a Monday.
        var range = CalendarRange.For(CalendarViewKind.Month, new DateOnly(2026, 11, 26));

        Assert.Equal(new DateOnly(2026, 10, 26), range.From);
        Assert.Equal(new DateOnly(2026, 12, 7), range.To);
        Assert.Equal(DayOfWeek.Monday, range.From.DayOfWeek);
        Assert.Equal(0, range.DayCount % 7);
        Assert.Equal("November 2026", range.Title);
    }

    [Fact]
    public void For_Week_StartsOnMondayAndSpansSevenDays()
    {
        var range = CalendarRange.For(CalendarViewKind.Week, new DateOnly(2026, 11, 29));

        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)), (range.From, range.To));
        Assert.Equal("Nov 23 – 29, 2026", range.Title);
    }

    [Fact]
    public void Title_WeekAcrossYears_NamesBothYears()
    {
        var range = CalendarRange.For(CalendarViewKind.Week, new DateOnly(2026, 12, 30));

        Assert.Equal("Dec 28, 2026 – Jan 3, 2027", range.Title);
    }

    [Theory]
    [InlineData(CalendarViewKind.Month, 1, "2026-12-26")]
    [InlineData(CalendarViewKind.Week, -1, "2026-11-19")]
    [InlineData(CalendarViewKind.Day, 1, "2026-11-27")]
    [InlineData(CalendarViewKind.Agenda, 1, "2026-12-26")]
    public void Step_MovesByTheViewsLength(CalendarViewKind view, int direction, string expected)
    {
        Assert.Equal(CalendarRange.ParseDate(expected), CalendarRange.Step(view, new DateOnly(2026, 11, 26), direction));
    }

    [Theory]
    [InlineData("week", CalendarViewKind.Week)]
    [InlineData("MONTH", CalendarViewKind.Month)]
    [InlineData("bogus", null)]
    [InlineData("7", null)]
    [InlineData(null, null)]
    public void ParseView_ReadsOnlyKnownViews(string? text, CalendarViewKind? expected) => Assert.Equal(expected, CalendarRange.ParseView(text));

    [Theory]
    [InlineData("2026-11-26", true)]
    [InlineData("2026-13-01", false)]
    [InlineData("26/11/2026", false)]
    public void ParseDate_AcceptsIsoDatesOnly(string text, bool valid) => Assert.Equal(valid, CalendarRange.ParseDate(text) is not null);
}
