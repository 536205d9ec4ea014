using System.Globalization;
using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Calendar;

/// <summary>
/// Tells new attendees about an event: with SMTP configured, a mail with the event as an .ics attachment
/// (METHOD:REQUEST, which mail clients show with accept/decline buttons) to every new attendee, members and guests;
/// without SMTP, an in-app notification to the new attendees who are members (guests cannot be reached then).
/// The organizer (the person saving) is never invited to their own event and is marked accepted.
/// </summary>
public sealed class CalendarInvitations(CurrentMember member, NotificationSender notifier, IMailSender mail, TimeProvider clock, ILogger<CalendarInvitations> logger)
{
    /// <summary>
    /// Called before SaveChanges: works out who is new on <paramref name="e"/> (compared to <paramref name="previousEmails"/>)
    /// and, without mail, adds their in-app notifications to the same transaction. Returns whom to mail after the commit.
    /// </summary>
    internal async Task<IReadOnlyList<Attendee>> PrepareAsync(GalaxyDbContext db, CalendarEvent e, IReadOnlyCollection<string> previousEmails, CancellationToken ct)
    {
        if (e.Attendees.Count == 0) return [];
        var people = await CalendarRangeReader.PeopleAsync(db, ct);
        var self = people.Values.FirstOrDefault(p => p.UserId == member.UserId);
        foreach (var a in e.Attendees.Where(a => self is not null && string.Equals(a.Email, self.Email, StringComparison.OrdinalIgnoreCase) && a.Status == AttendeeStatus.NeedsAction))
            a.Status = AttendeeStatus.Accepted;
        var invited = e.Attendees
            .Where(a => !previousEmails.Contains(a.Email, StringComparer.OrdinalIgnoreCase))
            .Where(a => self is null || !string.Equals(a.Email, self.Email, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (invited.Count == 0 || notifier.MailConfigured) return notifier.MailConfigured ? invited : [];
        var who = self?.Name ?? "Someone";
        var messages = invited
            .Select(a => people.TryGetValue(a.Email, out var p) ? p : null)
            .Where(p => p is not null)
            .Select(p => new NotificationMessage(p!.UserId, Data.NotificationType.Info, $"Invitation: {e.Title}",
                $"{who} invited you to {e.Title}, {Describe(e)}.", ActionUrl(e), "Open event",
                new Dictionary<string, string> { ["eventId"] = e.Id.ToString() }, NotificationCategories.Reminder))
            .ToList();
        await NotificationSender.AddAsync(db, messages, ct);
        return [];
    }

    /// <summary>Called after the commit: mails each invited attendee the event as an .ics (a failed mail is logged, not thrown).</summary>
    internal async Task SendAsync(GalaxyDbContext db, CalendarEvent e, IReadOnlyList<Attendee> invited, CancellationToken ct)
    {
        if (invited.Count == 0) return;
        var exceptions = await db.CalendarEventExceptions.AsNoTracking().Where(x => x.EventId == e.Id).ToListAsync(ct);
        var people = await CalendarRangeReader.PeopleAsync(db, ct);
        var organizers = people.Values.ToDictionary(p => p.UserId, p => p.Email);
        var ics = IcsWriter.Write([(e, exceptions)], "REQUEST", clock.GetUtcNow().UtcDateTime, organizers);
        var attachment = new MailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=utf-8", Encoding.UTF8.GetBytes(ics));
        var who = people.Values.FirstOrDefault(p => p.UserId == member.UserId)?.Name ?? "Someone";
        var when = Describe(e);
        var text = $"{who} invited you to {e.Title}, {when}." + (e.Location is null ? "" : $"\nWhere: {e.Location}") + (e.MeetingUrl is null ? "" : $"\nJoin: {e.MeetingUrl}")
            + "\n\nThe attached invitation adds it to your calendar.";
        var html = string.Join("", text.Split('\n').Select(line => $"<p>{System.Net.WebUtility.HtmlEncode(line)}</p>"));
        foreach (var a in invited)
        {
            try
            {
                await mail.SendAsync(new OutgoingMail(a.Email, $"Invitation: {e.Title} ({when})", html, text, [attachment]), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not mail the invitation to event {EventId}", e.Id);
            }
        }
    }

    /// <summary>"Tue, Dec 1, 9:00 AM (America/Chicago)", or the date alone for all-day events.</summary>
    internal static string Describe(CalendarEvent e)
    {
        if (e.IsAllDay) return e.StartTime.ToString("ddd, MMM d, yyyy", CultureInfo.InvariantCulture) + " (all day)";
        var zone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
        return CalendarTime.ToLocal(e.StartTime, zone).ToString("ddd, MMM d, yyyy h:mm tt", CultureInfo.InvariantCulture) + $" ({e.Timezone})";
    }

    internal string ActionUrl(CalendarEvent e) => ActionUrl(member.WorkspaceSlug, e.Id, e.StartTime);

    internal static string ActionUrl(string slug, Guid eventId, DateTime start) =>
        $"/w/{slug}/calendar?date={start:yyyy-MM-dd}&event={eventId}";
}
