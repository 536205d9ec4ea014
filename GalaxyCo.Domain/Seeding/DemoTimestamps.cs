using GalaxyCo.Data;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// SaveChanges stamps updated_at = now on every insert, which would make each demo record look edited a second ago.
/// After the insert (same transaction, same tenant) each row's updated_at is moved back to its last meaningful change:
/// creation, last contact, completion, payment, or the edit the audit history records.
/// </summary>
internal static class DemoTimestamps
{
    public static async Task BackdateAsync(GalaxyDbContext db, DemoData data, CancellationToken ct)
    {
        foreach (var table in EditableTenantTables(db))
        {
            // Table names come from the EF model, never from input.
            var sql = "UPDATE " + table + " SET updated_at = created_at WHERE workspace_id = {0}";
            await db.Database.ExecuteSqlRawAsync(sql, [data.WorkspaceId], ct);
        }
        await db.Database.ExecuteSqlRawAsync("UPDATE workspaces SET updated_at = created_at WHERE id = {0}", [data.WorkspaceId], ct);

        await db.Customers.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.LastContactedAt ?? x.CreatedAt), ct);
        await db.Contacts.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.LastContactedAt ?? x.CreatedAt), ct);
        await db.Prospects.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.LastContactedAt ?? x.CreatedAt), ct);
        await db.Tasks.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.CompletedAt ?? x.StartDate ?? x.CreatedAt), ct);
        await db.Invoices.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.PaidAt ?? x.IssueDate ?? x.CreatedAt), ct);
        await db.Agents.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.LastExecutedAt ?? x.CreatedAt), ct);
        await db.AgentSchedules.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.LastRunAt ?? x.CreatedAt), ct);
        await db.KnowledgeItems.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.ProcessedAt ?? x.CreatedAt), ct);
        await db.EmailThreads.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.LastMessageAt ?? x.CreatedAt), ct);
        await db.Webhooks.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.LastTriggeredAt ?? x.CreatedAt), ct);
        await db.WorkspaceMembers.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, x => x.JoinedAt ?? x.CreatedAt), ct);

        foreach (var (table, id, at) in data.Edits)
        {
            var sql = "UPDATE " + table + " SET updated_at = GREATEST(updated_at, {0}) WHERE id = {1}";
            await db.Database.ExecuteSqlRawAsync(sql, [at, id], ct);
        }
    }

    private static IEnumerable<string> EditableTenantTables(GalaxyDbContext db) =>
        db.Model.GetEntityTypes()
            .Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && typeof(IUpdatable).IsAssignableFrom(e.ClrType))
            .Select(e => e.GetTableName())
            .OfType<string>()
            .Distinct();
}
