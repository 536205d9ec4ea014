using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Work.Reminders;

/// <summary>
/// Every few minutes: tells the assignee of each open task due within <see cref="TaskDueSoonOptions.Window"/> that it
/// is due soon, once per due date (tasks.due_reminder_sent_for remembers which; a new due date earns a new notice).
/// The mark is a conditional UPDATE in the transaction that writes the notification, so two app nodes running the job
/// at once notify once: the second waits on the row lock, then finds the mark set and updates nothing. A background
/// job has no request, so it enters each workspace explicitly (RLS needs the tenant).
/// </summary>
public sealed class TaskDueSoonJob(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, TimeProvider clock, NotificationSender notifications,
    IOptions<TaskDueSoonOptions> options, ILogger<TaskDueSoonJob> logger)
{
    public const string RecurringJobId = "task-due-soon";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Value.Window;
        tenant.Actor = new AuditActor("system:task-due-soon");
        List<(Guid Id, string Slug)> workspaces;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            workspaces = (await db.Workspaces.Where(w => w.IsActive).Select(w => new { w.Id, w.Slug }).ToListAsync(ct))
                .Select(w => (w.Id, w.Slug)).ToList();
        }
        var sent = 0;
        foreach (var (workspaceId, slug) in workspaces)
        {
            sent += await RunForWorkspaceAsync(workspaceId, slug, now, until, ct);
        }
        if (sent > 0) logger.LogInformation("Due-soon notices sent for {Count} tasks", sent);
        return sent;
    }

    private async Task<int> RunForWorkspaceAsync(Guid workspaceId, string slug, DateTime now, DateTime until, CancellationToken ct)
    {
        using var _ = tenant.Enter(workspaceId);
        await using var db = await factory.CreateDbContextAsync(ct);
        // Leakproof filters only (uuid, bool, timestamp), so the (workspace_id, is_open, due_date) index serves it under RLS.
        var due = await db.Tasks.AsNoTracking()
            .Where(t => t.WorkspaceId == workspaceId && t.IsOpen && t.DueDate >= now && t.DueDate <= until && t.AssignedTo != null
                && (t.DueReminderSentFor == null || t.DueReminderSentFor != t.DueDate))
            .Select(t => new { t.Id, t.Title, t.AssignedTo, t.DueDate })
            .ToListAsync(ct);
        if (due.Count == 0) return 0;

        var messages = new List<NotificationMessage>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var task in due)
            {
                // Marks only if nobody did meanwhile and the task is still what we read (open, same assignee and date).
                var marked = await db.Tasks
                    .Where(t => t.Id == task.Id && t.IsOpen && t.AssignedTo == task.AssignedTo && t.DueDate == task.DueDate
                        && (t.DueReminderSentFor == null || t.DueReminderSentFor != t.DueDate))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.DueReminderSentFor, t => t.DueDate), ct);
                if (marked == 0) continue;
                messages.Add(Message(slug, task.Id, task.Title, task.AssignedTo!.Value, task.DueDate!.Value, now));
            }
            await NotificationSender.AddAsync(db, messages, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await notifications.MailAsync(db, messages, options.Value.BaseUrl, ct);
        return messages.Count;
    }

    internal static NotificationMessage Message(string slug, Guid taskId, string title, Guid assignee, DateTime due, DateTime now)
    {
        var left = due - now;
        var when = left < TimeSpan.FromMinutes(1) ? "now"
            : left < TimeSpan.FromHours(1) ? $"in {Math.Max(1, (int)Math.Round(left.TotalMinutes))} minutes"
            : left < TimeSpan.FromHours(1.5) ? "in about an hour"
            : $"in about {(int)Math.Round(left.TotalHours)} hours";
        return new NotificationMessage(
            assignee,
            NotificationType.Reminder,
            $"Due soon: {title}",
            $"“{title}” is due {when} ({due.ToString("ddd d MMM, HH:mm 'UTC'", CultureInfo.InvariantCulture)}).",
            $"/w/{slug}/work/tasks/{taskId}",
            "Open task",
            new Dictionary<string, string>
            {
                ["task_id"] = taskId.ToString(),
                ["due_date"] = due.ToString("O", CultureInfo.InvariantCulture),
            },
            NotificationCategories.Reminder);
    }
}
