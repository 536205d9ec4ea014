using GalaxyCo.Data;
using GalaxyCo.Data.Work;

namespace GalaxyCo.Domain.Work.Board;

/// <summary>A task as a board card shows it: title, priority, assignee, due date, project.</summary>
public sealed record TaskCard(
    Guid Id, string Title, WorkTaskStatus Status, TaskPriority Priority, Guid? AssignedTo, DateTime? DueDate, Guid? ProjectId,
    string? ProjectName, double BoardPosition, DateTime? CompletedAt, uint Version)
{
    /// <summary>Open and past its due date at <paramref name="nowUtc"/>.</summary>
    public bool IsOverdueAt(DateTime nowUtc) => DueDate < nowUtc && Status is WorkTaskStatus.Todo or WorkTaskStatus.InProgress;
}

/// <summary>
/// One status column: how many cards it holds under the filter (counted up to <see cref="TaskBoardService.CountCap"/>
/// and one more, so a column can say "10,000+") and one slice of its cards in board order.
/// </summary>
public sealed record TaskBoardColumn(WorkTaskStatus Status, int Count, IReadOnlyList<TaskCard> Cards)
{
    public bool CountCapped => Count > TaskBoardService.CountCap;
}

/// <summary>A column's card count under the board's filter (capped like <see cref="TaskBoardColumn.Count"/>).</summary>
public sealed record TaskColumnFigures(WorkTaskStatus Status, int Count);

/// <summary>What the board shows: every task, or one project's, or one person's (both when both are set).</summary>
public sealed record TaskBoardFilter(Guid? ProjectId = null, Guid? AssignedTo = null)
{
    public static TaskBoardFilter None { get; } = new();

    public bool IsEmpty => ProjectId is null && AssignedTo is null;
}
