using GalaxyCo.Data.Calendar;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Calendar;
using GalaxyCo.Web.Tests.Infrastructure;
using GalaxyCo.Web.Tests.Members;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GalaxyCo.Web.Tests.Calendar;

[Collection(PostgresCollection.Name)]
public sealed class EventEditorDialogTests(PostgresDatabase database) : IDisposable
{
    private readonly MailOutbox outbox = new();

    public void Dispose() => outbox.Dispose();

    // Monday, Nov 23, 2026, 10:00–11:00 in Chicago.
    private static EventEditorModel Slot() =>
        EventEditorModel.ForSlot(new DateTime(2026, 11, 23, 10, 0, 0), new DateTime(2026, 11, 23, 11, 0, 0), false, "America/Chicago");

    private async Task<List<CalendarEvent>> EventsOfAsync(TestWorkspace w)
    {
        await using var db = database.CreateContext(w.Tenant());
        return await db.CalendarEvents.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Save_WithoutTitle_ShowsTheMessageNextToTheTitleAndSavesNothing()
    {
        var w = await database.CreateWorkspaceAsync("Cal Editor Title");
        await using var ctx = await CalendarTestSupport.EnterAsOwnerAsync(database, w, outbox);
        ctx.RenderProviders();
        var dialogs = ctx.Render<MudDialogProvider>();
        await CalendarTestSupport.OpenEditorAsync(dialogs, Slot());

        await dialogs.Find("#event-editor-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("Give the event a title.",
            dialogs.Find("[data-testid=editor-title]").InputOf().Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
        // The dialog stays open and nothing is written.
        Assert.NotEmpty(dialogs.FindAll("[data-testid=event-editor]"));
        Assert.Empty(await EventsOfAsync(w));

        // Typing a title clears the message at once.
        dialogs.Find("[data-testid=editor-title]").InputOf().Input("Planning");
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Give the event a title.", dialogs.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecurrenceEditor_WeeklyMonWedTenTimes_WritesAndSavesTheRRule()
    {
        var w = await database.CreateWorkspaceAsync("Cal Editor Rule");
        await using var ctx = await CalendarTestSupport.EnterAsOwnerAsync(database, w, outbox);
        ctx.RenderProviders();
        var dialogs = ctx.Render<MudDialogProvider>();
        var model = Slot();
        var reference = await CalendarTestSupport.OpenEditorAsync(dialogs, model);
        dialogs.Find("[data-testid=editor-title]").InputOf().Input("Team sync");

        // Weekly: the start's weekday (Monday) is picked for us; add Wednesday, end after 10 times.
        var recurrence = dialogs.FindComponent<RecurrenceEditor>();
        await dialogs.InvokeAsync(() => recurrence.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("weekly"));
        dialogs.WaitForAssertion(() => Assert.Equal("true", dialogs.Find("[data-testid=recurrence-day-MO]").GetAttribute("aria-pressed")));
        await dialogs.Find("[data-testid=recurrence-day-WE]").ClickAsync();
        await dialogs.InvokeAsync(() => recurrence.FindComponent<MudRadioGroup<RecurrenceEnd>>().Instance.ValueChanged.InvokeAsync(RecurrenceEnd.AfterCount));
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=recurrence-count]").InputOf().HasAttribute("disabled")));
        await dialogs.InvokeAsync(() => recurrence.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Max == 1000).Instance.ValueChanged.InvokeAsync(10));

        dialogs.WaitForAssertion(() =>
        {
            var rule = dialogs.Find("[data-testid=recurrence-rrule]").TextContent;
            Assert.Contains("FREQ=WEEKLY", rule, StringComparison.Ordinal);
            Assert.Contains("BYDAY=MO,WE", rule, StringComparison.Ordinal);
            Assert.Contains("COUNT=10", rule, StringComparison.Ordinal);
        });
        Assert.Contains("Mon", dialogs.Find("[data-testid=recurrence-summary]").TextContent, StringComparison.Ordinal);

        await dialogs.Find("#event-editor-form").SubmitAsync();

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(result!.Canceled);
        var saved = Assert.Single(await EventsOfAsync(w));
        Assert.True(saved.IsRecurring);
        Assert.Contains("FREQ=WEEKLY", saved.RecurrenceRule, StringComparison.Ordinal);
        Assert.Contains("BYDAY=MO,WE", saved.RecurrenceRule, StringComparison.Ordinal);
        Assert.Contains("COUNT=10", saved.RecurrenceRule, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 11, 23, 16, 0, 0), saved.StartTime);
    }

    [Fact]
    public async Task AllDaySwitch_HidesTheTimes_AndSavesTheDatesUnshifted()
    {
        var w = await database.CreateWorkspaceAsync("Cal Editor AllDay");
        await using var ctx = await CalendarTestSupport.EnterAsOwnerAsync(database, w, outbox);
        ctx.RenderProviders();
        var dialogs = ctx.Render<MudDialogProvider>();
        var reference = await CalendarTestSupport.OpenEditorAsync(dialogs,
            EventEditorModel.ForSlot(new DateTime(2026, 11, 26, 10, 0, 0), new DateTime(2026, 11, 26, 11, 0, 0), false, "Pacific/Auckland"));
        dialogs.Find("[data-testid=editor-title]").InputOf().Input("Thanksgiving");
        Assert.NotEmpty(dialogs.FindAll("[data-testid=editor-start-time]"));

        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=editor-start-time]")));
        Assert.Empty(dialogs.FindAll("[data-testid=editor-end-time]"));
        Assert.Contains("Last day", dialogs.Find("[data-testid=editor-end-date]").InputOf().Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);

        await dialogs.Find("#event-editor-form").SubmitAsync();

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(result!.Canceled);
        var view = Assert.IsType<EventView>(result.Data);
        Assert.True(view.IsAllDay);
        Assert.Equal((new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26)), (view.AllDayDate, view.AllDayLastDate));
    }

    [Fact]
    public async Task Attendees_InvalidEmail_ShowsTheErrorAndValidOneIsListedAwaitingReply()
    {
        var w = await database.CreateWorkspaceAsync("Cal Editor People");
        await using var ctx = await CalendarTestSupport.EnterAsOwnerAsync(database, w, outbox);
        ctx.RenderProviders();
        var dialogs = ctx.Render<MudDialogProvider>();
        await CalendarTestSupport.OpenEditorAsync(dialogs, Slot());

        var box = dialogs.FindComponent<AttendeeEditor>().FindComponent<MudAutocomplete<string>>();
        await dialogs.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync("not-an-email"));
        dialogs.WaitForAssertion(() => Assert.Contains("is not a member or a valid email address", dialogs.Find("[data-testid=attendee-editor]").TextContent, StringComparison.Ordinal));
        Assert.Empty(dialogs.FindAll("[data-testid=attendee-row]"));

        await dialogs.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync("guest@globex.example"));

        dialogs.WaitForAssertion(() =>
        {
            var row = Assert.Single(dialogs.FindAll("[data-testid=attendee-row]"));
            Assert.Equal("guest@globex.example", row.GetAttribute("data-email"));
            Assert.Contains("Awaiting reply", row.TextContent, StringComparison.Ordinal);
        });
    }
}
