using GalaxyCo.Domain.Calendar;
using GalaxyCo.Data;
using GalaxyCo.Domain.Work.Tasks;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Work.Tasks;

/// <summary>How tasks read on the pages: due dates in the person's zone, colours for priority and status.</summary>
public static class TaskFormat
{
    public static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>"Today", "Tomorrow, 3:00 PM", "Fri, Mar 6"; a due date at local midnight is a date without a time.</summary>
    public static string Due(DateTime? due, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (due is not { } utc) return "No due date";
        var local = Local(utc, zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return QuickAddParser.Describe(local, local.TimeOfDay != TimeSpan.Zero, today);
    }

    /// <summary>Open and due before today began (in the person's zone).</summary>
    public static bool IsOverdue(TaskView task, TimeZoneInfo zone, DateTimeOffset now) =>
        task.IsOpen && task.DueDate is { } due && MyTasksWindow.For(now, zone).BucketOf(due) == MyTasksBucket.Overdue;

    /// <summary>The UTC instant of a local date and optional time of day in <paramref name="zone"/>.</summary>
    public static DateTime? ToUtc(DateTime? localDate, TimeSpan? time, TimeZoneInfo zone) =>
        localDate is { } d ? CalendarTime.ToUtc(d.Date + (time ?? TimeSpan.Zero), zone) : null;

    public static Color PriorityColor(TaskPriority priority) => priority switch
    {
        TaskPriority.Urgent => Color.Error,
        TaskPriority.High => Color.Warning,
        TaskPriority.Medium => Color.Info,
        _ => Color.Default,
    };

    public static Color StatusColor(WorkTaskStatus status) => status switch
    {
        WorkTaskStatus.Done => Color.Success,
        WorkTaskStatus.InProgress => Color.Primary,
        _ => Color.Default,
    };

    public static string Initials(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "?";
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Take(2).Select(p => char.ToUpperInvariant(p[0])));
    }
}
