namespace GalaxyCo.Domain.Calendar;

/// <summary>Which part of a recurring series an edit or delete applies to (a single event ignores it).</summary>
public enum EditScope
{
    /// <summary>Only the occurrence that starts at the given original start (an exception row: override or cancel).</summary>
    ThisOccurrence,

    /// <summary>The occurrence and every later one: the series is split in two at that occurrence.</summary>
    ThisAndFollowing,

    /// <summary>The whole series.</summary>
    All,
}

public enum RecurrenceFrequency { Daily, Weekly, Monthly, Yearly }

/// <summary>
/// The recurrence editor's model; <see cref="CalendarRecurrence.ToRRule"/> writes it as an RFC 5545 RRULE and
/// <see cref="CalendarRecurrence.Parse"/> reads an RRULE back into it (null when the rule is beyond the editor).
/// </summary>
/// <param name="Interval">Every N days/weeks/months/years (1..999).</param>
/// <param name="ByDay">Weekdays (weekly: the days of the week; monthly/yearly: combined with <paramref name="WeekOfMonth"/>).</param>
/// <param name="ByMonthDay">Monthly/yearly on this day of the month (1..31, or -1 for the last day).</param>
/// <param name="WeekOfMonth">Monthly/yearly "the 1st/2nd/3rd/4th/last (-1) Friday" with <paramref name="ByDay"/>.</param>
/// <param name="ByMonth">Yearly in this month (1..12); defaults to the start's month.</param>
/// <param name="Count">Ends after this many occurrences (1..1000). At most one of Count and Until.</param>
/// <param name="Until">Ends on this local date (inclusive, in the event's time zone), on or after the start.</param>
public sealed record RecurrenceInput(
    RecurrenceFrequency Frequency,
    int Interval = 1,
    IReadOnlyList<DayOfWeek>? ByDay = null,
    int? ByMonthDay = null,
    int? WeekOfMonth = null,
    int? ByMonth = null,
    int? Count = null,
    DateOnly? Until = null);

/// <summary>A reminder: <paramref name="Method"/> is "notification" (in-app) or "email".</summary>
public sealed record ReminderInput(int MinutesBefore, string Method = ReminderMethods.Notification);

public static class ReminderMethods
{
    public const string Notification = "notification";
    public const string Email = "email";
}

/// <summary>An attendee to invite: a member (by their account email) or any external email.</summary>
public sealed record AttendeeInput(string Email, string? Name = null);

/// <summary>An attendee's answer, as stored in calendar_events.attendees.</summary>
public static class AttendeeStatus
{
    public const string NeedsAction = "needs_action";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Tentative = "tentative";

    public static readonly IReadOnlyList<string> All = [NeedsAction, Accepted, Declined, Tentative];
}

/// <summary>
/// What the event editor submits for create and update.
/// Timed events: <see cref="Start"/>/<see cref="End"/> are instants (UTC; an Unspecified kind is read as UTC), and the
/// recurrence is expanded in <see cref="Timezone"/> so a 9:00 meeting stays 9:00 local across DST.
/// All-day events: only the date part of Start and End counts (no zone conversion at all); End is the day after the
/// last day, as in iCalendar (a one-day event on the 5th: Start = 5th, End = 6th). End on or before Start means one day.
/// </summary>
public sealed record EventInput
{
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public string? Location { get; init; }
    public string? MeetingUrl { get; init; }
    public DateTime Start { get; init; }
    public DateTime End { get; init; }
    public bool IsAllDay { get; init; }

    /// <summary>IANA zone id, e.g. America/Chicago.</summary>
    public string Timezone { get; init; } = "America/Chicago";

    /// <summary>Null: a single event.</summary>
    public RecurrenceInput? Recurrence { get; init; }

    public Guid? CustomerId { get; init; }
    public Guid? ProjectId { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<ReminderInput> Reminders { get; init; } = [];
    public IReadOnlyList<AttendeeInput> Attendees { get; init; } = [];
}

/// <summary>A visible range [From, To) (UTC) of the workspace calendar, optionally narrowed.</summary>
/// <param name="PersonId">Only events this user created or attends (by their account email).</param>
public sealed record CalendarQuery(DateTime From, DateTime To, Guid? PersonId = null, Guid? ProjectId = null, Guid? CustomerId = null)
{
    /// <summary>Longest range one read may expand (a year and a bit: a year view, an agenda).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);
}

/// <summary>
/// A month grid read: <paramref name="Days"/> days from <paramref name="FirstDay"/> as <paramref name="Zone"/> sees
/// them, at most <paramref name="PerDay"/> occurrences listed per day (the rest only counted).
/// </summary>
public sealed record CalendarMonthQuery(DateOnly FirstDay, int Days, TimeZoneInfo Zone, int PerDay = 3, Guid? PersonId = null, Guid? ProjectId = null, Guid? CustomerId = null)
{
    public const int MaxDays = 62;
    public const int MaxPerDay = 100;
}

/// <summary>One day of a month grid: the first occurrences that touch it (all-day first, then by start) and how many there are.</summary>
public sealed record MonthDay(DateOnly Date, IReadOnlyList<EventOccurrence> Shown, int Total)
{
    /// <summary>Occurrences on this day that are not listed.</summary>
    public int More => Total - Shown.Count;
}

/// <param name="UserId">The member this email belongs to, null for an external guest.</param>
public sealed record AttendeeView(string Email, string? Name, string Status, Guid? UserId);

/// <summary>
/// One occurrence in a visible range: a single event, or one instance of a series (possibly overridden).
/// <see cref="EventId"/> + <see cref="OccurrenceStart"/> identify it for edits with <see cref="EditScope"/>.
/// It carries what a grid shows; the description and the attendees come with the event
/// (<see cref="CalendarEventService.GetAsync"/>).
/// </summary>
public sealed record EventOccurrence
{
    public required Guid EventId { get; init; }

    /// <summary>The start (UTC) this occurrence has in its series (RECURRENCE-ID); for a single event, its start.</summary>
    public required DateTime OccurrenceStart { get; init; }

    /// <summary>Actual start (UTC), after any override. For all-day events midnight UTC of <see cref="AllDayDate"/>.</summary>
    public required DateTime Start { get; init; }

    public required DateTime End { get; init; }
    public required string Title { get; init; }
    public string? Location { get; init; }
    public string? MeetingUrl { get; init; }
    public bool IsAllDay { get; init; }

    /// <summary>All-day events: the first day. Show it as is, never convert it to a time zone.</summary>
    public DateOnly? AllDayDate { get; init; }

    /// <summary>All-day events: the last day (inclusive).</summary>
    public DateOnly? AllDayLastDate { get; init; }

    public bool IsRecurring { get; init; }

    /// <summary>This occurrence was edited on its own (an override of the series).</summary>
    public bool IsException { get; init; }

    public required string Timezone { get; init; }
    public Guid? CustomerId { get; init; }
    public Guid? ProjectId { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public Guid? CreatedBy { get; init; }

    /// <summary>The series row's version, for <see cref="CalendarEventService.UpdateAsync"/>.</summary>
    public uint Version { get; init; }
}

/// <summary>An event row as the editor needs it (the series, for a recurring event).</summary>
public sealed record EventView
{
    public required Guid Id { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public string? Location { get; init; }
    public string? MeetingUrl { get; init; }
    public DateTime Start { get; init; }
    public DateTime End { get; init; }
    public bool IsAllDay { get; init; }
    public DateOnly? AllDayDate { get; init; }
    public DateOnly? AllDayLastDate { get; init; }
    public required string Timezone { get; init; }
    public bool IsRecurring { get; init; }
    public string? RecurrenceRule { get; init; }

    /// <summary>The rule in editor form; null for a single event or a rule the editor cannot show (imported).</summary>
    public RecurrenceInput? Recurrence { get; init; }

    public Guid? CustomerId { get; init; }
    public Guid? ProjectId { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<ReminderInput> Reminders { get; init; } = [];
    public IReadOnlyList<AttendeeView> Attendees { get; init; } = [];
    public Guid? CreatedBy { get; init; }
    public DateTime? OccursUntil { get; init; }
    public int ExceptionCount { get; init; }
    public uint Version { get; init; }

    /// <summary>The current member may edit and delete it.</summary>
    public bool CanEdit { get; init; }

    /// <summary>The input that reproduces this event, to prefill the editor.</summary>
    public EventInput ToInput() => new()
    {
        Title = Title, Description = Description, Location = Location, MeetingUrl = MeetingUrl,
        Start = IsAllDay && AllDayDate is { } d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : Start,
        End = IsAllDay && AllDayLastDate is { } l ? l.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : End,
        IsAllDay = IsAllDay, Timezone = Timezone, Recurrence = Recurrence, CustomerId = CustomerId, ProjectId = ProjectId,
        Tags = Tags, Reminders = Reminders, Attendees = Attendees.Select(a => new AttendeeInput(a.Email, a.Name)).ToList(),
    };
}
