using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>
/// Tasks of the current workspace: read, create, edit, delete. Lists are <see cref="TaskListService"/>, "My tasks" is
/// <see cref="MyTasksService"/>, bulk actions are <see cref="TaskBulkService"/>. Every write keeps completed_at true to
/// the status, puts a task whose status changes at the end of its new board column, and notifies a new assignee
/// (<see cref="TaskAssignmentNotices"/>) in the same transaction.
/// </summary>
public sealed class TaskService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock, NotificationSender notifications, Attachments.AttachmentFileStore files)
{
    internal const string ConflictMessage = "Someone else changed this task in the meantime. Reload to see their change, then try again.";

    /// <summary>
    /// The app's address (NavigationManager.BaseUri), for links in assignment mail. Pages set it; without it the
    /// in-app notification is still written but no mail is sent.
    /// </summary>
    public string? MailBaseUrl { get; set; }

    public async Task<Result<TaskView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<TaskView>.From(Result.Forbidden("You can't see tasks in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = (await TaskRules.ViewsAsync(db, db.Tasks.AsNoTracking().Where(t => t.Id == id), ct)).FirstOrDefault();
        return view is null ? Result<TaskView>.From(Result.NotFound("Task")) : view;
    }

    /// <summary>Creates a task at the end of its status column; a task created done is completed now.</summary>
    public async Task<Result<TaskView>> CreateAsync(TaskInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!member.Can(Permissions.RecordsWrite)) return Result<TaskView>.From(Result.Forbidden("You can't add tasks in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var task = new WorkTask { CreatedBy = member.UserId };
        if (await TaskRules.ApplyAsync(db, task, input, ct) is { } invalid) return Result<TaskView>.From(invalid);
        TaskRules.SetStatus(task, input.Status, clock.GetUtcNow().UtcDateTime);
        task.BoardPosition = await TaskRules.EndOfColumnAsync(db, task.Status, ct);
        db.Tasks.Add(task);
        var notices = new TaskAssignmentNotices(db, member.UserId, member.WorkspaceSlug);
        notices.Collect(task, before: null);
        await notices.AddAsync(ct);
        var mentions = await TaskMentionNotices.AddAsync(db, member, task, null, ct);
        await db.SaveChangesAsync(ct);
        await notices.MailAsync(notifications, MailBaseUrl, ct);
        await MailMentionsAsync(db, mentions, ct);
        return await ViewOfAsync(db, task.Id, ct);
    }

    /// <summary>
    /// Saves an edit made on the copy read at <paramref name="version"/>; a stale copy answers Conflict and changes
    /// nothing. For an inline edit of one field, start from <see cref="TaskInput.From"/> of the task shown.
    /// </summary>
    public async Task<Result<TaskView>> UpdateAsync(Guid id, TaskInput input, uint version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!member.Can(Permissions.RecordsWrite)) return Result<TaskView>.From(Result.Forbidden("You can't edit tasks in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Result<TaskView>.From(Result.NotFound("Task"));
        db.Entry(task).Property(t => t.Version).OriginalValue = version;
        var assignedBefore = task.AssignedTo;
        var descriptionBefore = task.Description;
        if (await TaskRules.ApplyAsync(db, task, input, ct) is { } invalid) return Result<TaskView>.From(invalid);
        if (task.Status != input.Status) task.BoardPosition = await TaskRules.EndOfColumnAsync(db, input.Status, ct);
        TaskRules.SetStatus(task, input.Status, clock.GetUtcNow().UtcDateTime);

        // Assignment changes are detected here: a new assignee (not the person editing) is told in this transaction.
        var notices = new TaskAssignmentNotices(db, member.UserId, member.WorkspaceSlug);
        notices.Collect(task, assignedBefore);
        await notices.AddAsync(ct);
        var mentions = await TaskMentionNotices.AddAsync(db, member, task, descriptionBefore, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<TaskView>.From(Result.Conflict(ConflictMessage));
        }
        await notices.MailAsync(notifications, MailBaseUrl, ct);
        await MailMentionsAsync(db, mentions, ct);
        return await ViewOfAsync(db, task.Id, ct);
    }

    /// <summary>Marks the task done (completed now) or opens it again (todo, completed_at cleared).</summary>
    public async Task<Result<TaskView>> SetCompletedAsync(Guid id, bool completed, uint version, CancellationToken ct = default)
    {
        var current = await GetAsync(id, ct);
        if (current is not { Succeeded: true, Value: { } task }) return current;
        var status = completed ? WorkTaskStatus.Done : task.Status == WorkTaskStatus.Done ? WorkTaskStatus.Todo : task.Status;
        return await UpdateAsync(id, TaskInput.From(task) with { Status = status }, version, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't delete tasks in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Result.NotFound("Task");
        db.Tasks.Remove(task);
        await db.SaveChangesAsync(ct);
        files.DeleteTask(task.WorkspaceId, task.Id);
        return Result.Ok();
    }

    /// <summary>What quick add needs to parse as the person types: now, their time zone and the members to @mention.</summary>
    public async Task<QuickAddContext> QuickAddContextAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var zone = await PersonTimeZone.ResolveAsync(db, member.UserId, ct);
        var members = await db.WorkspaceMembers.AsNoTracking().Where(m => m.IsActive)
            .Select(m => new { m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email })
            .ToListAsync(ct);
        return new QuickAddContext(clock.GetUtcNow(), zone,
            members.Select(m => new QuickAddMember(m.UserId, $"{m.FirstName} {m.LastName}".Trim() is { Length: > 0 } n ? n : m.Email ?? "", m.FirstName, m.Email ?? "")).ToList());
    }

    /// <summary>Parses <paramref name="text"/> and creates the task it describes; a parse error returns Invalid with the field.</summary>
    public async Task<Result<TaskView>> QuickAddAsync(string text, Guid? projectId = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<TaskView>.From(Result.Forbidden("You can't add tasks in this workspace."));
        var parsed = QuickAddParser.Parse(text, await QuickAddContextAsync(ct));
        if (!parsed.IsValid) return Result<TaskView>.From(Result.Invalid(parsed.Errors));
        return await CreateAsync(parsed.ToInput(projectId), ct);
    }

    private static async Task<Result<TaskView>> ViewOfAsync(GalaxyDbContext db, Guid id, CancellationToken ct)
    {
        var view = (await TaskRules.ViewsAsync(db, db.Tasks.AsNoTracking().Where(t => t.Id == id), ct)).FirstOrDefault();
        return view is null ? Result<TaskView>.From(Result.NotFound("Task")) : view;
    }

    private async Task MailMentionsAsync(GalaxyDbContext db, IReadOnlyList<NotificationMessage> mentions, CancellationToken ct)
    {
        if (mentions.Count > 0 && !string.IsNullOrWhiteSpace(MailBaseUrl)) await notifications.MailAsync(db, [.. mentions], MailBaseUrl, ct);
    }
}
