using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Calendar;

/// <summary>
/// Runs every minute (Hangfire recurring job "calendar-reminders"). For each workspace it expands the occurrences
/// that start soon with the same code as the calendar views and sends each reminder whose instant (start minus
/// minutes before) falls in (now - <see cref="Window"/>, now]. A calendar_reminder_deliveries row (unique per event,
/// occurrence, offset and method) is inserted first, in the transaction that writes the notifications, and only the
/// run whose insert won sends, so nothing goes twice even with several app nodes.
/// Because reminders are recomputed from the current event each minute, nothing is scheduled ahead: a moved event is
/// reminded at its new time, and a deleted event or cancelled occurrence is never reminded.
/// </summary>
public sealed class CalendarReminderJob(IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, TimeProvider clock, NotificationSender notifier,
    IMailSender mail, ILogger<CalendarReminderJob> logger)
{
    public const string RecurringJobId = "calendar-reminders";

    /// <summary>How late a reminder may still go out (a job run missed while the app was down).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Lookahead = TimeSpan.FromMinutes(CalendarEventInput.MaxReminderMinutes);

    /// <summary>Sends the reminders due now in every workspace; returns how many were sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        tenant.Actor = new AuditActor("system:calendar-reminders");
        List<(Guid Id, string Slug)> workspaces;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            workspaces = (await db.Workspaces.Select(w => new { w.Id, w.Slug }).ToListAsync(ct)).Select(w => (w.Id, w.Slug)).ToList();
        }
        var sent = 0;
        foreach (var (id, slug) in workspaces)
        {
            try
            {
                sent += await RunWorkspaceAsync(id, slug, now, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken workspace must not stop everyone else's reminders.
                logger.LogError(e, "Calendar reminders failed for workspace {WorkspaceId}", id);
            }
        }
        return sent;
    }

    private async Task<int> RunWorkspaceAsync(Guid workspaceId, string slug, DateTime now, CancellationToken ct)
    {
        using var entered = tenant.Enter(workspaceId);
        List<Due> due;
        Dictionary<string, CalendarPerson> people;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var from = now - Window;
            var to = now + Lookahead + Window;
            var events = (await CalendarRangeReader.LoadAsync(db, from, to, null, null, ct)).Where(e => e.Reminders.Count > 0).ToList();
            if (events.Count == 0) return 0;
            var exceptions = await CalendarRangeReader.ExceptionsAsync(db, events.Where(e => e.IsRecurring).Select(e => e.Id).ToList(), from, to, ct);
            people = await CalendarRangeReader.PeopleAsync(db, ct);
            var byId = events.ToDictionary(e => e.Id);
            due = [];
            foreach (var o in CalendarRangeReader.Expand(events.Select(EventRow.Of).ToList(), exceptions, from, to))
            {
                foreach (var r in byId[o.EventId].Reminders)
                {
                    var instant = o.Start.AddMinutes(-r.MinutesBefore);
                    if (instant > now - Window && instant <= now) due.Add(new Due(byId[o.EventId], o, r.MinutesBefore, r.Method));
                }
            }
        }
        var sent = 0;
        foreach (var d in due)
        {
            if (await DeliverAsync(workspaceId, slug, d, people, ct)) sent++;
        }
        return sent;
    }

    /// <summary>Claims the delivery row and writes the notifications in one transaction; mails after the commit.</summary>
    private async Task<bool> DeliverAsync(Guid workspaceId, string slug, Due d, Dictionary<string, CalendarPerson> people, CancellationToken ct)
    {
        var recipients = Recipients(d.Event, people);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into calendar_reminder_deliveries (id, workspace_id, event_id, occurrence_start, minutes_before, method, created_at)
            values ({Guid.CreateVersion7()}, {workspaceId}, {d.Event.Id}, {d.Occurrence.OccurrenceStart}, {d.MinutesBefore}, {d.Method}, {clock.GetUtcNow().UtcDateTime})
            on conflict do nothing
            """, ct);
        if (claimed == 0)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        var when = When(d.Occurrence);
        var title = $"Reminder: {d.Occurrence.Title}";
        var message = d.MinutesBefore == 0 ? $"{d.Occurrence.Title} starts now ({when})." : $"{d.Occurrence.Title} starts in {Lead(d.MinutesBefore)} ({when}).";
        var url = CalendarInvitations.ActionUrl(slug, d.Event.Id, d.Occurrence.Start);
        await NotificationSender.AddAsync(db, recipients.Select(p => new NotificationMessage(p.UserId, NotificationType.Reminder, title, message, url, "Open event",
            new Dictionary<string, string> { ["eventId"] = d.Event.Id.ToString(), ["occurrenceStart"] = d.Occurrence.OccurrenceStart.ToString("O", CultureInfo.InvariantCulture) },
            NotificationCategories.Reminder)).ToList(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        if (d.Method == ReminderMethods.Email && notifier.MailConfigured)
        {
            var text = message + (d.Occurrence.Location is null ? "" : $"\nWhere: {d.Occurrence.Location}") + (d.Occurrence.MeetingUrl is null ? "" : $"\nJoin: {d.Occurrence.MeetingUrl}");
            var html = string.Join("", text.Split('\n').Select(line => $"<p>{System.Net.WebUtility.HtmlEncode(line)}</p>"));
            foreach (var p in recipients)
            {
                try
                {
                    await mail.SendAsync(new OutgoingMail(p.Email, title, html, text), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not mail a reminder for event {EventId}", d.Event.Id);
                }
            }
        }
        return true;
    }

    /// <summary>The creator and the member attendees who did not decline.</summary>
    private static List<CalendarPerson> Recipients(CalendarEvent e, Dictionary<string, CalendarPerson> people)
    {
        var result = new List<CalendarPerson>();
        if (e.CreatedBy is { } creator && people.Values.FirstOrDefault(p => p.UserId == creator) is { } c) result.Add(c);
        foreach (var a in e.Attendees.Where(a => a.Status != AttendeeStatus.Declined))
            if (people.TryGetValue(a.Email, out var p) && result.All(r => r.UserId != p.UserId)) result.Add(p);
        return result;
    }

    private static string When(EventOccurrence o)
    {
        if (o.IsAllDay) return o.Start.ToString("ddd, MMM d", CultureInfo.InvariantCulture) + ", all day";
        var zone = CalendarTime.FindZone(o.Timezone) ?? TimeZoneInfo.Utc;
        return CalendarTime.ToLocal(o.Start, zone).ToString("ddd, MMM d, h:mm tt", CultureInfo.InvariantCulture) + " " + o.Timezone;
    }

    private static string Lead(int minutes) => minutes switch
    {
        < 60 => $"{minutes} minute{(minutes == 1 ? "" : "s")}",
        < 1440 when minutes % 60 == 0 => $"{minutes / 60} hour{(minutes == 60 ? "" : "s")}",
        _ when minutes % 1440 == 0 => $"{minutes / 1440} day{(minutes == 1440 ? "" : "s")}",
        _ => $"{minutes} minutes",
    };

    private sealed record Due(CalendarEvent Event, EventOccurrence Occurrence, int MinutesBefore, string Method);
}
