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
    /// days) plus the rare long ones, and the series that started before the end and run past the start. Whole rows,
    /// for the feed and the reminder job; the views read <see cref="LoadRowsAsync"/>.
    /// </summary>
    public static async Task<List<CalendarEvent>> LoadAsync(GalaxyDbContext db, DateTime from, DateTime to, Guid? projectId, Guid? customerId, CancellationToken ct) =>
        await InRange(db, from, to, projectId, customerId).ToListAsync(ct);

    /// <summary>
    /// The rows of <see cref="LoadAsync"/> with only what an occurrence shows (attendees only when asked): no
    /// description or reminders, and no entity to build per row. A month grid reads thousands of rows, and the jsonb
    /// and text columns are most of each.
    /// </summary>
    public static async Task<List<EventRow>> LoadRowsAsync(GalaxyDbContext db, DateTime from, DateTime to, Guid? projectId, Guid? customerId, bool withAttendees, CancellationToken ct)
    {
        var rows = InRange(db, from, to, projectId, customerId);
        return withAttendees
            ? await rows.Select(e => new EventRow
            {
                Id = e.Id, Title = e.Title, Location = e.Location, MeetingUrl = e.MeetingUrl, StartTime = e.StartTime, EndTime = e.EndTime,
                Timezone = e.Timezone, IsAllDay = e.IsAllDay, IsRecurring = e.IsRecurring, RecurrenceRule = e.RecurrenceRule,
                CreatedBy = e.CreatedBy, CustomerId = e.CustomerId, ProjectId = e.ProjectId, Tags = e.Tags, Version = e.Version,
                Attendees = e.Attendees,
            }).ToListAsync(ct)
            : await rows.Select(e => new EventRow
            {
                Id = e.Id, Title = e.Title, Location = e.Location, MeetingUrl = e.MeetingUrl, StartTime = e.StartTime, EndTime = e.EndTime,
                Timezone = e.Timezone, IsAllDay = e.IsAllDay, IsRecurring = e.IsRecurring, RecurrenceRule = e.RecurrenceRule,
                CreatedBy = e.CreatedBy, CustomerId = e.CustomerId, ProjectId = e.ProjectId, Tags = e.Tags, Version = e.Version,
            }).ToListAsync(ct);
    }

    private static IQueryable<CalendarEvent> InRange(GalaxyDbContext db, DateTime from, DateTime to, Guid? projectId, Guid? customerId)
    {
        var shortFrom = from.AddDays(-CalendarEvent.LongEventDays);
        var events = db.CalendarEvents.AsNoTracking();
        if (projectId is { } p) events = events.Where(e => e.ProjectId == p);
        if (customerId is { } c) events = events.Where(e => e.CustomerId == c);
        var singles = events.Where(e => !e.IsRecurring && e.StartTime >= shortFrom && e.StartTime < to && e.EndTime > from);
        var longs = events.Where(e => !e.IsRecurring && e.IsLong && e.StartTime < shortFrom && e.EndTime > from);
        var series = events.Where(e => e.IsRecurring && e.StartTime < to && (e.OccursUntil == null || e.OccursUntil > from));
        return singles.Concat(longs).Concat(series);
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
        Involves(e.CreatedBy, e.Attendees, userId, email, excludeDeclined);

    /// <inheritdoc cref="Involves(CalendarEvent, Guid, string?, bool)"/>
    public static bool Involves(EventRow e, Guid userId, string? email, bool excludeDeclined = false) =>
        Involves(e.CreatedBy, e.Attendees, userId, email, excludeDeclined);

    private static bool Involves(Guid? createdBy, List<Attendee> attendees, Guid userId, string? email, bool excludeDeclined) =>
        createdBy == userId
        || (email is not null && attendees.Any(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)
            && !(excludeDeclined && a.Status == AttendeeStatus.Declined)));

    /// <summary>
    /// Every occurrence of <paramref name="events"/> overlapping [from, to), sorted by start then title. Cancelled
    /// occurrences are left out; overrides replace their occurrence (also when moved into the range from outside).
    /// </summary>
    public static List<EventOccurrence> Expand(IReadOnlyCollection<EventRow> events, ILookup<Guid, CalendarEventException> exceptions, DateTime from, DateTime to)
    {
        var buffer = SlotBuffer.Rent();
        try
        {
            Slots(events, exceptions, from, to, buffer.Slots);
            var order = Order(buffer, allDayFirst: false);
            var result = new List<EventOccurrence>(order.Length);
            foreach (var i in order) result.Add(buffer.Slots[i].ToOccurrence());
            return result;
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>
    /// The occurrences of <see cref="Expand"/> as plain values, unsorted, into <paramref name="result"/>: what a
    /// month grid counts before it builds the few it shows.
    /// </summary>
    public static void Slots(IReadOnlyCollection<EventRow> events, ILookup<Guid, CalendarEventException> exceptions, DateTime from, DateTime to, List<Slot> result)
    {
        foreach (var e in events)
        {
            if (!e.IsRecurring || !RRule.TryParseCached(e.RecurrenceRule, out var rule))
            {
                if (Overlaps(e.StartTime, e.EndTime, from, to)) result.Add(Slot.Of(e, e.StartTime, null));
                continue;
            }
            var zone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
            var starts = OccurrenceExpander.Starts(e.StartTime, e.EndTime - e.StartTime, e.IsAllDay, zone, rule, from, to);
            if (!exceptions.Contains(e.Id))
            {
                foreach (var start in starts) result.Add(Slot.Of(e, start, null));
                continue;
            }
            var own = exceptions[e.Id].ToDictionary(x => x.OriginalStart);
            var seen = new HashSet<DateTime>();
            foreach (var start in starts)
            {
                seen.Add(start);
                own.TryGetValue(start, out var exception);
                if (exception is { IsCancelled: true }) continue;
                var slot = Slot.Of(e, start, exception);
                if (Overlaps(slot.Start, slot.End, from, to)) result.Add(slot);
            }
            foreach (var moved in own.Values.Where(x => !x.IsCancelled && !seen.Contains(x.OriginalStart) && x.StartTime is not null))
            {
                var slot = Slot.Of(e, moved.OriginalStart, moved);
                if (Overlaps(slot.Start, slot.End, from, to)) result.Add(slot);
            }
        }
    }

    /// <summary>
    /// The order of <paramref name="slots"/>: by start (all-day ones first when asked, as a day cell lists them),
    /// then title, event and original start, so it is the same every time. It sorts a key array, not objects through
    /// a comparison delegate: a grid sorts ten thousand occurrences, and the delegate sort was a third of the read.
    /// </summary>
    public static ReadOnlySpan<int> Order(SlotBuffer buffer, bool allDayFirst)
    {
        var slots = buffer.Slots;
        var n = slots.Count;
        var (keys, order) = buffer.Arrays(n);
        for (var i = 0; i < n; i++)
        {
            var s = slots[i];
            keys[i] = s.Start.Ticks + (allDayFirst && !s.Event.IsAllDay ? 1L << 62 : 0);
            order[i] = i;
        }
        Array.Sort(keys, order, 0, n);
        var byTitle = Comparer<int>.Create((x, y) =>
        {
            var (a, b) = (slots[x], slots[y]);
            var c = string.CompareOrdinal(a.Title, b.Title);
            return c != 0 ? c : a.Event.Id != b.Event.Id ? a.Event.Id.CompareTo(b.Event.Id) : a.OriginalStart.CompareTo(b.OriginalStart);
        });
        for (var i = 0; i < n;)
        {
            var j = i + 1;
            while (j < n && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(order, i, j - i, byTitle);
            i = j;
        }
        return order.AsSpan(0, n);
    }

    /// <summary>
    /// A month grid of <paramref name="dayCount"/> days from <paramref name="firstDay"/> in <paramref name="zone"/>:
    /// per day, how many occurrences touch it and the first <paramref name="perDay"/> of them (all-day first, then by
    /// start). Only the shown occurrences are built; a busy workspace has hundreds a day and a cell shows three.
    /// </summary>
    public static List<MonthDay> Month(SlotBuffer buffer, DateOnly firstDay, int dayCount, TimeZoneInfo zone, int perDay)
    {
        var slots = buffer.Slots;
        var order = Order(buffer, allDayFirst: true);
        var totals = new int[dayCount];
        var shown = new List<EventOccurrence>[dayCount];
        for (var k = 0; k < dayCount; k++) shown[k] = [];
        var built = new Dictionary<int, EventOccurrence>();
        var local = new UtcToLocal(zone);
        var lastDay = firstDay.AddDays(dayCount - 1);
        foreach (var i in order)
        {
            var (first, last) = slots[i].Days(local);
            if (first < firstDay) first = firstDay;
            if (last > lastDay) last = lastDay;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                var k = day.DayNumber - firstDay.DayNumber;
                totals[k]++;
                if (shown[k].Count >= perDay) continue;
                if (!built.TryGetValue(i, out var occurrence)) built[i] = occurrence = slots[i].ToOccurrence();
                shown[k].Add(occurrence);
            }
        }
        var result = new List<MonthDay>(dayCount);
        for (var k = 0; k < dayCount; k++) result.Add(new MonthDay(firstDay.AddDays(k), shown[k], totals[k]));
        return result;
    }

    public static bool Overlaps(DateTime start, DateTime end, DateTime from, DateTime to) =>
        start < to && (end > from || (end == start && start >= from));

    public static List<AttendeeView> Attendees(IEnumerable<Attendee> attendees, IReadOnlyDictionary<string, CalendarPerson> people) =>
        attendees.Select(a => new AttendeeView(a.Email, a.Name ?? (people.TryGetValue(a.Email, out var p) ? p.Name : null), a.Status,
            people.TryGetValue(a.Email, out var person) ? person.UserId : null)).ToList();
}

/// <summary>
/// One occurrence before it becomes an <see cref="EventOccurrence"/>: the row, its original start, the override (if
/// any) and the actual times.
/// </summary>
/// <summary>
/// Scratch space for one expansion, reused by the next one on the same thread: a grid's ten thousand slots and its
/// sort keys are past the large-object threshold, and allocating them per read made every few reads a full
/// (gen 2) collection. Rent, use synchronously (no await in between), return.
/// </summary>
internal sealed class SlotBuffer
{
    [ThreadStatic] private static SlotBuffer? cached;

    private long[] keys = [];
    private int[] order = [];

    public List<Slot> Slots { get; } = [];

    public static SlotBuffer Rent()
    {
        var buffer = cached ?? new SlotBuffer();
        cached = null;
        return buffer;
    }

    public (long[] Keys, int[] Order) Arrays(int count)
    {
        if (keys.Length < count)
        {
            keys = new long[Math.Max(count, keys.Length * 2)];
            order = new int[keys.Length];
        }
        return (keys, order);
    }

    /// <summary>Clears the slots (they hold rows) and keeps the buffer unless one huge read grew it past a million.</summary>
    public void Return()
    {
        Slots.Clear();
        if (Slots.Capacity <= 1 << 20) cached = this;
    }
}

internal readonly record struct Slot(EventRow Event, DateTime OriginalStart, CalendarEventException? Exception, DateTime Start, DateTime End)
{
    public string Title => Exception?.Title ?? Event.Title;

    /// <summary>The occurrence of <paramref name="e"/> at original start <paramref name="originalStart"/>, with its override applied.</summary>
    public static Slot Of(EventRow e, DateTime originalStart, CalendarEventException? exception)
    {
        var start = exception?.StartTime ?? originalStart;
        var end = exception?.EndTime ?? start + (e.EndTime - e.StartTime);
        return new Slot(e, originalStart, exception, start, end);
    }

    /// <summary>
    /// The days it shows on for a viewer: all-day occurrences keep their dates; timed ones take the viewer's dates, and
    /// one that ends at midnight does not show on the next day.
    /// </summary>
    public (DateOnly First, DateOnly Last) Days(UtcToLocal local)
    {
        if (Event.IsAllDay)
        {
            var firstDate = DateOnly.FromDateTime(Start);
            var lastDate = DateOnly.FromDateTime(End.AddTicks(-1));
            return (firstDate, lastDate < firstDate ? firstDate : lastDate);
        }
        var start = local.Convert(Start);
        var end = local.Convert(End);
        if (end < start) end = start;
        var last = end > start && end.TimeOfDay == TimeSpan.Zero ? DateOnly.FromDateTime(end).AddDays(-1) : DateOnly.FromDateTime(end);
        return (DateOnly.FromDateTime(start), last);
    }

    public EventOccurrence ToOccurrence() => new()
    {
        EventId = Event.Id,
        OccurrenceStart = OriginalStart,
        Start = Start,
        End = End,
        Title = Title,
        Location = Exception?.Location ?? Event.Location,
        MeetingUrl = Event.MeetingUrl,
        IsAllDay = Event.IsAllDay,
        AllDayDate = Event.IsAllDay ? DateOnly.FromDateTime(Start) : null,
        AllDayLastDate = Event.IsAllDay ? DateOnly.FromDateTime(End.AddTicks(-1)) : null,
        IsRecurring = Event.IsRecurring,
        IsException = Exception is not null,
        Timezone = Event.Timezone,
        CustomerId = Event.CustomerId,
        ProjectId = Event.ProjectId,
        Tags = Event.Tags,
        CreatedBy = Event.CreatedBy,
        Version = Event.Version,
    };
}

/// <summary>
/// What expansion needs of an event row (see <see cref="CalendarRangeReader.LoadRowsAsync"/>). Attendees are empty
/// unless they were asked for.
/// </summary>
internal sealed class EventRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string? Location { get; init; }
    public string? MeetingUrl { get; init; }
    public DateTime StartTime { get; init; }
    public DateTime EndTime { get; init; }
    public string Timezone { get; init; } = CalendarTime.DefaultTimezone;
    public bool IsAllDay { get; init; }
    public bool IsRecurring { get; init; }
    public string? RecurrenceRule { get; init; }
    public Guid? CreatedBy { get; init; }
    public Guid? CustomerId { get; init; }
    public Guid? ProjectId { get; init; }
    public List<string> Tags { get; init; } = [];
    public uint Version { get; init; }
    public List<Attendee> Attendees { get; init; } = [];

    public static EventRow Of(CalendarEvent e) => new()
    {
        Id = e.Id, Title = e.Title, Location = e.Location, MeetingUrl = e.MeetingUrl, StartTime = e.StartTime, EndTime = e.EndTime,
        Timezone = e.Timezone, IsAllDay = e.IsAllDay, IsRecurring = e.IsRecurring, RecurrenceRule = e.RecurrenceRule,
        CreatedBy = e.CreatedBy, CustomerId = e.CustomerId, ProjectId = e.ProjectId, Tags = e.Tags, Version = e.Version, Attendees = e.Attendees,
    };
}
