using GalaxyCo.Domain.Calendar;
using GalaxyCo.Web.Components.Pages.Calendar;

namespace GalaxyCo.Web.Tests.Calendar;

public sealed class EventEditorModelTests
{
    [Fact]
    public void ToInput_TimedEvent_ConvertsTheEventsWallClockToUtc()
    {
        var model = EventEditorModel.ForSlot(new DateTime(2026, 11, 26, 10, 0, 0), new DateTime(2026, 11, 26, 11, 30, 0), false, "America/Chicago");
        model.Title = "  Review  ";

        var input = model.ToInput();

        Assert.Equal(("Review", new DateTime(2026, 11, 26, 16, 0, 0), new DateTime(2026, 11, 26, 17, 30, 0)), (input.Title, input.Start, input.End));
        Assert.Equal(DateTimeKind.Utc, input.Start.Kind);
        Assert.Equal([new ReminderInput(10, ReminderMethods.Notification)], input.Reminders);
    }

    [Fact]
    public void ToInput_AllDay_SendsDatesWithTheDayAfterTheLastAsEnd()
    {
        var model = EventEditorModel.ForSlot(new DateTime(2026, 11, 26), new DateTime(2026, 11, 28), true, "Pacific/Auckland");
        model.Title = "Offsite";

        var input = model.ToInput();

        Assert.True(input.IsAllDay);
        Assert.Equal((new DateTime(2026, 11, 26), new DateTime(2026, 11, 28)), (input.Start, input.End));
    }

    [Fact]
    public void ToggleAllDay_Off_GivesTheDayAMorningSlot_AndOnKeepsTheDates()
    {
        var model = EventEditorModel.ForSlot(new DateTime(2026, 11, 26), new DateTime(2026, 11, 27), true, "America/Chicago");

        model.ToggleAllDay(false);
        Assert.Equal((new DateTime(2026, 11, 26, 9, 0, 0), new DateTime(2026, 11, 26, 10, 0, 0)), (model.LocalStart, model.LocalEnd));

        model.ToggleAllDay(true);
        Assert.Equal((new DateTime(2026, 11, 26), new DateTime(2026, 11, 26)), (model.LocalStart, model.LocalEnd));
    }

    [Fact]
    public void MoveStart_KeepsTheLength()
    {
        var model = EventEditorModel.ForSlot(new DateTime(2026, 11, 26, 10, 0, 0), new DateTime(2026, 11, 26, 11, 30, 0), false, "America/Chicago");

        model.MoveStart(null, new TimeSpan(15, 0, 0));

        Assert.Equal(new DateTime(2026, 11, 26, 16, 30, 0), model.LocalEnd);
    }

    [Fact]
    public void Validate_MissingTitleAndEndBeforeStart_NamesBothFields()
    {
        var model = EventEditorModel.ForSlot(new DateTime(2026, 11, 26, 10, 0, 0), new DateTime(2026, 11, 26, 9, 0, 0), false, "America/Chicago");
        model.MeetingUrl = "javascript:alert(1)";

        var errors = model.Validate();

        Assert.Equal("Give the event a title.", errors["title"]);
        Assert.Equal("The end must be after the start.", errors["end"]);
        Assert.Equal("Enter a full link starting with https://.", errors["meetingUrl"]);
    }

    [Fact]
    public void RecurrenceToInput_WeeklyMonWedTenTimes_GivesTheDomainModel()
    {
        var recurrence = new RecurrenceEditorModel { Frequency = RecurrenceFrequency.Weekly, Ends = RecurrenceEnd.AfterCount, Count = 10 };
        recurrence.Days.Add(DayOfWeek.Wednesday);
        recurrence.Days.Add(DayOfWeek.Monday);

        var input = recurrence.ToInput(new DateOnly(2026, 11, 23));

        Assert.NotNull(input);
        Assert.Equal((RecurrenceFrequency.Weekly, 1, 10, (DateOnly?)null), (input.Frequency, input.Interval, input.Count, input.Until));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday], input.ByDay!);
    }

    [Theory]
    [InlineData("bob@example.com", true)]
    [InlineData("Bob <bob@example.com>", false)]
    [InlineData("bob@localhost", false)]
    [InlineData("not an email", false)]
    public void IsEmail_AcceptsPlainAddressesOnly(string text, bool expected) => Assert.Equal(expected, EventEditorModel.IsEmail(text));

    [Fact]
    public void ShiftSeries_AllEventsFromALaterOccurrence_MovesTheSeriesStartByTheChange()
    {
        var seriesStart = new DateTime(2026, 11, 2, 15, 0, 0, DateTimeKind.Utc);
        var series = new EventView { Id = Guid.NewGuid(), Title = "Weekly", Timezone = "America/Chicago", Start = seriesStart, End = seriesStart.AddHours(1), IsRecurring = true };
        var occurrenceStart = new DateTime(2026, 11, 16, 15, 0, 0, DateTimeKind.Utc);
        var occurrence = new CalendarItem
        {
            EventId = series.Id, OriginalStartUtc = occurrenceStart, Title = "Weekly", Start = new DateTime(2026, 11, 16, 9, 0, 0),
            End = new DateTime(2026, 11, 16, 10, 0, 0), StartUtc = occurrenceStart, EndUtc = occurrenceStart.AddHours(1), IsRecurring = true,
        };
        var edited = new EventInput { Title = "Weekly", Start = occurrenceStart.AddMinutes(30), End = occurrenceStart.AddMinutes(120) };

        var shifted = EventEditorDialog.ShiftSeries(edited, series, occurrence);

        Assert.Equal((seriesStart.AddMinutes(30), seriesStart.AddMinutes(120)), (shifted.Start, shifted.End));
    }
}
