namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// The demo company works in Chicago: meetings and due times are placed in local business hours and stored in UTC.
/// </summary>
internal static class DemoClock
{
    public const string TimeZoneId = "America/Chicago";

    private static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>Today's date in Chicago, as a date (kind unspecified).</summary>
    public static DateTime LocalToday(DateTime utcNow) => TimeZoneInfo.ConvertTimeFromUtc(utcNow, Zone).Date;

    /// <summary>The UTC instant of a local wall-clock time on a local date.</summary>
    public static DateTime ToUtc(DateTime localDate, double hour) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localDate.Date.AddHours(hour), DateTimeKind.Unspecified), Zone);

    /// <summary>The UTC instant of a local time, <paramref name="days"/> days from today (negative for the past).</summary>
    public static DateTime At(DateTime utcNow, int days, double hour) => ToUtc(LocalToday(utcNow).AddDays(days), hour);

    /// <summary>"Tue, Dec 2, 2:00 PM Chicago time": how a notification names a moment, independent of the server's culture.</summary>
    public static string Describe(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString("ddd, MMM d, h:mm tt", System.Globalization.CultureInfo.InvariantCulture) + " Chicago time";

    /// <summary>Moves a local date forward to the next weekday (Saturday and Sunday become Monday).</summary>
    public static DateTime Weekday(DateTime localDate) => localDate.DayOfWeek switch
    {
        DayOfWeek.Saturday => localDate.AddDays(2),
        DayOfWeek.Sunday => localDate.AddDays(1),
        _ => localDate,
    };

    /// <summary>The most recent <paramref name="day"/> on or before a local date.</summary>
    public static DateTime OnOrBefore(DateTime localDate, DayOfWeek day) => localDate.AddDays(-(((int)localDate.DayOfWeek - (int)day + 7) % 7));

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            // A container without tzdata: fixed Central Standard Time is close enough for demo data.
            return TimeZoneInfo.CreateCustomTimeZone(TimeZoneId, TimeSpan.FromHours(-6), TimeZoneId, TimeZoneId);
        }
    }
}
