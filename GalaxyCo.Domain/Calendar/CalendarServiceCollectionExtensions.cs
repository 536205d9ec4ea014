using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Calendar;

public static class CalendarServiceCollectionExtensions
{
    /// <summary>The workspace calendar: events, recurrence, ICS, feeds and reminders.</summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddScoped<CalendarInvitations>();
        services.AddScoped<CalendarEventService>();
        services.AddScoped<CalendarAttendeeService>();
        services.AddScoped<CalendarIcsService>();
        services.AddScoped<CalendarFeedService>();
        services.AddScoped<CalendarReminderJob>();
        return services;
    }
}
