using GalaxyCo.Data;
using GalaxyCo.Data.Work;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>Every editable field of a task. Dates are UTC instants (a date-only due date is the start of that day in the person's zone).</summary>
public sealed record TaskInput
{
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public WorkTaskStatus Status { get; init; } = WorkTaskStatus.Todo;
    public TaskPriority Priority { get; init; } = TaskPriority.Medium;
    /// <summary>Must be an active member of the workspace.</summary>
    public Guid? AssignedTo { get; init; }
    public Guid? ProjectId { get; init; }
    public Guid? CustomerId { get; init; }
    public DateTime? DueDate { get; init; }
    public DateTime? StartDate { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The input that saves <paramref name="task"/> unchanged: start here for an inline edit of one field.</summary>
    public static TaskInput From(TaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new()
        {
            Title = task.Title, Description = task.Description, Status = task.Status, Priority = task.Priority, AssignedTo = task.AssignedTo,
            ProjectId = task.ProjectId, CustomerId = task.CustomerId, DueDate = task.DueDate, StartDate = task.StartDate, Tags = task.Tags,
        };
    }
}

/// <summary>A task as the pages show it, with the names of its project and customer.</summary>
public sealed record TaskView(
    Guid Id,
    string Title,
    string? Description,
    WorkTaskStatus Status,
    TaskPriority Priority,
    Guid? AssignedTo,
    Guid? CreatedBy,
    Guid? ProjectId,
    string? ProjectName,
    Guid? CustomerId,
    string? CustomerName,
    DateTime? DueDate,
    DateTime? StartDate,
    DateTime? CompletedAt,
    IReadOnlyList<string> Tags,
    int AttachmentCount,
    double BoardPosition,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    uint Version)
{
    public bool IsOpen => Status is WorkTaskStatus.Todo or WorkTaskStatus.InProgress;

    internal static TaskView From(WorkTask t, string? projectName, string? customerName) => new(
        t.Id, t.Title, t.Description, t.Status, t.Priority, t.AssignedTo, t.CreatedBy, t.ProjectId, projectName, t.CustomerId, customerName,
        t.DueDate, t.StartDate, t.CompletedAt, t.Tags, t.Attachments.Count, t.BoardPosition, t.CreatedAt, t.UpdatedAt, t.Version);
}

/// <summary>The outcome of a bulk action: how many changed, and the ids that no longer exist (or never did here).</summary>
public sealed record TaskBulkResult(int Changed, IReadOnlyList<Guid> NotFound);
