using System.Globalization;

namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>
/// One occurrence as the grid shows it: wall-clock start and end in the viewer's zone (all-day items keep their own
/// dates, never converted), and what identifies the occurrence in its series (<see cref="OriginalStartUtc"/>).
/// </summary>
public sealed record CalendarItem
{
    public required Guid EventId { get; init; }
    /// <summary>The occurrence's start in the series (UTC): the RECURRENCE-ID; equals the start for single events.</summary>
    public required DateTime OriginalStartUtc { get; init; }
    public required string Title { get; init; }
    /// <summary>Viewer's wall-clock time (all-day: midnight of the first day).</summary>
    public required DateTime Start { get; init; }
    /// <summary>Viewer's wall-clock time, exclusive (all-day: midnight after the last day).</summary>
    public required DateTime End { get; init; }
    public DateTime StartUtc { get; init; }
    public DateTime EndUtc { get; init; }
    public bool IsAllDay { get; init; }
    public bool IsRecurring { get; init; }
    public bool IsException { get; init; }
    public string? Location { get; init; }
    public string TimeZone { get; init; } = "America/Chicago";
    public Guid? CreatedBy { get; init; }
    public Guid? ProjectId { get; init; }
    public Guid? CustomerId { get; init; }
    /// <summary>The series row's version, for moves.</summary>
    public uint Version { get; init; }

    /// <summary>The DOM key of the occurrence: event id and original start ticks.</summary>
    public string Key => $"{EventId:N}-{OriginalStartUtc.Ticks.ToString(CultureInfo.InvariantCulture)}";

    public DateOnly FirstDay => DateOnly.FromDateTime(Start);

    /// <summary>The last day the item shows on (an item ending at midnight does not show on the next day).</summary>
    public DateOnly LastDay => End > Start && End.TimeOfDay == TimeSpan.Zero ? DateOnly.FromDateTime(End).AddDays(-1) : DateOnly.FromDateTime(End);

    public bool OccursOn(DateOnly day) => FirstDay <= day && day <= LastDay;

    /// <summary>"10:00–11:00", or "All day".</summary>
    public string TimeLabel => IsAllDay ? "All day" : $"{CalendarFormat.Time(Start)}–{CalendarFormat.Time(End)}";

    public static CalendarItem? FindByKey(IEnumerable<CalendarItem> items, string key) => items.FirstOrDefault(i => i.Key == key);
}

/// <summary>One day of the month grid: the events it lists and how many more it has.</summary>
public sealed record MonthCell(IReadOnlyList<CalendarItem> Items, int More)
{
    public static readonly MonthCell Empty = new([], 0);
}
