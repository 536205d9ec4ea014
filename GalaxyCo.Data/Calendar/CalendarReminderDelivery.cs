namespace GalaxyCo.Data.Calendar;

/// <summary>
/// A reminder that went out for one occurrence of an event (one row per event, occurrence, offset and method), so
/// a reminder is sent once even when several app nodes run the reminder job. Not in the seed.
/// </summary>
public class CalendarReminderDelivery : TenantEntity
{
    public Guid EventId { get; set; }
    /// <summary>The occurrence's start (UTC) the reminder was for.</summary>
    public DateTime OccurrenceStart { get; set; }
    public int MinutesBefore { get; set; }
    /// <summary>notification or email.</summary>
    public string Method { get; set; } = "notification";
}
