using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Json;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Calendar;

/// <summary>A workspace member's account, to tell members from external guests among attendees.</summary>
internal sealed record CalendarPerson(Guid UserId, string Email, string Name);

/// <summary>
/// Reads the rows that can reach into a range and expands them: shared by the views, the conflict hint, the feed and
/// the reminder job, so all of them agree on what happens when.
/// </summary>
internal static class CalendarRangeReader
{
    /// <summary>
    /// The event rows that can overlap [from, to): single events by start (the last <see cref="CalendarEvent.LongEventDays"/>
    /// days) plus the rare long ones, and the series that started before the end and run past the start.
    /// </summary>
    public static async Task<List<CalendarEvent>> LoadAsync(GalaxyDbContext db, DateTime from, DateTime to, Guid? projectId, Guid? customerId, CancellationToken ct)
    {
        var shortFrom = from.AddDays(-CalendarEvent.LongEventDays);
        var events = db.CalendarEvents.AsNoTracking();
        if (projectId is { } p) events = events.Where(e => e.ProjectId == p);
        if (customerId is { } c) events = events.Where(e => e.CustomerId == c);
        var singles = events.Where(e => !e.IsRecurring && e.StartTime >= shortFrom && e.StartTime < to && e.EndTime > from);
        var longs = events.Where(e => !e.IsRecurring && e.IsLong && e.StartTime < shortFrom && e.EndTime > from);
        var series = events.Where(e => e.IsRecurring && e.StartTime < to && (e.OccursUntil == null || e.OccursUntil > from));
        return await singles.Concat(longs).Concat(series).ToListAsync(ct);
    }

    /// <summary>The exceptions of <paramref name="seriesIds"/> that matter for [from, to): by original start or by moved time.</summary>
    public static async Task<ILookup<Guid, CalendarEventException>> ExceptionsAsync(GalaxyDbContext db, IReadOnlyCollection<Guid> seriesIds, DateTime from, DateTime to, CancellationToken ct)
    {
        if (seriesIds.Count == 0) return Array.Empty<CalendarEventException>().ToLookup(x => x.EventId);
        var originalFrom = from.AddDays(-CalendarEvent.LongEventDays);
        var rows = await db.CalendarEventExceptions.AsNoTracking()
            .Where(x => seriesIds.Contains(x.EventId)
                && ((x.OriginalStart >= originalFrom && x.OriginalStart < to) || (x.StartTime != null && x.StartTime < to && x.EndTime > from)))
            .ToListAsync(ct);
        return rows.ToLookup(x => x.EventId);
    }

    /// <summary>The members of the workspace by lower-case email.</summary>
    public static async Task<Dictionary<string, CalendarPerson>> PeopleAsync(GalaxyDbContext db, CancellationToken ct)
    {
        var rows = await db.WorkspaceMembers.AsNoTracking()
            .Select(m => new { m.UserId, m.User!.Email, m.User.FirstName, m.User.LastName })
            .ToListAsync(ct);
        var people = new Dictionary<string, CalendarPerson>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows.Where(r => !string.IsNullOrEmpty(r.Email)))
            people[r.Email!] = new CalendarPerson(r.UserId, r.Email!, $"{r.FirstName} {r.LastName}".Trim() is { Length: > 0 } n ? n : r.Email!);
        return people;
    }

    /// <summary>True when <paramref name="userId"/> created the event or is among its attendees (and did not decline, when asked).</summary>
    public static bool Involves(CalendarEvent e, Guid userId, string? email, bool excludeDeclined = false) =>
        e.CreatedBy == userId
        || (email is not null && e.Attendees.Any(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)
            && !(excludeDeclined && a.Status == AttendeeStatus.Declined)));

    /// <summary>
    /// Every occurrence of <paramref name="events"/> overlapping [from, to), sorted by start then title. Cancelled
    /// occurrences are left out; overrides replace their occurrence (also when moved into the range from outside).
    /// </summary>
    public static List<EventOccurrence> Expand(IEnumerable<CalendarEvent> events, ILookup<Guid, CalendarEventException> exceptions,
        DateTime from, DateTime to, IReadOnlyDictionary<string, CalendarPerson> people)
    {
        var result = new List<EventOccurrence>();
        foreach (var e in events)
        {
            var attendees = Attendees(e.Attendees, people);
            if (!e.IsRecurring || !RRule.TryParse(e.RecurrenceRule, out var rule))
            {
                if (Overlaps(e.StartTime, e.EndTime, from, to)) result.Add(Occurrence(e, e.StartTime, null, attendees));
                continue;
            }
            var own = exceptions[e.Id].ToDictionary(x => x.OriginalStart);
            var zone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
            var seen = new HashSet<DateTime>();
            foreach (var start in OccurrenceExpander.Starts(e.StartTime, e.EndTime - e.StartTime, e.IsAllDay, zone, rule, from, to))
            {
                seen.Add(start);
                own.TryGetValue(start, out var exception);
                if (exception is { IsCancelled: true }) continue;
                var occurrence = Occurrence(e, start, exception, attendees);
                if (Overlaps(occurrence.Start, occurrence.End, from, to)) result.Add(occurrence);
            }
            foreach (var moved in own.Values.Where(x => !x.IsCancelled && !seen.Contains(x.OriginalStart) && x.StartTime is not null))
            {
                var occurrence = Occurrence(e, moved.OriginalStart, moved, attendees);
                if (Overlaps(occurrence.Start, occurrence.End, from, to)) result.Add(occurrence);
            }
        }
        result.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Title, b.Title));
        return result;
    }

    public static bool Overlaps(DateTime start, DateTime end, DateTime from, DateTime to) =>
        start < to && (end > from || (end == start && start >= from));

    public static List<AttendeeView> Attendees(IEnumerable<Attendee> attendees, IReadOnlyDictionary<string, CalendarPerson> people) =>
        attendees.Select(a => new AttendeeView(a.Email, a.Name ?? (people.TryGetValue(a.Email, out var p) ? p.Name : null), a.Status,
            people.TryGetValue(a.Email, out var person) ? person.UserId : null)).ToList();

    /// <summary>One occurrence of <paramref name="e"/> at original start <paramref name="originalStart"/>, with its override applied.</summary>
    public static EventOccurrence Occurrence(CalendarEvent e, DateTime originalStart, CalendarEventException? exception, IReadOnlyList<AttendeeView> attendees)
    {
        var duration = e.EndTime - e.StartTime;
        var start = exception?.StartTime ?? originalStart;
        var end = exception?.EndTime ?? start + duration;
        return new EventOccurrence
        {
            EventId = e.Id,
            OccurrenceStart = originalStart,
            Start = start,
            End = end,
            Title = exception?.Title ?? e.Title,
            Description = exception?.Description ?? e.Description,
            Location = exception?.Location ?? e.Location,
            MeetingUrl = e.MeetingUrl,
            IsAllDay = e.IsAllDay,
            AllDayDate = e.IsAllDay ? DateOnly.FromDateTime(start) : null,
            AllDayLastDate = e.IsAllDay ? DateOnly.FromDateTime(end.AddTicks(-1)) : null,
            IsRecurring = e.IsRecurring,
            IsException = exception is not null,
            Timezone = e.Timezone,
            CustomerId = e.CustomerId,
            ProjectId = e.ProjectId,
            Attendees = attendees,
            Tags = e.Tags,
            CreatedBy = e.CreatedBy,
            Version = e.Version,
        };
    }
}
