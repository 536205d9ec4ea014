using GalaxyCo.Data;
using GalaxyCo.Domain.Search;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>Checks a CRM record shares with the rest of the area: references that must stay inside the workspace.</summary>
internal static class CrmRecords
{
    /// <summary>
    /// assigned_to references users, which belong to no workspace: the foreign key alone would accept anyone.
    /// Only an active member of this workspace may own a record.
    /// </summary>
    public static async Task CheckAssigneeAsync(GalaxyDbContext db, Guid? userId, CrmInputCheck check, CancellationToken ct)
    {
        if (userId is null) return;
        if (!await db.WorkspaceMembers.AnyAsync(m => m.UserId == userId && m.IsActive, ct))
            check.Add("assignedTo", "Pick someone who is a member of this workspace.");
    }

    /// <summary>
    /// A customer id must name a customer of this workspace: foreign-key checks ignore row-level security, so the
    /// database alone would accept another workspace's customer. The tenant filter makes theirs invisible here.
    /// </summary>
    public static async Task CheckCustomerAsync(GalaxyDbContext db, Guid? customerId, CrmInputCheck check, CancellationToken ct)
    {
        if (customerId is null) return;
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            check.Add("customerId", "Pick a customer from this workspace; that one does not exist here.");
    }

    /// <summary>
    /// Serialises writes of one contact email within the workspace until the transaction ends, so two people adding
    /// the same address at once cannot both pass the uniqueness check.
    /// </summary>
    public static Task LockContactEmailAsync(GalaxyDbContext db, Guid workspaceId, string email, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"select pg_advisory_xact_lock(hashtextextended({"contact-email:" + workspaceId + ":" + email.ToLowerInvariant()}, 0))", ct);

    /// <summary>Another contact of this workspace with the same email, compared case-insensitively.</summary>
    public static Task<bool> ContactEmailTakenAsync(GalaxyDbContext db, string email, Guid? exceptId, CancellationToken ct)
    {
        var pattern = LikePattern.Literal(email);
        return db.Contacts.AnyAsync(c => EF.Functions.ILike(c.Email, pattern, LikePattern.Escape) && c.Id != exceptId, ct);
    }
}
