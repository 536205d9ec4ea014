using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Tells the new owner of a customer, contact or prospect that it is theirs, in the caller's transaction (call just
/// before SaveChanges, after validation passed). Every path that sets assigned_to passes here: create, edit, bulk
/// assign. Taking a record yourself or clearing the owner tells nobody; a bulk assign of many records is one notice.
/// </summary>
internal static class CrmAssignmentNotices
{
    public sealed record Change(CrmRecordType Type, Guid Id, string Name, Guid? Before, Guid? After);

    public static async Task AddAsync(GalaxyDbContext db, CurrentMember member, IReadOnlyCollection<Change> changes, CancellationToken ct)
    {
        var real = changes.Where(c => c.After is { } after && after != c.Before && after != member.UserId).ToList();
        if (real.Count == 0) return;
        var me = await db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => new { u.FirstName, u.LastName, u.Email }).FirstOrDefaultAsync(ct);
        var who = me is null ? "Someone" : MemberService.DisplayName(me.FirstName, me.LastName, me.Email);
        var messages = new List<NotificationMessage>();
        foreach (var group in real.GroupBy(c => c.After!.Value))
        {
            var items = group.DistinctBy(c => c.Id).ToList();
            if (items.Count <= 3)
            {
                messages.AddRange(items.Select(c => new NotificationMessage(group.Key, NotificationType.Assignment,
                    $"{who} assigned you a {Noun(c.Type)}", c.Name, $"/w/{member.WorkspaceSlug}/crm/{Route(c.Type)}/{c.Id}", $"Open {Noun(c.Type)}",
                    new Dictionary<string, string> { ["recordType"] = c.Type.ToString(), ["recordId"] = c.Id.ToString() }, NotificationCategories.Assignment)));
            }
            else
            {
                var type = items[0].Type;
                var noun = items.All(c => c.Type == type) ? Route(type) : "records";
                messages.Add(new NotificationMessage(group.Key, NotificationType.Assignment, $"{who} assigned you {items.Count} {noun}",
                    string.Join(", ", items.Take(3).Select(c => c.Name)) + $" and {items.Count - 3} more",
                    $"/w/{member.WorkspaceSlug}/crm/{Route(type)}", "Open list", Category: NotificationCategories.Assignment));
            }
        }
        await NotificationSender.AddAsync(db, messages, ct);
    }

    private static string Noun(CrmRecordType type) => type switch
    {
        CrmRecordType.Customer => "customer",
        CrmRecordType.Contact => "contact",
        _ => "prospect",
    };

    private static string Route(CrmRecordType type) => Noun(type) + "s";
}
