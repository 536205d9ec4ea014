using System.Globalization;
using GalaxyCo.Data;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Work.Board;

/// <summary>How the task board writes statuses, priorities, people and due dates.</summary>
public static class TaskBoardFormat
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Status(WorkTaskStatus status) => status switch
    {
        WorkTaskStatus.Todo => "To do",
        WorkTaskStatus.InProgress => "In progress",
        WorkTaskStatus.Done => "Done",
        _ => "Cancelled",
    };

    /// <summary>The status as it appears in test ids and the DOM: todo, in_progress, done, cancelled.</summary>
    public static string StatusKey(WorkTaskStatus status) => status == WorkTaskStatus.InProgress ? "in_progress" : status.ToString().ToLowerInvariant();

    public static string Priority(TaskPriority priority) => priority.ToString();

    public static Color PriorityColor(TaskPriority priority) => priority switch
    {
        TaskPriority.Urgent => Color.Error,
        TaskPriority.High => Color.Warning,
        TaskPriority.Medium => Color.Info,
        _ => Color.Default,
    };

    /// <summary>Up to two initials of a name ("Ada Lovelace" → "AL"; "ada@x.com" → "A").</summary>
    public static string Initials(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "?";
        var words = name.Contains('@', StringComparison.Ordinal) ? [name] : name.Split([' ', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Concat(words.Take(2).Select(w => char.ToUpperInvariant(w[0])));
    }

    /// <summary>"Today", "Tomorrow", "3 days ago", "Friday", "12 Mar".</summary>
    public static string Due(DateTime dueUtc, DateTime nowUtc)
    {
        var days = (dueUtc.Date - nowUtc.Date).Days;
        return days switch
        {
            0 => "Today",
            1 => "Tomorrow",
            -1 => "Yesterday",
            < 0 and > -14 => $"{-days} days ago",
            > 1 and < 7 => dueUtc.ToString("dddd", English),
            _ => dueUtc.ToString(dueUtc.Year == nowUtc.Year ? "d MMM" : "d MMM yyyy", English),
        };
    }

    /// <summary>A column count, "10,000+" past the cap.</summary>
    public static string Count(int count) =>
        count > GalaxyCo.Domain.Work.Board.TaskBoardService.CountCap
            ? GalaxyCo.Domain.Work.Board.TaskBoardService.CountCap.ToString("N0", English) + "+"
            : count.ToString("N0", English);
}
