using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>
/// One action over many selected tasks, in one transaction: assign, set status, set priority, add a tag, delete.
/// Ids of another workspace (or already deleted) are reported in <see cref="TaskBulkResult.NotFound"/>, never changed.
/// </summary>
public sealed class TaskBulkService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock, NotificationSender notifications, Attachments.AttachmentFileStore files)
{
    /// <summary>The most tasks one bulk action takes (a page of the list at its largest).</summary>
    public const int MaxIds = 500;

    /// <summary>The app's address for links in assignment mail (see <see cref="TaskService.MailBaseUrl"/>).</summary>
    public string? MailBaseUrl { get; set; }

    public async Task<Result<TaskBulkResult>> AssignAsync(IReadOnlyCollection<Guid> ids, Guid? userId, CancellationToken ct = default)
    {
        TaskAssignmentNotices? notices = null;
        var result = await ChangeAsync(ids, async (db, tasks) =>
        {
            var check = new CrmInputCheck();
            await CrmRecords.CheckAssigneeAsync(db, userId, check, ct);
            if (check.Failed) return check.Invalid();
            notices = new TaskAssignmentNotices(db, member.UserId, member.WorkspaceSlug);
            foreach (var task in tasks)
            {
                var before = task.AssignedTo;
                task.AssignedTo = userId;
                notices.Collect(task, before);
            }
            await notices.AddAsync(ct);
            return null;
        }, async db => { if (notices is not null) await notices.MailAsync(notifications, MailBaseUrl, ct); }, ct);
        return result;
    }

    /// <summary>Sets the status; tasks that change column go to its end, and completed_at follows the status.</summary>
    public Task<Result<TaskBulkResult>> SetStatusAsync(IReadOnlyCollection<Guid> ids, WorkTaskStatus status, CancellationToken ct = default) =>
        ChangeAsync(ids, async (db, tasks) =>
        {
            if (!Enum.IsDefined(status)) return Result.Invalid("status", "Pick a status.");
            var now = clock.GetUtcNow().UtcDateTime;
            var end = await TaskRules.EndOfColumnAsync(db, status, ct);
            foreach (var task in tasks.OrderBy(t => t.StatusOrder).ThenBy(t => t.BoardPosition))
            {
                if (task.Status != status) task.BoardPosition = end++;
                TaskRules.SetStatus(task, status, now);
            }
            return null;
        }, null, ct);

    public Task<Result<TaskBulkResult>> SetPriorityAsync(IReadOnlyCollection<Guid> ids, TaskPriority priority, CancellationToken ct = default) =>
        ChangeAsync(ids, (_, tasks) =>
        {
            if (!Enum.IsDefined(priority)) return Task.FromResult<Result?>(Result.Invalid("priority", "Pick a priority."));
            foreach (var task in tasks) task.Priority = priority;
            return Task.FromResult<Result?>(null);
        }, null, ct);

    public Task<Result<TaskBulkResult>> AddTagAsync(IReadOnlyCollection<Guid> ids, string tag, CancellationToken ct = default) =>
        ChangeAsync(ids, (_, tasks) =>
        {
            var check = new CrmInputCheck();
            var normalised = check.Tags("tag", [tag ?? ""]);
            if (normalised.Count == 0) check.Add("tag", "Type a tag.");
            if (check.Failed) return Task.FromResult<Result?>(check.Invalid());
            foreach (var task in tasks.Where(t => !t.Tags.Contains(normalised[0])))
            {
                if (task.Tags.Count >= CrmInputCheck.MaxTags) continue;
                task.Tags = [.. task.Tags, normalised[0]];
            }
            return Task.FromResult<Result?>(null);
        }, null, ct);

    public async Task<Result<TaskBulkResult>> DeleteAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result<TaskBulkResult>.From(Result.Forbidden("You can't delete tasks in this workspace."));
        var removed = new List<WorkTask>();
        return await ChangeAsync(ids, (db, tasks) =>
        {
            db.Tasks.RemoveRange(tasks);
            removed.AddRange(tasks);
            return Task.FromResult<Result?>(null);
        }, _ =>
        {
            foreach (var task in removed) files.DeleteTask(task.WorkspaceId, task.Id);
            return Task.CompletedTask;
        }, ct);
    }

    private async Task<Result<TaskBulkResult>> ChangeAsync(IReadOnlyCollection<Guid> ids, Func<GalaxyDbContext, List<WorkTask>, Task<Result?>> change,
        Func<GalaxyDbContext, Task>? afterCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (!member.Can(Permissions.RecordsWrite)) return Result<TaskBulkResult>.From(Result.Forbidden("You can't edit tasks in this workspace."));
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return Result<TaskBulkResult>.From(Result.Invalid("ids", "Select at least one task."));
        if (wanted.Count > MaxIds) return Result<TaskBulkResult>.From(Result.Invalid("ids", $"Select at most {MaxIds} tasks at once."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var tasks = await db.Tasks.Where(t => wanted.Contains(t.Id)).ToListAsync(ct);
        var missing = wanted.Except(tasks.Select(t => t.Id)).ToList();
        if (await change(db, tasks) is { } invalid) return Result<TaskBulkResult>.From(invalid);
        var changed = db.ChangeTracker.Entries<WorkTask>().Count(e => e.State is EntityState.Modified or EntityState.Deleted);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<TaskBulkResult>.From(Result.Conflict("Some of these tasks changed or were deleted in the meantime. Reload and try again."));
        }
        if (afterCommit is not null) await afterCommit(db);
        return new TaskBulkResult(changed, missing);
    }
}
