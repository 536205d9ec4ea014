using System.Collections.Concurrent;

namespace GalaxyCo.Domain.Calendar;

/// <summary>Time zone lookups and wall-clock conversions with the RFC 5545 rules for DST gaps and overlaps.</summary>
public static class CalendarTime
{
    public const string DefaultTimezone = "America/Chicago";

    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    /// <summary>The zone for an IANA id (e.g. America/Chicago), or null when the id is unknown.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return null;
        return Zones.GetOrAdd(id, static key =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(key);
            }
            catch (TimeZoneNotFoundException)
            {
                return null;
            }
            catch (InvalidTimeZoneException)
            {
                return null;
            }
        });
    }

    /// <summary>The wall-clock time (kind Unspecified) of a UTC instant in <paramref name="zone"/>.</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);

    /// <summary>
    /// The UTC instant of a wall-clock time in <paramref name="zone"/>. A time that does not exist (skipped by the
    /// spring-forward jump) is read with the offset before the gap, so 2:30 becomes 3:30 (RFC 5545 3.3.5); a time that
    /// happens twice (fall back) is the first of the two.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = DayOffset(local.Date, zone);
        if (offset != NoSingleOffset) return new DateTime(local.Ticks - offset, DateTimeKind.Utc);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-6));
            return DateTime.SpecifyKind(local - before, DateTimeKind.Utc);
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return DateTime.SpecifyKind(local - offsets.Max(), DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private const long NoSingleOffset = long.MinValue;

    /// <summary>Per zone: local day number to the zone's offset on that whole day, or <see cref="NoSingleOffset"/> on a transition day.</summary>
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<long, long>> DayOffsets = new(StringComparer.Ordinal);

    [ThreadStatic] private static TimeZoneInfo? lastZone;
    [ThreadStatic] private static ConcurrentDictionary<long, long>? lastDays;

    /// <summary>
    /// TimeZoneInfo's local-to-UTC path costs microseconds per call on Linux, and a month view converts tens of
    /// thousands of occurrences; all but two days a year have one offset all day, so it is looked up once per day
    /// (and the zone's table once per run of calls in the same zone).
    /// </summary>
    private static long DayOffset(DateTime date, TimeZoneInfo zone)
    {
        var days = ReferenceEquals(zone, lastZone) ? lastDays! : ZoneDays(zone);
        var day = date.Ticks / TimeSpan.TicksPerDay;
        if (days.TryGetValue(day, out var ticks)) return ticks;
        var first = zone.GetUtcOffset(date);
        var last = zone.GetUtcOffset(date.AddDays(1).AddTicks(-1));
        ticks = first == last && !zone.IsInvalidTime(date) && !zone.IsAmbiguousTime(date) ? first.Ticks : NoSingleOffset;
        if (days.Count > 100_000) days.Clear();
        days[day] = ticks;
        return ticks;
    }

    private static ConcurrentDictionary<long, long> ZoneDays(TimeZoneInfo zone)
    {
        var days = DayOffsets.GetOrAdd(zone.Id, static _ => new ConcurrentDictionary<long, long>());
        lastZone = zone;
        lastDays = days;
        return days;
    }

    /// <summary>Reads a DateTime from the UI or a test as UTC (Unspecified counts as UTC; Local is converted).</summary>
    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>Midnight UTC of a date: how an all-day event's date is stored.</summary>
    public static DateTime DateAsUtc(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}

/// <summary>
/// UTC instants to wall-clock times in one zone, for a grid that converts thousands: the offset is looked up once
/// per UTC day, and only a day with a DST change takes TimeZoneInfo's slow path. One instance per read (not shared).
/// </summary>
public sealed class UtcToLocal(TimeZoneInfo zone)
{
    private const long Changes = long.MinValue;
    private readonly Dictionary<long, long> offsets = [];

    public DateTime Convert(DateTime utc)
    {
        var day = utc.Ticks / TimeSpan.TicksPerDay;
        if (!offsets.TryGetValue(day, out var offset))
        {
            var start = new DateTime(day * TimeSpan.TicksPerDay, DateTimeKind.Utc);
            var first = zone.GetUtcOffset(start);
            var last = zone.GetUtcOffset(start.AddDays(1).AddTicks(-1));
            offsets[day] = offset = first == last ? first.Ticks : Changes;
        }
        return offset == Changes ? CalendarTime.ToLocal(utc, zone) : new DateTime(utc.Ticks + offset, DateTimeKind.Unspecified);
    }
}
