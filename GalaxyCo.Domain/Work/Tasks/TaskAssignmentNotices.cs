using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>
/// The one place a change of assignee is noticed: every path that sets assigned_to (create, edit, bulk assign) passes
/// through <see cref="Collect"/>, which queues an in-app notification in the caller's transaction; the caller mails
/// them with <see cref="MailAsync"/> after its commit. Assigning yourself tells nobody.
/// </summary>
internal sealed class TaskAssignmentNotices(GalaxyDbContext db, Guid actorId, string workspaceSlug)
{
    private readonly List<(WorkTask Task, Guid Assignee)> changes = [];

    public List<NotificationMessage> Messages { get; } = [];

    /// <summary>Records that <paramref name="task"/> went from <paramref name="before"/> to its current assignee.</summary>
    public void Collect(WorkTask task, Guid? before)
    {
        if (task.AssignedTo is { } after && after != before && after != actorId) changes.Add((task, after));
    }

    /// <summary>Adds the notification rows to the context (call just before SaveChanges).</summary>
    public async Task AddAsync(CancellationToken ct)
    {
        if (changes.Count == 0) return;
        var actor = await db.Users.AsNoTracking().Where(u => u.Id == actorId)
            .Select(u => new { u.FirstName, u.LastName, u.Email }).FirstOrDefaultAsync(ct);
        var name = actor is null ? "Someone" : $"{actor.FirstName} {actor.LastName}".Trim() is { Length: > 0 } n ? n : actor.Email ?? "Someone";
        foreach (var group in changes.GroupBy(c => c.Assignee))
        {
            var tasks = group.Select(g => g.Task).DistinctBy(t => t.Id).ToList();
            if (tasks.Count <= 3)
            {
                Messages.AddRange(tasks.Select(t => new NotificationMessage(group.Key, NotificationType.Assignment, $"{name} assigned you a task", t.Title,
                    $"/w/{workspaceSlug}/work/tasks/{t.Id}", "Open task",
                    new Dictionary<string, string> { ["taskId"] = t.Id.ToString() }, NotificationCategories.Assignment)));
            }
            else
            {
                // A bulk assign of many tasks is one notice, not a flood.
                Messages.Add(new NotificationMessage(group.Key, NotificationType.Assignment, $"{name} assigned you {tasks.Count} tasks",
                    string.Join(", ", tasks.Take(3).Select(t => t.Title)) + $" and {tasks.Count - 3} more", $"/w/{workspaceSlug}/work/my", "Open my tasks", Category: NotificationCategories.Assignment));
            }
        }
        await NotificationSender.AddAsync(db, Messages, ct);
    }

    /// <summary>After the commit: mails those who want mail (only when SMTP is configured and the app's address is known).</summary>
    public async Task MailAsync(NotificationSender sender, string? baseUrl, CancellationToken ct)
    {
        if (Messages.Count == 0 || string.IsNullOrWhiteSpace(baseUrl)) return;
        await sender.MailAsync(db, Messages, baseUrl, ct);
    }
}
