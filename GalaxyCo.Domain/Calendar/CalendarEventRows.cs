using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Calendar;

/// <summary>
/// The row-level rules of events and their exceptions: applying input, keeping occurs_until true, and the three edit
/// scopes (edit all, override one, split at one). Exceptions are keyed by the occurrence's original start, so when a
/// series moves they are re-keyed (deleted and re-added, which keeps the unique key valid within one save).
/// </summary>
internal static class CalendarEventRows
{
    /// <summary>Upper bound on occurrences walked to find the last one of a finite series.</summary>
    private const int MaxWalk = 100_000;

    public static void Apply(CalendarEvent e, CheckedEventInput v, DateTime seriesStart, IReadOnlyList<Attendee> previous)
    {
        e.Title = v.Title;
        e.Description = v.Description;
        e.Location = v.Location;
        e.MeetingUrl = v.MeetingUrl;
        e.StartTime = seriesStart;
        e.EndTime = seriesStart + v.Duration;
        e.Timezone = v.Timezone;
        e.IsAllDay = v.IsAllDay;
        e.RecurrenceRule = v.RuleFor(seriesStart);
        e.IsRecurring = e.RecurrenceRule is not null;
        e.CustomerId = v.CustomerId;
        e.ProjectId = v.ProjectId;
        e.Tags = v.Tags;
        e.Reminders = v.Reminders;
        e.Attendees = v.Attendees.Select(a =>
        {
            var known = previous.FirstOrDefault(p => string.Equals(p.Email, a.Email, StringComparison.OrdinalIgnoreCase));
            return new Attendee { Email = a.Email, Name = a.Name ?? known?.Name, Status = known?.Status ?? AttendeeStatus.NeedsAction };
        }).ToList();
    }

    /// <summary>
    /// occurs_until: a single event's end; a finite series' last occurrence end (or a later override's end); null for
    /// a series that never ends. The range read relies on it, so every write calls this.
    /// </summary>
    public static void RefreshOccursUntil(CalendarEvent e, IEnumerable<CalendarEventException> exceptions)
    {
        if (!e.IsRecurring || !RRule.TryParse(e.RecurrenceRule, out var rule))
        {
            e.OccursUntil = e.EndTime;
            return;
        }
        if (!rule.IsFinite)
        {
            e.OccursUntil = null;
            return;
        }
        var zone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
        var last = OccurrenceExpander.AllStarts(e.StartTime, e.IsAllDay, zone, rule).Take(MaxWalk).DefaultIfEmpty(e.StartTime).Last();
        var until = last + (e.EndTime - e.StartTime);
        foreach (var x in exceptions.Where(x => !x.IsCancelled && x.EndTime is not null))
            if (x.EndTime > until) until = x.EndTime.Value;
        e.OccursUntil = until;
    }

    /// <summary>True when <paramref name="originalStart"/> is an occurrence the series' rule produces (or one already overridden).</summary>
    public static bool IsOccurrence(CalendarEvent e, DateTime originalStart) =>
        e.Exceptions.Any(x => x.OriginalStart == originalStart && !x.IsCancelled) || RuleProduces(e, originalStart);

    private static bool RuleProduces(CalendarEvent e, DateTime originalStart)
    {
        if (!e.IsRecurring || !RRule.TryParse(e.RecurrenceRule, out var rule)) return originalStart == e.StartTime;
        var zone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
        return OccurrenceExpander.Starts(e.StartTime, e.EndTime - e.StartTime, e.IsAllDay, zone, rule, originalStart, originalStart.AddTicks(1))
            .Any(s => s == originalStart);
    }

    /// <summary>How many occurrences the series has before <paramref name="originalStart"/>.</summary>
    private static int CountBefore(CalendarEvent e, RRule rule, DateTime originalStart)
    {
        var zone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
        return OccurrenceExpander.AllStarts(e.StartTime, e.IsAllDay, zone, rule).Take(MaxWalk).TakeWhile(s => s < originalStart).Count();
    }

    /// <summary>
    /// Edits the whole event. With <paramref name="occurrence"/> (a series edited from one of its occurrences) the
    /// input's start is where that occurrence goes, and the series start moves by the same wall-clock amount.
    /// Exceptions move along; those the new rule no longer produces are dropped.
    /// </summary>
    public static void EditAll(GalaxyDbContext db, CalendarEvent e, CheckedEventInput v, DateTime? occurrence, DateTime now)
    {
        var oldZone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
        var oldAllDay = e.IsAllDay;
        var anchor = occurrence ?? e.StartTime;
        var shift = Wall(v.Start, v.IsAllDay, v.Zone) - Wall(anchor, oldAllDay, oldZone);
        var seriesStart = occurrence is null ? v.Start : FromWall(Wall(e.StartTime, oldAllDay, oldZone) + shift, v.IsAllDay, v.Zone);
        if (v.IsAllDay) seriesStart = seriesStart.Date;
        var previous = e.Attendees;
        var moved = e.Exceptions.ToList();
        Apply(e, v, DateTime.SpecifyKind(seriesStart, DateTimeKind.Utc), previous);
        e.UpdatedAt = now;

        var keep = e.IsRecurring && oldAllDay == e.IsAllDay;
        foreach (var x in moved)
        {
            var key = keep ? FromWall(Wall(x.OriginalStart, oldAllDay, oldZone) + shift, e.IsAllDay, v.Zone) : default;
            if (keep && key == x.OriginalStart && RuleProduces(e, key)) continue;
            e.Exceptions.Remove(x);
            db.CalendarEventExceptions.Remove(x);
            if (keep && RuleProduces(e, key) && !moved.Any(y => y.OriginalStart == key && y != x && e.Exceptions.Contains(y)) && !e.Exceptions.Any(y => y.OriginalStart == key))
                Track(db, e, Copy(x, e.Id, key));
        }
        RefreshOccursUntil(e, e.Exceptions);
    }

    /// <summary>Writes (or updates) the override of one occurrence with what differs from the series.</summary>
    public static void Override(GalaxyDbContext db, CalendarEvent e, DateTime occurrence, CheckedEventInput v, DateTime now)
    {
        var x = e.Exceptions.FirstOrDefault(y => y.OriginalStart == occurrence);
        if (x is null)
        {
            x = new CalendarEventException { EventId = e.Id, OriginalStart = occurrence };
            Track(db, e, x);
        }
        x.IsCancelled = false;
        x.Title = v.Title != e.Title ? v.Title : null;
        x.Description = v.Description != e.Description ? v.Description : null;
        x.Location = v.Location != e.Location ? v.Location : null;
        var moved = v.Start != occurrence || v.End != occurrence + (e.EndTime - e.StartTime);
        x.StartTime = moved ? v.Start : null;
        x.EndTime = moved ? v.End : null;
        if (x.Title is null && x.Description is null && x.Location is null && !moved)
        {
            // Nothing differs any more: the occurrence is an ordinary one again.
            e.Exceptions.Remove(x);
            if (db.Entry(x).State != Microsoft.EntityFrameworkCore.EntityState.Detached) db.CalendarEventExceptions.Remove(x);
        }
        e.UpdatedAt = now;
        RefreshOccursUntil(e, e.Exceptions);
    }

    /// <summary>Cancels one occurrence (an EXDATE): an exception row with is_cancelled and no overrides.</summary>
    public static void Cancel(GalaxyDbContext db, CalendarEvent e, DateTime occurrence, DateTime now)
    {
        var x = e.Exceptions.FirstOrDefault(y => y.OriginalStart == occurrence);
        if (x is null)
        {
            x = new CalendarEventException { EventId = e.Id, OriginalStart = occurrence };
            Track(db, e, x);
        }
        x.IsCancelled = true;
        x.Title = x.Description = x.Location = null;
        x.StartTime = x.EndTime = null;
        e.UpdatedAt = now;
        RefreshOccursUntil(e, e.Exceptions);
    }

    /// <summary>
    /// Adds a new exception explicitly: reached only through the navigation, EF would take a row with its key already
    /// set (ids are made client-side) for an existing one and update instead of insert.
    /// </summary>
    private static void Track(GalaxyDbContext db, CalendarEvent e, CalendarEventException x)
    {
        e.Exceptions.Add(x);
        db.CalendarEventExceptions.Add(x);
    }

    /// <summary>
    /// Ends the series just before <paramref name="occurrence"/>: COUNT becomes the number before it (for counted rules),
    /// else UNTIL one second before it (the day before, for all-day). Later exceptions go. Nothing left: the event goes.
    /// </summary>
    public static void EndBefore(GalaxyDbContext db, CalendarEvent e, DateTime occurrence, DateTime now)
    {
        if (!RRule.TryParse(e.RecurrenceRule, out var rule)) return;
        var before = CountBefore(e, rule, occurrence);
        if (before == 0)
        {
            db.CalendarEvents.Remove(e);
            return;
        }
        var ended = rule.Count is not null
            ? rule with { Count = before }
            : e.IsAllDay
                ? rule.Endless() with { UntilLocal = DateTime.SpecifyKind(occurrence.Date.AddDays(-1), DateTimeKind.Unspecified) }
                : rule.Endless() with { UntilUtc = occurrence.AddSeconds(-1) };
        e.RecurrenceRule = ended.ToString();
        foreach (var x in e.Exceptions.Where(x => x.OriginalStart >= occurrence).ToList())
        {
            e.Exceptions.Remove(x);
            db.CalendarEventExceptions.Remove(x);
        }
        e.UpdatedAt = now;
        RefreshOccursUntil(e, e.Exceptions);
    }

    /// <summary>
    /// "This and following": the series ends before <paramref name="occurrence"/> and a new series with the edited
    /// values starts at the edited occurrence. Later exceptions move to the new series (re-keyed by the same wall-clock
    /// shift); a counted rule whose count the editor left alone keeps its total across both parts.
    /// </summary>
    public static CalendarEvent Split(GalaxyDbContext db, CalendarEvent e, DateTime occurrence, CheckedEventInput v, DateTime now)
    {
        if (!RRule.TryParse(e.RecurrenceRule, out var oldRule))
        {
            EditAll(db, e, v, occurrence, now);
            return e;
        }
        var oldZone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
        var before = CountBefore(e, oldRule, occurrence);
        var next = new CalendarEvent { CreatedBy = e.CreatedBy };
        Apply(next, v, v.Start, e.Attendees);
        if (oldRule.Count is { } total && v.Recurrence?.Count == total && RRule.TryParse(next.RecurrenceRule, out var newRule))
            next.RecurrenceRule = (newRule with { Count = Math.Max(1, total - before) }).ToString();
        var shift = Wall(v.Start, v.IsAllDay, v.Zone) - Wall(occurrence, e.IsAllDay, oldZone);
        var later = e.Exceptions.Where(x => x.OriginalStart >= occurrence).ToList();
        db.CalendarEvents.Add(next);
        if (next.IsRecurring && next.IsAllDay == e.IsAllDay)
        {
            foreach (var x in later)
            {
                var key = FromWall(Wall(x.OriginalStart, e.IsAllDay, oldZone) + shift, next.IsAllDay, v.Zone);
                if (x.OriginalStart == occurrence || !RuleProduces(next, key) || next.Exceptions.Any(y => y.OriginalStart == key)) continue;
                Track(db, next, Copy(x, next.Id, key));
            }
        }
        RefreshOccursUntil(next, next.Exceptions);
        EndBefore(db, e, occurrence, now);
        return next;
    }

    public static EventInput InputOf(CalendarEvent e) => new()
    {
        Title = e.Title,
        Description = e.Description,
        Location = e.Location,
        MeetingUrl = e.MeetingUrl,
        Start = e.StartTime,
        End = e.EndTime,
        IsAllDay = e.IsAllDay,
        Timezone = e.Timezone,
        Recurrence = e.IsRecurring ? CalendarRecurrence.Parse(e.RecurrenceRule, e.Timezone) : null,
        CustomerId = e.CustomerId,
        ProjectId = e.ProjectId,
        Tags = e.Tags,
        Reminders = e.Reminders.Select(r => new ReminderInput(r.MinutesBefore, r.Method)).ToList(),
        Attendees = e.Attendees.Select(a => new AttendeeInput(a.Email, a.Name)).ToList(),
    };

    public static EventView View(CalendarEvent e, int exceptionCount, IReadOnlyDictionary<string, CalendarPerson> people, bool canEdit) => new()
    {
        Id = e.Id,
        Title = e.Title,
        Description = e.Description,
        Location = e.Location,
        MeetingUrl = e.MeetingUrl,
        Start = e.StartTime,
        End = e.EndTime,
        IsAllDay = e.IsAllDay,
        AllDayDate = e.IsAllDay ? DateOnly.FromDateTime(e.StartTime) : null,
        AllDayLastDate = e.IsAllDay ? DateOnly.FromDateTime(e.EndTime.AddTicks(-1)) : null,
        Timezone = e.Timezone,
        IsRecurring = e.IsRecurring,
        RecurrenceRule = e.RecurrenceRule,
        Recurrence = e.IsRecurring ? CalendarRecurrence.Parse(e.RecurrenceRule, e.Timezone) : null,
        CustomerId = e.CustomerId,
        ProjectId = e.ProjectId,
        Tags = e.Tags,
        Reminders = e.Reminders.Select(r => new ReminderInput(r.MinutesBefore, r.Method)).ToList(),
        Attendees = CalendarRangeReader.Attendees(e.Attendees, people),
        CreatedBy = e.CreatedBy,
        OccursUntil = e.OccursUntil,
        ExceptionCount = exceptionCount,
        Version = e.Version,
        CanEdit = canEdit,
    };

    /// <summary>The wall-clock time of an instant in a zone (all-day dates are their own wall clock).</summary>
    private static DateTime Wall(DateTime utc, bool allDay, TimeZoneInfo zone) =>
        allDay ? DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) : CalendarTime.ToLocal(utc, zone);

    private static DateTime FromWall(DateTime local, bool allDay, TimeZoneInfo zone) =>
        allDay ? DateTime.SpecifyKind(local.Date, DateTimeKind.Utc) : CalendarTime.ToUtc(local, zone);

    private static CalendarEventException Copy(CalendarEventException x, Guid eventId, DateTime originalStart) => new()
    {
        EventId = eventId,
        OriginalStart = originalStart,
        IsCancelled = x.IsCancelled,
        Title = x.Title,
        Description = x.Description,
        Location = x.Location,
        StartTime = x.StartTime,
        EndTime = x.EndTime,
    };
}
