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
}
