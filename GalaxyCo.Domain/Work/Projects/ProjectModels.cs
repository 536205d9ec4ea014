using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;

namespace GalaxyCo.Domain.Work.Projects;

/// <summary>
/// A project as lists and the detail page show it. Money in cents. <see cref="TotalTasks"/>, <see cref="CompletedTasks"/>
/// and <see cref="Progress"/> are kept by the database as tasks change (cancelled tasks don't count).
/// </summary>
public sealed record ProjectView(
    Guid Id, string Name, string? Description, ProjectStatus Status, Guid? CustomerId, string? CustomerName, Guid? ManagerId,
    DateTime? StartDate, DateTime? EndDate, long? Budget, long? ActualCost, int Progress, int CompletedTasks, int TotalTasks,
    IReadOnlyList<string> Tags, DateTime CreatedAt, DateTime UpdatedAt, uint Version)
{
    /// <summary>Spend as a share of budget (1.0 = on budget), or null without a budget.</summary>
    public double? SpentShare => Budget is > 0 && ActualCost is { } cost ? (double)cost / Budget.Value : null;

    public bool OverBudget => Budget is { } b && ActualCost is { } c && c > b;

    /// <summary>What an editor starts from: the editable fields as they are.</summary>
    public ProjectInput ToInput() => new()
    {
        Name = Name, Description = Description, Status = Status, CustomerId = CustomerId, ManagerId = ManagerId,
        StartDate = StartDate, EndDate = EndDate, Budget = Budget, ActualCost = ActualCost, Tags = [.. Tags],
    };

    internal static ProjectView From(Project p, string? customerName) => new(
        p.Id, p.Name, p.Description, p.Status, p.CustomerId, customerName, p.ManagerId, p.StartDate, p.EndDate, p.Budget, p.ActualCost,
        p.Progress, p.CompletedTasks, p.TotalTasks, p.Tags, p.CreatedAt, p.UpdatedAt, p.Version);
}

/// <summary>What a person can set on a project. Money in cents; dates are UTC instants (a date picker's midnight).</summary>
public sealed record ProjectInput
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public ProjectStatus Status { get; init; } = ProjectStatus.Planning;
    public Guid? CustomerId { get; init; }
    public Guid? ManagerId { get; init; }
    public DateTime? StartDate { get; init; }
    public DateTime? EndDate { get; init; }
    public long? Budget { get; init; }
    public long? ActualCost { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
}

public enum ProjectSort { Name, Status, StartDate, EndDate, Budget, Progress, CreatedAt }

/// <summary>A page of the project list: filters, search on the name, sort and page (1-based, 1..200 rows).</summary>
public sealed record ProjectQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Words of the name, matched anywhere in it (case-insensitive).</summary>
    public string? Search { get; init; }
    public ProjectStatus? Status { get; init; }
    public Guid? CustomerId { get; init; }
    public Guid? ManagerId { get; init; }
    public ProjectSort Sort { get; init; } = ProjectSort.Name;
    public SortDirection Direction { get; init; } = SortDirection.Ascending;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;

    internal int EffectivePage => Math.Max(1, Page);
    internal int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>One page of projects with the total across pages.</summary>
public sealed record ProjectPage(IReadOnlyList<ProjectView> Items, int Total, int PageNumber, int PageSize);

/// <summary>A meeting of the project coming up (or a recurring series it has).</summary>
public sealed record ProjectEvent(Guid Id, string Title, DateTime StartTime, DateTime EndTime, bool IsAllDay, bool IsRecurring, string Timezone);

/// <summary>The detail page's figures: the project, its overdue open tasks and what is on the calendar for it.</summary>
public sealed record ProjectDetails(ProjectView Project, int OpenTasks, int OverdueTasks, IReadOnlyList<ProjectEvent> UpcomingEvents);

/// <summary>A task of a project, as its detail page lists them.</summary>
public sealed record ProjectTask(Guid Id, string Title, WorkTaskStatus Status, TaskPriority Priority, Guid? AssignedTo, DateTime? DueDate, DateTime? CompletedAt);
