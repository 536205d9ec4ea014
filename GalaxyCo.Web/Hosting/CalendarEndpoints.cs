namespace GalaxyCo.Web.Hosting;

/// <summary>What the calendar serves outside pages: .ics downloads, the private subscription feed, .ics import.</summary>
internal static class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this WebApplication app)
    {
    }
}
