using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Calendar;

public class CalendarEvent : EditableTenantEntity
{
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? Location { get; set; }
    public string? MeetingUrl { get; set; }
    public DateTime StartTime { get; set; }
    public DateTime EndTime { get; set; }
    public string Timezone { get; set; } = "America/Chicago";
    public bool IsAllDay { get; set; }
    public bool IsRecurring { get; set; }
    /// <summary>RFC 5545 RRULE.</summary>
    public string? RecurrenceRule { get; set; }
    public Guid? CreatedBy { get; set; }
    public List<Attendee> Attendees { get; set; } = [];
    public Guid? CustomerId { get; set; }
    public Guid? ProjectId { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<EventReminder> Reminders { get; set; } = [];

    /// <summary>
    /// Not in the seed. For a recurring event, the end of its last occurrence (null: it never ends); for a single
    /// event, its end time. A visible range reads only the series that can reach into it.
    /// </summary>
    public DateTime? OccursUntil { get; set; }

    /// <summary>
    /// True when one occurrence lasts longer than <see cref="LongEventDays"/> days (stored, generated). Range reads find
    /// short events by start time alone (start within [from - LongEventDays, to)) and long ones through this flag.
    /// </summary>
    public bool IsLong { get; private set; }

    public const int LongEventDays = 45;

    /// <summary>Per-occurrence changes: a cancelled occurrence (EXDATE) or a moved/edited one (override).</summary>
    public List<CalendarEventException> Exceptions { get; set; } = [];
}
