namespace GalaxyCo.Data.Calendar;

/// <summary>
/// One occurrence of a recurring event that differs from its series: cancelled (an EXDATE) or overridden (moved,
/// retitled...; a RECURRENCE-ID override in iCalendar terms). Not in the seed.
/// </summary>
public class CalendarEventException : EditableTenantEntity
{
    public Guid EventId { get; set; }

    /// <summary>The start (UTC) the occurrence has in the series: what identifies it (RECURRENCE-ID).</summary>
    public DateTime OriginalStart { get; set; }

    /// <summary>The occurrence does not happen.</summary>
    public bool IsCancelled { get; set; }

    // Overridden values; null keeps the series' value.
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Location { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? EndTime { get; set; }
}
