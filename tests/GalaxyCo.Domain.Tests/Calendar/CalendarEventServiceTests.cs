using GalaxyCo.Data;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Calendar.CalendarTestData;

namespace GalaxyCo.Domain.Tests.Calendar;

[Collection(PostgresCollection.Name)]
public sealed class CalendarEventServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CalendarHost host = new(db);

    public void Dispose() => host.Dispose();

    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    private static async Task<List<EventOccurrence>> ListAsync(CalendarActor actor, DateTime from, DateTime to) =>
        [.. Ok(await actor.Events.ListAsync(new CalendarQuery(from, to)))];

    [Fact]
    public async Task ListAsync_WeeklyNineOClockChicago_StaysNineLocalAcrossMarchAndNovember()
    {
        var w = await db.CreateWorkspaceAsync("Cal DST");
        await using var owner = await host.OwnerOfAsync(w);
        var created = Ok(await owner.Events.CreateAsync(Weekly("Team sync", ChicagoUtc(2026, 2, 2, 9))));

        var occurrences = await ListAsync(owner, Utc(2026, 3, 1), Utc(2026, 3, 16));
        occurrences.AddRange(await ListAsync(owner, Utc(2026, 10, 20), Utc(2026, 11, 10)));

        Assert.Equal(5, occurrences.Count);
        Assert.All(occurrences, o => Assert.Equal(9, ChicagoLocal(o.Start).Hour));
        Assert.Contains(occurrences, o => o.Start == new DateTime(2026, 3, 2, 15, 0, 0));
        Assert.Contains(occurrences, o => o.Start == new DateTime(2026, 3, 9, 14, 0, 0));
        Assert.Contains(occurrences, o => o.Start == new DateTime(2026, 10, 26, 14, 0, 0));
        Assert.Contains(occurrences, o => o.Start == new DateTime(2026, 11, 2, 15, 0, 0));
        Assert.All(occurrences, o => Assert.Equal(created.Id, o.EventId));
        Assert.Null(created.OccursUntil);
    }

    [Fact]
    public async Task CreateAsync_SingleEventAtTwoThirtyOnSpringForwardDay_KeepsTheInstantGiven()
    {
        var w = await db.CreateWorkspaceAsync("Cal Gap");
        await using var owner = await host.OwnerOfAsync(w);
        // 2:30 does not exist in Chicago on March 8; the UI sends the instant it resolved (3:30 CDT = 08:30Z).
        var start = ChicagoUtc(2026, 3, 8, 2, 30);
        var created = Ok(await owner.Events.CreateAsync(Single("Early call", start, 30)));

        Assert.Equal(new DateTime(2026, 3, 8, 8, 30, 0), created.Start);
        var listed = Assert.Single(await ListAsync(owner, Utc(2026, 3, 8), Utc(2026, 3, 9)));
        Assert.Equal(new DateTime(2026, 3, 8, 3, 30, 0), ChicagoLocal(listed.Start));
        Assert.Equal(created.End, created.OccursUntil);
    }

    [Fact]
    public async Task ListAsync_AllDayEvent_IsTheSameDateForViewersInTokyoAndHonolulu()
    {
        var w = await db.CreateWorkspaceAsync("Cal AllDay");
        await using var owner = await host.OwnerOfAsync(w);
        var created = Ok(await owner.Events.CreateAsync(new EventInput
        {
            Title = "Offsite", IsAllDay = true, Start = new DateTime(2026, 12, 5), End = new DateTime(2026, 12, 5), Timezone = "Asia/Tokyo",
        }));
        Assert.Equal(new DateOnly(2026, 12, 5), created.AllDayDate);
        Assert.Equal(new DateOnly(2026, 12, 5), created.AllDayLastDate);
        Assert.Equal(new DateTime(2026, 12, 5, 0, 0, 0), created.Start);

        foreach (var zone in new[] { "Asia/Tokyo", "Pacific/Honolulu" })
        {
            // The UI asks for the viewer's local day of December 5.
            var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
            var from = CalendarTime.ToUtc(new DateTime(2026, 12, 5), tz);
            var occurrence = Assert.Single(await ListAsync(owner, from, from.AddDays(1)));
            Assert.Equal(new DateOnly(2026, 12, 5), occurrence.AllDayDate);
            Assert.Equal(new DateOnly(2026, 12, 5), occurrence.AllDayLastDate);
            Assert.True(occurrence.IsAllDay);
        }
    }

    [Fact]
    public async Task CreateAsync_InvalidInput_ReturnsAnErrorPerField()
    {
        var w = await db.CreateWorkspaceAsync("Cal Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        var start = ChicagoUtc(2026, 5, 1, 9);
        var result = await owner.Events.CreateAsync(new EventInput
        {
            Title = " ", Start = start, End = start, Timezone = "Mars/Olympus",
            Recurrence = new RecurrenceInput(RecurrenceFrequency.Weekly, Count: 0),
            Attendees = [new AttendeeInput("not-an-email")], Reminders = [new ReminderInput(-5)],
        });

        Assert.Equal(ResultStatus.Invalid, result.Status);
        foreach (var field in new[] { "title", "end", "timezone", "attendees", "reminders" }) Assert.NotNull(result.ErrorFor(field));
        Assert.Equal(0, await host.ReadAsync(w.Id, c => c.CalendarEvents.CountAsync()));

        var badCount = await owner.Events.CreateAsync(Weekly("Too many", start) with { Recurrence = new RecurrenceInput(RecurrenceFrequency.Daily, Count: 1001) });
        Assert.NotNull(badCount.ErrorFor("recurrence.count"));
        var badUntil = await owner.Events.CreateAsync(Weekly("Backwards", start) with { Recurrence = new RecurrenceInput(RecurrenceFrequency.Daily, Until: new DateOnly(2026, 4, 1)) });
        Assert.NotNull(badUntil.ErrorFor("recurrence.until"));
    }

    [Fact]
    public async Task UpdateAsync_ThisOccurrence_OverridesOnlyThatOccurrence()
    {
        var w = await db.CreateWorkspaceAsync("Cal This");
        await using var owner = await host.OwnerOfAsync(w);
        var series = Ok(await owner.Events.CreateAsync(Weekly("Standup", ChicagoUtc(2026, 4, 6, 9), 30)));
        var third = ChicagoUtc(2026, 4, 20, 9);

        var edited = Ok(await owner.Events.UpdateAsync(series.Id, series.ToInput() with { Title = "Standup (demo day)", Start = third.AddHours(2), End = third.AddHours(2).AddMinutes(30) },
            series.Version, EditScope.ThisOccurrence, third));

        var list = await ListAsync(owner, Utc(2026, 4, 1), Utc(2026, 5, 1));
        Assert.Equal(4, list.Count);
        var moved = Assert.Single(list, o => o.IsException);
        Assert.Equal((third, third.AddHours(2), "Standup (demo day)"), (moved.OccurrenceStart, moved.Start, moved.Title));
        Assert.All(list.Where(o => !o.IsException), o => Assert.Equal(("Standup", 9), (o.Title, ChicagoLocal(o.Start).Hour)));
        Assert.Equal(1, edited.ExceptionCount);
        Assert.Equal("Standup", edited.Title);
    }

    [Fact]
    public async Task UpdateAsync_ThisAndFollowing_SplitsTheSeriesAndMovesLaterExceptions()
    {
        var w = await db.CreateWorkspaceAsync("Cal Following");
        await using var owner = await host.OwnerOfAsync(w);
        var series = Ok(await owner.Events.CreateAsync(Weekly("Planning", ChicagoUtc(2026, 4, 7, 10))));
        var later = ChicagoUtc(2026, 5, 5, 10);
        Assert.True((await owner.Events.DeleteAsync(series.Id, EditScope.ThisOccurrence, later)).Succeeded);
        series = Ok(await owner.Events.GetAsync(series.Id));
        var split = ChicagoUtc(2026, 4, 21, 10);

        var next = Ok(await owner.Events.UpdateAsync(series.Id, series.ToInput() with { Title = "Planning v2", Start = split.AddHours(4), End = split.AddHours(5) },
            series.Version, EditScope.ThisAndFollowing, split));

        Assert.NotEqual(series.Id, next.Id);
        var old = Ok(await owner.Events.GetAsync(series.Id));
        Assert.Contains("UNTIL=", old.RecurrenceRule, StringComparison.Ordinal);
        Assert.Equal(ChicagoUtc(2026, 4, 14, 10).AddHours(1), old.OccursUntil);
        Assert.Equal(0, old.ExceptionCount);
        Assert.Equal(1, next.ExceptionCount);

        var list = await ListAsync(owner, Utc(2026, 4, 1), Utc(2026, 5, 20));
        Assert.Equal(["Planning", "Planning", "Planning v2", "Planning v2", "Planning v2", "Planning v2"], list.Select(o => o.Title));
        Assert.All(list.Where(o => o.Title == "Planning v2"), o => Assert.Equal(14, ChicagoLocal(o.Start).Hour));
        // The cancelled May 5 occurrence stays cancelled in the new series (re-keyed to 14:00).
        Assert.DoesNotContain(list, o => ChicagoLocal(o.Start).Date == new DateTime(2026, 5, 5));
    }

    [Fact]
    public async Task UpdateAsync_AllFromAnOccurrence_ShiftsTheSeriesAndKeepsItsExceptions()
    {
        var w = await db.CreateWorkspaceAsync("Cal All");
        await using var owner = await host.OwnerOfAsync(w);
        var series = Ok(await owner.Events.CreateAsync(Weekly("Review", ChicagoUtc(2026, 2, 26, 9), count: 6)));
        var cancelled = ChicagoUtc(2026, 3, 12, 9);
        Assert.True((await owner.Events.DeleteAsync(series.Id, EditScope.ThisOccurrence, cancelled)).Succeeded);
        series = Ok(await owner.Events.GetAsync(series.Id));
        var fourth = ChicagoUtc(2026, 3, 19, 9);

        var edited = Ok(await owner.Events.UpdateAsync(series.Id, series.ToInput() with { Start = fourth.AddHours(1), End = fourth.AddHours(2) }, series.Version, EditScope.All, fourth));

        Assert.Equal(ChicagoUtc(2026, 2, 26, 10), edited.Start);
        var list = await ListAsync(owner, Utc(2026, 2, 1), Utc(2026, 5, 1));
        Assert.Equal(5, list.Count);
        Assert.All(list, o => Assert.Equal(10, ChicagoLocal(o.Start).Hour));
        Assert.DoesNotContain(list, o => ChicagoLocal(o.Start).Date == new DateTime(2026, 3, 12));
        Assert.Equal(ChicagoUtc(2026, 4, 2, 11), edited.OccursUntil);
    }

    [Fact]
    public async Task DeleteAsync_EachScope_RemovesWhatItSays()
    {
        var w = await db.CreateWorkspaceAsync("Cal Delete");
        await using var owner = await host.OwnerOfAsync(w);
        var series = Ok(await owner.Events.CreateAsync(Weekly("Sync", ChicagoUtc(2026, 6, 1, 9), count: 10)));

        Assert.True((await owner.Events.DeleteAsync(series.Id, EditScope.ThisOccurrence, ChicagoUtc(2026, 6, 8, 9))).Succeeded);
        Assert.Equal(9, (await ListAsync(owner, Utc(2026, 6, 1), Utc(2026, 9, 1))).Count);

        Assert.True((await owner.Events.DeleteAsync(series.Id, EditScope.ThisAndFollowing, ChicagoUtc(2026, 6, 22, 9))).Succeeded);
        var left = await ListAsync(owner, Utc(2026, 6, 1), Utc(2026, 9, 1));
        Assert.Equal([ChicagoUtc(2026, 6, 1, 9), ChicagoUtc(2026, 6, 15, 9)], left.Select(o => o.Start));
        Assert.Contains("COUNT=3", Ok(await owner.Events.GetAsync(series.Id)).RecurrenceRule, StringComparison.Ordinal);

        Assert.True((await owner.Events.DeleteAsync(series.Id, EditScope.All)).Succeeded);
        Assert.Empty(await ListAsync(owner, Utc(2026, 6, 1), Utc(2026, 9, 1)));
        Assert.Equal(0, await host.ReadAsync(w.Id, c => c.CalendarEventExceptions.CountAsync()));
        Assert.True(await host.ReadAsync(w.Id, c => c.AuditLogs.AnyAsync(a => a.ResourceType == "calendar_event" && a.Action == "delete")));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_AnswersConflict()
    {
        var w = await db.CreateWorkspaceAsync("Cal Conflict");
        await using var owner = await host.OwnerOfAsync(w);
        var e = Ok(await owner.Events.CreateAsync(Single("One", ChicagoUtc(2026, 6, 1, 9))));
        Ok(await owner.Events.UpdateAsync(e.Id, e.ToInput() with { Title = "Two" }, e.Version));

        var stale = await owner.Events.UpdateAsync(e.Id, e.ToInput() with { Title = "Three" }, e.Version);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Equal("Two", Ok(await owner.Events.GetAsync(e.Id)).Title);
    }

    [Fact]
    public async Task MoveAsync_OneOccurrence_LeavesTheSeriesIntact()
    {
        var w = await db.CreateWorkspaceAsync("Cal Move");
        await using var owner = await host.OwnerOfAsync(w);
        var series = Ok(await owner.Events.CreateAsync(Weekly("1:1", ChicagoUtc(2026, 7, 1, 11), 30)));
        var second = ChicagoUtc(2026, 7, 8, 11);

        Ok(await owner.Events.MoveAsync(series.Id, second, second.AddDays(1), second.AddDays(1).AddMinutes(45), series.Version));

        var list = await ListAsync(owner, Utc(2026, 7, 1), Utc(2026, 7, 20));
        Assert.Equal([ChicagoUtc(2026, 7, 1, 11), second.AddDays(1), ChicagoUtc(2026, 7, 15, 11)], list.Select(o => o.Start));
        Assert.Equal(TimeSpan.FromMinutes(45), list[1].End - list[1].Start);
        Assert.Equal(second, list[1].OccurrenceStart);
    }

    [Fact]
    public async Task FindConflictsAsync_OverlappingMeetingOfThePerson_IsReported()
    {
        var w = await db.CreateWorkspaceAsync("Cal Conflicts");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        Ok(await owner.Events.CreateAsync(Single("Client call", ChicagoUtc(2026, 8, 3, 10)) with { Attendees = [new AttendeeInput(member.Email)] }));
        Ok(await owner.Events.CreateAsync(Weekly("Weekly", ChicagoUtc(2026, 7, 6, 10, 30)) with { Attendees = [new AttendeeInput(member.Email)] }));
        Ok(await owner.Events.CreateAsync(Single("Someone else's", ChicagoUtc(2026, 8, 3, 10))));

        var conflicts = Ok(await owner.Events.FindConflictsAsync(member.UserId, ChicagoUtc(2026, 8, 3, 10, 15), ChicagoUtc(2026, 8, 3, 11)));

        Assert.Equal(["Client call", "Weekly"], conflicts.Select(c => c.Title));
        Assert.Empty(Ok(await owner.Events.FindConflictsAsync(member.UserId, ChicagoUtc(2026, 8, 3, 12), ChicagoUtc(2026, 8, 3, 13))));
    }

    [Fact]
    public async Task RespondAsync_InvitedMember_SetsOnlyTheirOwnAnswer()
    {
        var w = await db.CreateWorkspaceAsync("Cal Respond");
        var invited = await db.AddMemberAsync(w, UserRole.Viewer);
        var other = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var e = Ok(await owner.Events.CreateAsync(Single("Demo", ChicagoUtc(2026, 8, 3, 10)) with { Attendees = [new AttendeeInput(invited.Email), new AttendeeInput("guest@example.com")] }));

        await using (var actor = await host.ActAsync(w.Slug, invited.UserId))
            Assert.Equal(AttendeeStatus.Accepted, Ok(await actor.Attendees.RespondAsync(e.Id, AttendeeStatus.Accepted)).Status);
        await using (var actor = await host.ActAsync(w.Slug, other.UserId))
        {
            Assert.Equal(ResultStatus.Forbidden, (await actor.Attendees.RespondAsync(e.Id, AttendeeStatus.Declined)).Status);
            Assert.Equal(ResultStatus.Invalid, (await actor.Attendees.RespondAsync(e.Id, "maybe")).Status);
        }

        var attendees = Ok(await owner.Events.GetAsync(e.Id)).Attendees;
        Assert.Equal((AttendeeStatus.Accepted, invited.UserId), (attendees[0].Status, attendees[0].UserId!.Value));
        Assert.Equal((AttendeeStatus.NeedsAction, (Guid?)null), (attendees[1].Status, attendees[1].UserId));
    }

    [Fact]
    public async Task CreateAsync_WithoutSmtp_NotifiesMemberAttendeesInApp()
    {
        var w = await db.CreateWorkspaceAsync("Cal Invite App");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);

        var e = Ok(await owner.Events.CreateAsync(Single("Kickoff", ChicagoUtc(2026, 9, 1, 9)) with { Attendees = [new AttendeeInput(member.Email), new AttendeeInput(w.OwnerEmail)] }));

        var notes = await host.ReadAsync(w.Id, c => c.Notifications.ToListAsync());
        var note = Assert.Single(notes, n => n.UserId == member.UserId);
        Assert.Contains("Kickoff", note.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(notes, n => n.UserId == w.OwnerUserId);
        Assert.Equal(AttendeeStatus.Accepted, e.Attendees.Single(a => a.UserId == w.OwnerUserId).Status);
        Assert.Empty(Directory.GetFiles(host.MailFolder));
    }

    [Fact]
    public async Task CreateAsync_WithSmtp_MailsAnIcsInvitationToNewAttendees()
    {
        using var mailing = new CalendarHost(db, smtp: true);
        var w = await db.CreateWorkspaceAsync("Cal Invite Mail");
        await using var owner = await mailing.OwnerOfAsync(w);

        var e = Ok(await owner.Events.CreateAsync(Weekly("Board prep", ChicagoUtc(2026, 9, 1, 9)) with { Attendees = [new AttendeeInput("guest@example.com", "Guest")] }));
        Ok(await owner.Events.UpdateAsync(e.Id, e.ToInput() with { Attendees = [new AttendeeInput("guest@example.com"), new AttendeeInput("second@example.com")] }, e.Version));

        var mail = Assert.Single(mailing.MailsTo("guest@example.com"));
        var ics = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content);
        var text = System.Text.Encoding.UTF8.GetString(content.ToArray());
        Assert.Contains("METHOD:REQUEST", text, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=WEEKLY", text, StringComparison.Ordinal);
        Assert.Single(mailing.MailsTo("second@example.com"));
    }

    [Fact]
    public async Task Services_AnotherWorkspacesEvent_AnswerNotFoundAndStayUnchanged()
    {
        var a = await db.CreateWorkspaceAsync("Cal Tenant A");
        var b = await db.CreateWorkspaceAsync("Cal Tenant B");
        Guid theirs;
        await using (var bOwner = await host.OwnerOfAsync(b))
            theirs = Ok(await bOwner.Events.CreateAsync(Weekly("B secret", ChicagoUtc(2026, 9, 1, 9)) with { Attendees = [new AttendeeInput(a.OwnerEmail)] })).Id;
        await using var owner = await host.OwnerOfAsync(a);
        var occurrence = ChicagoUtc(2026, 9, 8, 9);

        Assert.Equal(ResultStatus.NotFound, (await owner.Events.GetAsync(theirs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Events.UpdateAsync(theirs, Single("x", occurrence), 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Events.MoveAsync(theirs, occurrence, occurrence, occurrence.AddHours(1), 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Events.DeleteAsync(theirs, EditScope.ThisOccurrence, occurrence)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Events.DeleteAsync(theirs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Attendees.RespondAsync(theirs, AttendeeStatus.Declined)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Ics.ExportEventAsync(theirs)).Status);
        Assert.Empty(await ListAsync(owner, Utc(2026, 9, 1), Utc(2026, 10, 1)));
        Assert.Empty(Ok(await owner.Events.FindConflictsAsync(a.OwnerUserId, occurrence, occurrence.AddHours(1))));

        var row = await host.ReadAsync(b.Id, c => c.CalendarEvents.Include(e => e.Exceptions).SingleAsync(e => e.Id == theirs));
        Assert.Equal(("B secret", 0), (row.Title, row.Exceptions.Count));
    }

    [Fact]
    public async Task CreateAsync_Viewer_IsForbidden()
    {
        var w = await db.CreateWorkspaceAsync("Cal Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var actor = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await actor.Events.CreateAsync(Single("Nope", ChicagoUtc(2026, 9, 1, 9)))).Status);
        Assert.True((await actor.Events.ListAsync(new CalendarQuery(Utc(2026, 9, 1), Utc(2026, 10, 1)))).Succeeded);
    }
}
