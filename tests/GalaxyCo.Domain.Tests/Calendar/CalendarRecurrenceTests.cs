using GalaxyCo.Domain.Calendar;
using static GalaxyCo.Domain.Tests.Calendar.CalendarTestData;

namespace GalaxyCo.Domain.Tests.Calendar;

public sealed class CalendarRecurrenceTests
{
    public static TheoryData<RecurrenceInput> EditorModels => new()
    {
        new RecurrenceInput(RecurrenceFrequency.Daily),
        new RecurrenceInput(RecurrenceFrequency.Daily, ByDay: [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]),
        new RecurrenceInput(RecurrenceFrequency.Weekly, 2, [DayOfWeek.Monday, DayOfWeek.Thursday], Count: 10),
        new RecurrenceInput(RecurrenceFrequency.Monthly, ByDay: [DayOfWeek.Friday], WeekOfMonth: 1),
        new RecurrenceInput(RecurrenceFrequency.Monthly, ByMonthDay: -1, Until: new DateOnly(2027, 6, 30)),
        new RecurrenceInput(RecurrenceFrequency.Yearly, ByMonth: 11, ByDay: [DayOfWeek.Thursday], WeekOfMonth: 4),
    };

    [Theory]
    [MemberData(nameof(EditorModels))]
    public void ToRRule_EditorModel_RoundTripsThroughIcalNetAndBackIntoTheEditor(RecurrenceInput input)
    {
        var start = ChicagoUtc(2026, 1, 2, 9);
        var rule = CalendarRecurrence.ToRRule(input, start, "America/Chicago");

        var parsedByIcal = new Ical.Net.DataTypes.RecurrencePattern(rule);
        Assert.True(RRule.TryParse(parsedByIcal.ToString(), out var again));
        Assert.True(RRule.TryParse(rule, out var ours));
        Assert.Equal(ours.ToString(), again.ToString());

        var back = CalendarRecurrence.Parse(rule, "America/Chicago");
        Assert.NotNull(back);
        Assert.Equal(rule, CalendarRecurrence.ToRRule(back, start, "America/Chicago"));
        Assert.Equal(input.Until, back.Until);
        Assert.Equal(input.Count, back.Count);
    }

    [Fact]
    public void ToRRule_Until_IsTheEndOfThatLocalDayInUtc()
    {
        var rule = CalendarRecurrence.ToRRule(new RecurrenceInput(RecurrenceFrequency.Weekly, Until: new DateOnly(2026, 7, 1)), ChicagoUtc(2026, 1, 7, 9), "America/Chicago");

        Assert.Equal("FREQ=WEEKLY;BYDAY=WE;UNTIL=20260702T045959Z", rule);
    }

    [Fact]
    public void Validate_OutOfRangeValues_ReportEachField()
    {
        var errors = CalendarRecurrence.Validate(new RecurrenceInput(RecurrenceFrequency.Weekly, Interval: 0, Count: 1001), new DateOnly(2026, 1, 1));
        Assert.Contains("recurrence.interval", errors.Keys);
        Assert.Contains("recurrence.count", errors.Keys);

        var until = CalendarRecurrence.Validate(new RecurrenceInput(RecurrenceFrequency.Daily, Until: new DateOnly(2025, 12, 31)), new DateOnly(2026, 1, 1));
        Assert.Contains("recurrence.until", until.Keys);
    }

    [Theory]
    [InlineData("FREQ=HOURLY")]
    [InlineData("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR")]
    [InlineData("FREQ=WEEKLY;COUNT=2;UNTIL=20270101T000000Z")]
    [InlineData("FREQ=DAILY;COUNT=5000")]
    [InlineData("BYDAY=MO")]
    public void TryParse_UnsupportedOrInvalidRule_SaysWhy(string rule)
    {
        Assert.False(RRule.TryParse(rule, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
