using System.Globalization;

namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>How the calendar writes times and dates (24-hour clock, invariant month names, like the rest of the app).</summary>
public static class CalendarFormat
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Time(DateTime t) => t.ToString("HH:mm", C);

    public static string Hour(int hour) => $"{hour:00}:00";

    public static string Day(DateOnly d) => d.ToString("ddd, MMM d", C);

    public static string Weekday(DateOnly d) => d.ToString("ddd", C);

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", C);
}
