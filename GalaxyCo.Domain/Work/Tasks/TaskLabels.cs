using GalaxyCo.Data;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>How statuses, priorities and "My tasks" buckets read to people.</summary>
public static class TaskLabels
{
    public static string Status(WorkTaskStatus status) => status switch
    {
        WorkTaskStatus.Todo => "To do",
        WorkTaskStatus.InProgress => "In progress",
        WorkTaskStatus.Done => "Done",
        WorkTaskStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string Priority(TaskPriority priority) => priority.ToString();

    public static string Bucket(MyTasksBucket bucket) => bucket switch
    {
        MyTasksBucket.Overdue => "Overdue",
        MyTasksBucket.Today => "Today",
        MyTasksBucket.ThisWeek => "This week",
        MyTasksBucket.Later => "Later",
        _ => "No due date",
    };
}
