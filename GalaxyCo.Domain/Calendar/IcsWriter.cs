using GalaxyCo.Data.Calendar;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace GalaxyCo.Domain.Calendar;

/// <summary>
/// Writes our events as iCalendar (through Ical.Net): one VEVENT per event with DTSTART/DTEND in the event's TZID
/// (and its VTIMEZONE) or as dates for all-day events, the RRULE, EXDATEs for cancelled occurrences and one extra
/// VEVENT with RECURRENCE-ID per overridden occurrence. The UID is stable (the event id), so a re-import or a
/// calendar app recognises the event.
/// </summary>
internal static class IcsWriter
{
    public const string ProductId = "-//GalaxyCo//Calendar//EN";
    public const string UidSuffix = "@galaxyco";

    public static string Write(IEnumerable<(CalendarEvent Event, IEnumerable<CalendarEventException> Exceptions)> events, string method, DateTime now,
        IReadOnlyDictionary<Guid, string>? organizerEmails = null, string? calendarName = null)
    {
        var calendar = new IcalCalendar { ProductId = ProductId, Method = method };
        if (calendarName is not null) calendar.AddProperty("X-WR-CALNAME", calendarName);
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, exceptions) in events)
        {
            if (!e.IsAllDay && CalendarTime.FindZone(e.Timezone) is not null && zones.Add(e.Timezone)) calendar.AddTimeZone(e.Timezone);
            var organizer = e.CreatedBy is { } by && organizerEmails is not null && organizerEmails.TryGetValue(by, out var email) ? email : null;
            var master = Vevent(e, e.StartTime, e.EndTime, e.Title, e.Description, e.Location, now, organizer);
            if (e.IsRecurring && e.RecurrenceRule is not null)
            {
                master.RecurrenceRule = new RecurrencePattern(e.RecurrenceRule);
                foreach (var x in exceptions.Where(x => x.IsCancelled).OrderBy(x => x.OriginalStart))
                    master.ExceptionDates.Add(Instant(e, x.OriginalStart));
            }
            calendar.Events.Add(master);
            if (!e.IsRecurring) continue;
            foreach (var x in exceptions.Where(x => !x.IsCancelled).OrderBy(x => x.OriginalStart))
            {
                var start = x.StartTime ?? x.OriginalStart;
                var end = x.EndTime ?? start + (e.EndTime - e.StartTime);
                var instance = Vevent(e, start, end, x.Title ?? e.Title, x.Description ?? e.Description, x.Location ?? e.Location, now, organizer);
                instance.RecurrenceIdentifier = new RecurrenceIdentifier(Instant(e, x.OriginalStart), null);
                calendar.Events.Add(instance);
            }
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string Uid(Guid eventId) => eventId.ToString("D") + UidSuffix;

    /// <summary>An instant of <paramref name="e"/> in its zone (a date for all-day events).</summary>
    public static CalDateTime Instant(CalendarEvent e, DateTime utc)
    {
        if (e.IsAllDay) return new CalDateTime(DateOnly.FromDateTime(utc));
        var zone = CalendarTime.FindZone(e.Timezone);
        return zone is null ? new CalDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : new CalDateTime(CalendarTime.ToLocal(utc, zone), e.Timezone);
    }

    private static IcalEvent Vevent(CalendarEvent e, DateTime start, DateTime end, string title, string? description, string? location, DateTime now, string? organizer)
    {
        var vevent = new IcalEvent
        {
            Uid = Uid(e.Id),
            Summary = title,
            Description = description,
            Location = location,
            DtStamp = new CalDateTime(DateTime.SpecifyKind(now, DateTimeKind.Utc)),
            DtStart = Instant(e, start),
            DtEnd = Instant(e, end),
            Sequence = 0,
        };
        if (e.MeetingUrl is not null && Uri.TryCreate(e.MeetingUrl, UriKind.Absolute, out var url)) vevent.Url = url;
        if (e.Tags.Count > 0) vevent.Categories = e.Tags.ToList();
        if (organizer is not null) vevent.Organizer = new Organizer("mailto:" + organizer);
        foreach (var a in e.Attendees)
        {
            vevent.Attendees.Add(new Ical.Net.DataTypes.Attendee("mailto:" + a.Email)
            {
                CommonName = a.Name,
                ParticipationStatus = a.Status.Replace('_', '-').ToUpperInvariant(),
                Rsvp = a.Status == AttendeeStatus.NeedsAction,
                Role = "REQ-PARTICIPANT",
            });
        }
        foreach (var r in e.Reminders.Where(r => r.Method == ReminderMethods.Notification))
        {
            vevent.Alarms.Add(new Ical.Net.CalendarComponents.Alarm
            {
                Action = "DISPLAY",
                Description = title,
                Trigger = new Trigger(Duration.FromMinutes(-r.MinutesBefore)),
            });
        }
        return vevent;
    }
}
