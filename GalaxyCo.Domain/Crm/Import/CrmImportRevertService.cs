using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>
/// Undoes a whole import in one transaction: deletes the records it created and puts back the fields it changed.
/// Work done since is kept: a created record that someone edited afterwards stays, and a changed field is restored
/// only while it still holds the imported value. Writes one audit entry for the whole revert.
/// </summary>
public sealed class CrmImportRevertService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, ITenantContext tenant)
{
    private const int Chunk = 2_000;

    public async Task<Result<CrmImportRevertSummary>> RevertAsync(Guid importId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite) || !member.Can(Permissions.RecordsDelete))
            return Result<CrmImportRevertSummary>.From(Result.Forbidden("You can't revert imports in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        db.SuppressAudit = true;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        var import = await db.CrmImports.FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null) return Result<CrmImportRevertSummary>.From(Result.NotFound("Import"));
        if (import.Status == CrmImportStatus.Running)
            return Result<CrmImportRevertSummary>.From(Result.Conflict("This import is still running; revert it when it has finished."));
        if (import.Status == CrmImportStatus.Reverted)
            return Result<CrmImportRevertSummary>.From(Result.Conflict("This import was already reverted."));

        var table = import.RecordType switch { CrmRecordType.Customer => "customers", CrmRecordType.Contact => "contacts", _ => "prospects" };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var createdIds = await db.CrmImportRows.Where(r => r.ImportId == importId && r.Action == CrmImportRowAction.Created).Select(r => r.RecordId).ToListAsync(ct);
        int deleted = 0, keptEdited = 0;
        // By id lists, so each statement walks the primary key (a join on the freshly written, unanalysed undo rows
        // can make the planner scan the whole table per row). A created record is untouched while updated_at
        // still equals created_at (the import wrote both alike).
        var delete = $"DELETE FROM {table} WHERE id = ANY({{0}}) AND updated_at = created_at";
        var remaining = $"SELECT count(*)::int AS \"Value\" FROM {table} WHERE id = ANY({{0}})";
        try
        {
            foreach (var chunk in createdIds.Chunk(5_000))
            {
                deleted += await db.Database.ExecuteSqlRawAsync(delete, [chunk], ct);
                keptEdited += await db.Database.SqlQueryRaw<int>(remaining, [chunk]).SingleAsync(ct);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return Result<CrmImportRevertSummary>.From(Result.Conflict(
                "Some imported records are now used elsewhere (an invoice points at an imported customer, say), so the import can't be reverted as a whole."));
        }

        int restored = 0, fieldsKept = 0;
        var updatedRows = await db.CrmImportRows.AsNoTracking().Where(r => r.ImportId == importId && r.Action == CrmImportRowAction.Updated)
            .Select(r => new { r.RecordId, r.Before }).ToListAsync(ct);
        foreach (var chunk in updatedRows.Chunk(Chunk))
        {
            var ids = chunk.Select(r => r.RecordId).ToList();
            var records = await LoadTrackedAsync(db, import.RecordType, ids, ct);
            foreach (var row in chunk)
            {
                if (!records.TryGetValue(row.RecordId, out var record)) continue;
                var changed = false;
                foreach (var (key, before) in row.Before)
                {
                    if (key.StartsWith(CrmImportWriter.ImportedPrefix, StringComparison.Ordinal)) continue;
                    var imported = row.Before.GetValueOrDefault(CrmImportWriter.ImportedPrefix + key);
                    if (CrmRecordValues.Get(record, key) != imported)
                    {
                        fieldsKept++;
                        continue;
                    }
                    CrmRecordValues.Set(record, key, before);
                    changed = true;
                    if (record is Prospect p && key == "stage")
                        p.Position = await ProspectBoardService.BottomPositionAsync(db, p.Stage, p.Id, ct);
                }
                if (changed) restored++;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result<CrmImportRevertSummary>.From(Result.Conflict("Someone changed some of these records while the import was being reverted. Try again."));
            }
            db.ChangeTracker.Clear();
        }

        import = await db.CrmImports.FirstAsync(i => i.Id == importId, ct);
        import.Status = CrmImportStatus.Reverted;
        import.RevertedAt = DateTime.UtcNow;
        var audit = CrmImportWriter.Summary(import, null, tenant, "revert");
        audit.Changes = new Dictionary<string, Data.Json.FieldChange>
        {
            ["deleted"] = new() { After = deleted.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["restored"] = new() { After = restored.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["kept_edited"] = new() { After = keptEdited.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        db.AuditLogs.Add(audit);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CrmImportRevertSummary(deleted, restored, keptEdited, fieldsKept);
    }

    private static async Task<Dictionary<Guid, EditableTenantEntity>> LoadTrackedAsync(GalaxyDbContext db, CrmRecordType type, List<Guid> ids, CancellationToken ct)
    {
        List<EditableTenantEntity> rows = type switch
        {
            CrmRecordType.Customer => [.. await db.Customers.Where(c => ids.Contains(c.Id)).ToListAsync(ct)],
            CrmRecordType.Contact => [.. await db.Contacts.Where(c => ids.Contains(c.Id)).ToListAsync(ct)],
            _ => [.. await db.Prospects.Where(p => ids.Contains(p.Id)).ToListAsync(ct)],
        };
        return rows.ToDictionary(r => r.Id);
    }
}
