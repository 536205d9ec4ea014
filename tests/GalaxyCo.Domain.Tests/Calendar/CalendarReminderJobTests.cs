using GalaxyCo.Data;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Calendar.CalendarTestData;

namespace GalaxyCo.Domain.Tests.Calendar;

[Collection(PostgresCollection.Name)]
public sealed class CalendarReminderJobTests(PostgresDatabase db)
{
    private static Task<List<Notification>> RemindersAsync(CalendarHost host, Guid workspaceId) =>
        host.ReadAsync(workspaceId, c => c.Notifications.Where(n => n.Type == NotificationType.Reminder).OrderBy(n => n.CreatedAt).ToListAsync());

    private static async Task<int> RunAtAsync(CalendarHost host, DateTime utc)
    {
        host.Clock.Now = new DateTimeOffset(utc, TimeSpan.Zero);
        await using var job = host.Anonymous();
        return await job.Reminders.RunAsync();
    }

    [Fact]
    public async Task RunAsync_AtTheReminderInstant_NotifiesCreatorAndMemberAttendeesOnce()
    {
        var start = DateTime.UtcNow.Date.AddDays(400).AddHours(15);
        using var host = new CalendarHost(db, new CalendarClock(start.AddDays(-1)));
        var w = await db.CreateWorkspaceAsync("Remind Once");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        var declined = await db.AddMemberAsync(w, UserRole.Member);
        await using (var owner = await host.OwnerOfAsync(w))
        {
            Ok(await owner.Events.CreateAsync(Single("Pitch", start) with
            {
                Reminders = [new ReminderInput(10)],
                Attendees = [new AttendeeInput(member.Email), new AttendeeInput(declined.Email), new AttendeeInput("guest@example.com")],
            }));
        }
        await using (var d = await host.ActAsync(w.Slug, declined.UserId))
            Ok(await d.Attendees.RespondAsync((await host.ReadAsync(w.Id, c => c.CalendarEvents.SingleAsync())).Id, AttendeeStatus.Declined));

        Assert.Equal(0, await RunAtAsync(host, start.AddMinutes(-10).AddSeconds(-1)));
        Assert.Empty(await RemindersAsync(host, w.Id));

        Assert.Equal(1, await RunAtAsync(host, start.AddMinutes(-10)));
        Assert.Equal(0, await RunAtAsync(host, start.AddMinutes(-9)));
        Assert.Equal(0, await RunAtAsync(host, start.AddMinutes(-5)));

        var sent = await RemindersAsync(host, w.Id);
        Assert.Equal(new[] { w.OwnerUserId, member.UserId }.Order(), sent.Select(n => n.UserId!.Value).Order());
        Assert.All(sent, n => Assert.Contains("Pitch starts in 10 minutes", n.Message, StringComparison.Ordinal));
        Assert.Equal(1, await host.ReadAsync(w.Id, c => c.CalendarReminderDeliveries.CountAsync()));
    }

    [Fact]
    public async Task RunAsync_MovedOrDeletedEvent_FollowsTheCurrentEvent()
    {
        var start = DateTime.UtcNow.Date.AddDays(410).AddHours(15);
        using var host = new CalendarHost(db, new CalendarClock(start.AddDays(-1)));
        var w = await db.CreateWorkspaceAsync("Remind Moved");
        EventView moved, gone;
        await using (var owner = await host.OwnerOfAsync(w))
        {
            moved = Ok(await owner.Events.CreateAsync(Single("Moved", start) with { Reminders = [new ReminderInput(30)] }));
            gone = Ok(await owner.Events.CreateAsync(Single("Gone", start) with { Reminders = [new ReminderInput(30)] }));
            Ok(await owner.Events.UpdateAsync(moved.Id, moved.ToInput() with { Start = start.AddHours(2), End = start.AddHours(3) }, moved.Version));
            Assert.True((await owner.Events.DeleteAsync(gone.Id)).Succeeded);
        }

        Assert.Equal(0, await RunAtAsync(host, start.AddMinutes(-30)));
        Assert.Equal(1, await RunAtAsync(host, start.AddHours(2).AddMinutes(-30)));
        Assert.Equal("Reminder: Moved", Assert.Single(await RemindersAsync(host, w.Id)).Title);
    }

    [Fact]
    public async Task RunAsync_WeeklySeries_RemindsEachOccurrenceButNotACancelledOne()
    {
        var first = ChicagoUtc(DateTime.UtcNow.Year + 2, 3, 2, 9);
        first = first.AddDays(((int)DayOfWeek.Monday - (int)ChicagoLocal(first).DayOfWeek + 7) % 7);
        using var host = new CalendarHost(db, new CalendarClock(first.AddDays(-1)));
        var w = await db.CreateWorkspaceAsync("Remind Series");
        await using (var owner = await host.OwnerOfAsync(w))
        {
            var series = Ok(await owner.Events.CreateAsync(Weekly("Weekly", first) with { Reminders = [new ReminderInput(15, ReminderMethods.Email)] }));
            Assert.True((await owner.Events.DeleteAsync(series.Id, EditScope.ThisOccurrence, CalendarTime.ToUtc(ChicagoLocal(first).AddDays(14), Chicago))).Succeeded);
        }

        var sent = 0;
        for (var week = 0; week < 4; week++)
        {
            // Wall-clock 8:45 each Monday, whatever the DST offset that week.
            var instant = CalendarTime.ToUtc(ChicagoLocal(first).AddDays(7 * week).AddMinutes(-15), Chicago);
            sent += await RunAtAsync(host, instant);
            sent += await RunAtAsync(host, instant.AddMinutes(1));
        }

        Assert.Equal(3, sent);
        Assert.Equal(3, (await RemindersAsync(host, w.Id)).Count);
    }
}
