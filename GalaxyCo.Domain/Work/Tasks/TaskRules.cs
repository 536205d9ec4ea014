using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>The rules every path that writes a task shares (the form, inline edits, bulk actions, quick add).</summary>
internal static class TaskRules
{
    public const int TitleMaxLength = 500;
    public const int DescriptionMaxLength = 20_000;

    /// <summary>
    /// Sets the status and keeps completed_at true to it: stamped when the task becomes done, cleared when it
    /// leaves done, untouched while it stays done (re-saving a done task keeps when it was finished).
    /// </summary>
    public static void SetStatus(WorkTask task, WorkTaskStatus status, DateTime now)
    {
        if (status == WorkTaskStatus.Done && (task.Status != WorkTaskStatus.Done || task.CompletedAt is null)) task.CompletedAt = now;
        else if (status != WorkTaskStatus.Done) task.CompletedAt = null;
        task.Status = status;
    }

    /// <summary>
    /// The position after the last card of <paramref name="status"/>'s board column (max + 1). Reads the
    /// (workspace_id, status_order, board_position) index backwards, one row.
    /// </summary>
    public static async Task<double> EndOfColumnAsync(GalaxyDbContext db, WorkTaskStatus status, CancellationToken ct)
    {
        var order = WorkTask.OrderOf(status);
        var last = await db.Tasks.Where(t => t.StatusOrder == order).OrderByDescending(t => t.BoardPosition).Select(t => (double?)t.BoardPosition).FirstOrDefaultAsync(ct);
        return Math.Floor(last ?? 0) + 1;
    }

    /// <summary>UTC as given; a local time converted; an unspecified one read as UTC (the pages send UTC).</summary>
    public static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } v => v.ToUniversalTime(),
        { } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    };

    /// <summary>Validates <paramref name="input"/> and, when it is fine, copies it onto <paramref name="task"/> (status aside).</summary>
    public static async Task<Result?> ApplyAsync(GalaxyDbContext db, WorkTask task, TaskInput input, CancellationToken ct)
    {
        var check = new CrmInputCheck();
        var title = check.Required("title", input.Title, TitleMaxLength, "Give the task a title.");
        var description = check.Optional("description", input.Description, DescriptionMaxLength);
        if (!Enum.IsDefined(input.Status)) check.Add("status", "Pick a status.");
        if (!Enum.IsDefined(input.Priority)) check.Add("priority", "Pick a priority.");
        var tags = check.Tags("tags", input.Tags);
        var due = Utc(input.DueDate);
        var start = Utc(input.StartDate);
        if (due is not null && start is not null && start > due) check.Add("startDate", "Start on or before the due date.");
        await CrmRecords.CheckAssigneeAsync(db, input.AssignedTo, check, ct);
        await CrmRecords.CheckCustomerAsync(db, input.CustomerId, check, ct);
        await CheckProjectAsync(db, input.ProjectId, check, ct);
        if (check.Failed) return check.Invalid();

        task.Title = title;
        task.Description = description;
        task.Priority = input.Priority;
        task.AssignedTo = input.AssignedTo;
        task.ProjectId = input.ProjectId;
        task.CustomerId = input.CustomerId;
        task.DueDate = due;
        task.StartDate = start;
        task.Tags = tags;
        return null;
    }

    /// <summary>
    /// A project id must name a project of this workspace: the foreign key ignores row-level security, so only the
    /// tenant filter keeps another workspace's project out.
    /// </summary>
    private static async Task CheckProjectAsync(GalaxyDbContext db, Guid? projectId, CrmInputCheck check, CancellationToken ct)
    {
        if (projectId is null) return;
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct))
            check.Add("projectId", "Pick a project from this workspace; that one does not exist here.");
    }

    /// <summary>Tasks with their project's and customer's names, in the order of <paramref name="tasks"/>.</summary>
    public static async Task<List<TaskView>> ViewsAsync(GalaxyDbContext db, IQueryable<WorkTask> tasks, CancellationToken ct)
    {
        var rows = await tasks
            .Select(t => new
            {
                Task = t,
                Project = t.Project != null ? t.Project.Name : null,
                Customer = db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => TaskView.From(r.Task, r.Project, r.Customer)).ToList();
    }
}
