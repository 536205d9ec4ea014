using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>
/// @mentions in a task's description (tasks have no comments yet): people mentioned by this save and not before are
/// told in the caller's transaction (call just before SaveChanges). Mentioning yourself tells nobody.
/// </summary>
internal static class TaskMentionNotices
{
    /// <summary>Adds the notices to <paramref name="db"/> and returns them, for mail after the commit.</summary>
    public static async Task<IReadOnlyList<NotificationMessage>> AddAsync(GalaxyDbContext db, CurrentMember member, WorkTask task, string? descriptionBefore, CancellationToken ct)
    {
        var text = task.Description;
        if (string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal) || text == descriptionBefore) return [];
        var members = await db.WorkspaceMembers.AsNoTracking().Where(m => m.IsActive)
            .Select(m => new MentionCandidate(m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email ?? "")).ToListAsync(ct);
        var before = MentionParser.Parse(descriptionBefore ?? "", members);
        var added = MentionParser.Parse(text, members).Except(before).Where(id => id != member.UserId).ToList();
        if (added.Count == 0) return [];
        var me = members.FirstOrDefault(m => m.UserId == member.UserId);
        var who = me is null ? "Someone" : MemberService.DisplayName(me.FirstName, me.LastName, me.Email);
        var excerpt = text.Length > 200 ? text[..200] + "…" : text;
        var messages = added.Select(id => new NotificationMessage(id, NotificationType.Mention, $"{who} mentioned you on {task.Title}", excerpt,
            $"/w/{member.WorkspaceSlug}/work/tasks/{task.Id}", "Open task",
            new Dictionary<string, string> { ["taskId"] = task.Id.ToString() }, NotificationCategories.Mention)).ToList();
        await NotificationSender.AddAsync(db, messages, ct);
        return messages;
    }
}
