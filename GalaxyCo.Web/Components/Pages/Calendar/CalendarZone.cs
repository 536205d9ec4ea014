using GalaxyCo.Domain.Calendar;

namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>
/// The viewer's time zone and the conversions the grid needs: occurrences (UTC instants) to wall-clock times, and a
/// wall-clock slot back to an instant. All-day occurrences keep their dates and are never converted.
/// </summary>
public sealed class CalendarZone
{
    /// <summary>The seed's (and the app's) default zone when nothing better is known.</summary>
    public const string DefaultId = "America/Chicago";

    public CalendarZone(TimeZoneInfo zone, string id)
    {
        Zone = zone;
        Id = id;
    }

    public TimeZoneInfo Zone { get; }
    public string Id { get; }

    /// <summary>The first of the candidates that names a known zone (the person's, then the workspace's), else Chicago, else UTC.</summary>
    public static CalendarZone Resolve(params string?[] candidates)
    {
        foreach (var id in candidates.Append(DefaultId))
        {
            if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return new CalendarZone(zone, id);
        }
        return new CalendarZone(TimeZoneInfo.Utc, "UTC");
    }

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// The instant of a wall-clock time. A time skipped by a spring-forward change (02:30 on the March Sunday) is read
    /// as the same time after the change, as calendars do; an ambiguous one (the November repeat) as the first.
    /// </summary>
    public DateTime ToUtc(DateTime local) => CalendarTime.ToUtc(local, Zone);

    public DateOnly Today(DateTimeOffset utcNow) => DateOnly.FromDateTime(ToLocal(utcNow.UtcDateTime));

    /// <summary>The grid's view of an occurrence.</summary>
    public CalendarItem ToItem(EventOccurrence o)
    {
        DateTime start, end;
        if (o.IsAllDay && o.AllDayDate is { } first)
        {
            start = first.ToDateTime(TimeOnly.MinValue);
            end = (o.AllDayLastDate ?? first).AddDays(1).ToDateTime(TimeOnly.MinValue);
        }
        else
        {
            start = ToLocal(o.Start);
            end = ToLocal(o.End);
        }
        return new CalendarItem
        {
            EventId = o.EventId,
            OriginalStartUtc = o.OccurrenceStart,
            Title = o.Title,
            Start = start,
            End = end < start ? start : end,
            StartUtc = o.Start,
            EndUtc = o.End,
            IsAllDay = o.IsAllDay,
            IsRecurring = o.IsRecurring,
            IsException = o.IsException,
            Location = o.Location,
            TimeZone = o.Timezone,
            CreatedBy = o.CreatedBy,
            ProjectId = o.ProjectId,
            CustomerId = o.CustomerId,
            Version = o.Version,
        };
    }
}
