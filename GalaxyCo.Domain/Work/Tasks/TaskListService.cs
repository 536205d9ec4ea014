using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Tasks;

public enum TaskGrouping { None, Status, Priority, Assignee, Project, Due }

public enum TaskSort { Due, Priority, Title, Status, CreatedAt, UpdatedAt }

/// <summary>Filters, sort, grouping and page of the task list. Pages are 1-based, 1..200 rows.</summary>
public sealed record TaskQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Part of the title (case-insensitive).</summary>
    public string? Search { get; init; }
    /// <summary>Any of these statuses; null or empty: all.</summary>
    public IReadOnlyList<WorkTaskStatus>? Statuses { get; init; }
    public TaskPriority? Priority { get; init; }
    public Guid? AssignedTo { get; init; }
    /// <summary>Only tasks nobody is assigned to (wins over <see cref="AssignedTo"/>).</summary>
    public bool Unassigned { get; init; }
    public Guid? ProjectId { get; init; }
    public Guid? CustomerId { get; init; }
    /// <summary>Due at or after (UTC).</summary>
    public DateTime? DueFrom { get; init; }
    /// <summary>Due before (UTC).</summary>
    public DateTime? DueBefore { get; init; }
    public string? Tag { get; init; }
    public TaskGrouping GroupBy { get; init; }
    public TaskSort Sort { get; init; } = TaskSort.Due;
    public SortDirection Direction { get; init; } = SortDirection.Ascending;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

/// <summary>A group header: the key rows carry in <see cref="TaskListRow.GroupKey"/>, its label and how many tasks it holds across all pages.</summary>
public sealed record TaskGroup(string Key, string Label, int Count);

public sealed record TaskProjectOption(Guid Id, string Name);

public sealed record TaskListRow(TaskView Task, string GroupKey);

public sealed record TaskListPage(IReadOnlyList<TaskListRow> Items, int Total, int Page, int PageSize, IReadOnlyList<TaskGroup> Groups);

/// <summary>
/// The workspace's task list: server-side filters, sort, paging and grouping. Rows come ordered by their group first,
/// so a page shows each group's rows together under a header whose count spans every page.
/// </summary>
public sealed class TaskListService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public const string NoneKey = "none";

    public async Task<Result<TaskListPage>> ListAsync(TaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!member.Can(Permissions.RecordsRead)) return Result<TaskListPage>.From(Result.Forbidden("You can't see tasks in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var zone = await PersonTimeZone.ResolveAsync(db, member.UserId, ct);
        var window = MyTasksWindow.For(clock.GetUtcNow(), zone);
        var q = Filter(db.Tasks.AsNoTracking(), query);
        var total = await CrmListQuery.CappedCountAsync(q, CrmListQuery.CountCap, ct);
        var size = Math.Clamp(query.PageSize, 1, TaskQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        var rows = await TaskRules.ViewsAsync(db, Order(q, query).Skip((page - 1) * size).Take(size), ct);
        var groups = query.GroupBy == TaskGrouping.None ? [] : await GroupsAsync(db, q, query.GroupBy, window, ct);
        var items = rows.Select(t => new TaskListRow(t, KeyOf(t, query.GroupBy, window))).ToList();
        return new TaskListPage(items, total, page, size, groups);
    }

    /// <summary>The workspace's projects by name (at most 500), for the project filter and pickers.</summary>
    public async Task<IReadOnlyList<TaskProjectOption>> ProjectsAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Projects.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id).Take(500)
            .Select(p => new TaskProjectOption(p.Id, p.Name)).ToListAsync(ct);
    }

    /// <summary>The group a task belongs to under <paramref name="grouping"/> (the key of its <see cref="TaskGroup"/>).</summary>
    public static string KeyOf(TaskView task, TaskGrouping grouping, MyTasksWindow window)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(window);
        return grouping switch
        {
            TaskGrouping.Status => task.Status.ToString(),
            TaskGrouping.Priority => task.Priority.ToString(),
            TaskGrouping.Assignee => task.AssignedTo?.ToString() ?? NoneKey,
            TaskGrouping.Project => task.ProjectId?.ToString() ?? NoneKey,
            TaskGrouping.Due => window.BucketOf(task.DueDate).ToString(),
            _ => "",
        };
    }

    private static IQueryable<WorkTask> Filter(IQueryable<WorkTask> q, TaskQuery query)
    {
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var orders = statuses.Distinct().Select(WorkTask.OrderOf).ToList();
            q = q.Where(t => orders.Contains(t.StatusOrder));
        }
        if (query.Priority is { } priority) q = q.Where(t => t.Priority == priority);
        if (query.Unassigned) q = q.Where(t => t.AssignedTo == null);
        else if (query.AssignedTo is { } assignee) q = q.Where(t => t.AssignedTo == assignee);
        if (query.ProjectId is { } project) q = q.Where(t => t.ProjectId == project);
        if (query.CustomerId is { } customer) q = q.Where(t => t.CustomerId == customer);
        if (TaskRules.Utc(query.DueFrom) is { } from) q = q.Where(t => t.DueDate >= from);
        if (TaskRules.Utc(query.DueBefore) is { } before) q = q.Where(t => t.DueDate < before);
        if (CrmText.Tag(query.Tag) is { } tag) q = q.Where(t => t.Tags.Contains(tag));
        if (LikePattern.Contains(query.Search, 200) is { } pattern) q = q.Where(t => EF.Functions.ILike(t.Title, pattern, LikePattern.Escape));
        return q;
    }

    private static IOrderedQueryable<WorkTask> Order(IQueryable<WorkTask> q, TaskQuery query)
    {
        var descending = query.Direction == SortDirection.Descending;
        // Group first, so each group's rows are together; the chosen sort orders rows within a group.
        IOrderedQueryable<WorkTask>? grouped = query.GroupBy switch
        {
            TaskGrouping.Status => q.OrderBy(t => t.StatusOrder),
            TaskGrouping.Priority => q.OrderByDescending(t => t.Priority),
            TaskGrouping.Assignee => q.OrderBy(t => t.AssignedTo == null).ThenBy(t => t.AssignedTo),
            TaskGrouping.Project => q.OrderBy(t => t.ProjectId == null).ThenBy(t => t.Project!.Name).ThenBy(t => t.ProjectId),
            TaskGrouping.Due => q.OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate),
            _ => null,
        };
        IOrderedQueryable<WorkTask> Then<TKey>(System.Linq.Expressions.Expression<Func<WorkTask, TKey>> key) => grouped is null
            ? (descending ? q.OrderByDescending(key) : q.OrderBy(key))
            : (descending ? grouped.ThenByDescending(key) : grouped.ThenBy(key));
        var sorted = query.Sort switch
        {
            TaskSort.Priority => Then(t => t.Priority),
            TaskSort.Title => Then(t => t.Title),
            TaskSort.Status => Then(t => t.StatusOrder),
            TaskSort.CreatedAt => Then(t => t.CreatedAt),
            TaskSort.UpdatedAt => Then(t => t.UpdatedAt),
            // Undated tasks last either way.
            _ => Then(t => t.DueDate == null).ThenBy(t => t.DueDate),
        };
        if (query.Sort == TaskSort.Due && descending) sorted = (grouped is null ? q.OrderBy(t => t.DueDate == null) : grouped.ThenBy(t => t.DueDate == null)).ThenByDescending(t => t.DueDate);
        return sorted.ThenBy(t => t.Id);
    }

    private static async Task<IReadOnlyList<TaskGroup>> GroupsAsync(GalaxyDbContext db, IQueryable<WorkTask> q, TaskGrouping grouping, MyTasksWindow w, CancellationToken ct)
    {
        switch (grouping)
        {
            case TaskGrouping.Status:
            {
                var counts = await q.GroupBy(t => t.StatusOrder).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                return counts.OrderBy(c => c.Key).Select(c => (WorkTaskStatus)c.Key)
                    .Select(s => new TaskGroup(s.ToString(), TaskLabels.Status(s), counts.First(c => c.Key == WorkTask.OrderOf(s)).Count)).ToList();
            }
            case TaskGrouping.Priority:
            {
                var counts = await q.GroupBy(t => t.Priority).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                return counts.OrderByDescending(c => c.Key).Select(c => new TaskGroup(c.Key.ToString(), TaskLabels.Priority(c.Key), c.Count)).ToList();
            }
            case TaskGrouping.Assignee:
            {
                var counts = await q.GroupBy(t => t.AssignedTo).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                var ids = counts.Where(c => c.Key != null).Select(c => c.Key!.Value).ToList();
                var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.FirstName, u.LastName, u.Email }).ToListAsync(ct);
                string Name(Guid id) => names.FirstOrDefault(n => n.Id == id) is { } n ? ($"{n.FirstName} {n.LastName}".Trim() is { Length: > 0 } full ? full : n.Email ?? "") : "Former member";
                return counts.OrderBy(c => c.Key == null).ThenBy(c => c.Key)
                    .Select(c => c.Key is { } id ? new TaskGroup(id.ToString(), Name(id), c.Count) : new TaskGroup(NoneKey, "Unassigned", c.Count)).ToList();
            }
            case TaskGrouping.Project:
            {
                var counts = await q.GroupBy(t => t.ProjectId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                var ids = counts.Where(c => c.Key != null).Select(c => c.Key!.Value).ToList();
                var names = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
                return counts.OrderBy(c => c.Key == null).ThenBy(c => names.FirstOrDefault(n => n.Id == c.Key)?.Name, StringComparer.Ordinal).ThenBy(c => c.Key)
                    .Select(c => c.Key is { } id ? new TaskGroup(id.ToString(), names.FirstOrDefault(n => n.Id == id)?.Name ?? "Project", c.Count) : new TaskGroup(NoneKey, "No project", c.Count)).ToList();
            }
            default:
            {
                var groups = new List<TaskGroup>();
                foreach (var bucket in Enum.GetValues<MyTasksBucket>())
                {
                    var inBucket = bucket switch
                    {
                        MyTasksBucket.Overdue => q.Where(t => t.DueDate < w.TodayStart),
                        MyTasksBucket.Today => q.Where(t => t.DueDate >= w.TodayStart && t.DueDate < w.TomorrowStart),
                        MyTasksBucket.ThisWeek => q.Where(t => t.DueDate >= w.TomorrowStart && t.DueDate < w.WeekEnd),
                        MyTasksBucket.Later => q.Where(t => t.DueDate >= w.WeekEnd),
                        _ => q.Where(t => t.DueDate == null),
                    };
                    var count = await inBucket.CountAsync(ct);
                    if (count > 0) groups.Add(new TaskGroup(bucket.ToString(), TaskLabels.Bucket(bucket), count));
                }
                return groups;
            }
        }
    }
}
