using System.Text.Json;
using GalaxyCo.Data;
using GalaxyCo.Data.Audit;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>
/// Writes a validated import in batches, each in its own transaction with its undo rows and the progress counters,
/// so the progress bar moves and a failure leaves only whole batches behind (all revertable). Rows go in by binary
/// COPY into a temporary staging table (COPY FROM refuses tables with row-level security) and then one INSERT or
/// UPDATE ... FROM per batch, which RLS vets against app.workspace_id like any other write; the per-row triggers keep
/// crm_search_terms and NOTIFY the change feed. An update only lands when the record still has the version it was
/// read at, so an edit made by someone during the import is never overwritten (that row counts as skipped).
/// The per-row audit trail is off: the import writes one summary entry instead.
/// </summary>
internal sealed class CrmImportWriter(IDbContextFactory<GalaxyDbContext> factory, ITenantContext tenant)
{
    public const int BatchSize = 2_000;

    /// <summary>Keys in <see cref="CrmImportRow.Before"/> with this prefix hold the value the import wrote, so a revert can tell an untouched field from one edited since.</summary>
    public const string ImportedPrefix = "imported:";

    private sealed record Column(string Name, NpgsqlDbType Type, Func<TenantEntity, object?> Value, bool Updatable = true);

    public async Task RunAsync(Guid importId, CrmImportPlan plan, CrmImportMatchRule rule, CancellationToken ct)
    {
        var workspaceId = tenant.WorkspaceId ?? throw new InvalidOperationException("An import runs inside a workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        db.SuppressAudit = true;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var (table, columns) = Schema(plan.RecordType);
        var stage = "crm_import_stage_" + table;
        await ExecuteAsync(connection, null, $"""
            CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table} INCLUDING DEFAULTS INCLUDING GENERATED, import_action text, import_version text, import_before jsonb)
            ON COMMIT DELETE ROWS
            """, ct);

        var byEmail = await EmailIndexAsync(db, plan.RecordType, ct);
        var bottoms = plan.RecordType == CrmRecordType.Prospect
            ? await db.Prospects.GroupBy(p => p.Stage).Select(g => new { g.Key, Max = g.Max(p => p.Position) }).ToDictionaryAsync(g => g.Key, g => g.Max, ct)
            : [];
        int processed = 0, created = 0, updated = 0, skipped = 0;
        var columnList = string.Join(", ", columns.Select(c => c.Name));
        var setList = string.Join(", ", columns.Where(c => c.Updatable).Select(c => $"{c.Name} = s.{c.Name}"));

        foreach (var batch in plan.ValidRows.Chunk(BatchSize))
        {
            var now = DateTime.UtcNow;
            var matches = batch.Select(r => r.Values.TryGetValue("email", out var e) && byEmail.TryGetValue(e.ToLowerInvariant(), out var id) ? id : (Guid?)null).ToArray();
            var existing = await LoadAsync(db, plan.RecordType, matches.OfType<Guid>().Distinct().ToList(), ct);
            var creates = new List<TenantEntity>();
            var updates = new List<(EditableTenantEntity Record, Dictionary<string, string?> Before)>();
            var batchSkipped = 0;
            for (var i = 0; i < batch.Length; i++)
            {
                var row = batch[i];
                if (matches[i] is { } matchId && existing.TryGetValue(matchId, out var record))
                {
                    var before = rule == CrmImportMatchRule.Skip ? [] : Apply(record, row, rule, bottoms);
                    if (before.Count == 0) batchSkipped++;
                    else
                    {
                        record.UpdatedAt = now;
                        updates.Add((record, before));
                    }
                    continue;
                }
                var fresh = New(plan.RecordType, workspaceId, now);
                foreach (var (key, value) in row.Values) CrmRecordValues.Set(fresh, key, value);
                if (fresh is Prospect p) p.Position = bottoms[p.Stage] = bottoms.GetValueOrDefault(p.Stage) + ProspectBoardService.Step;
                creates.Add(fresh);
                if (CrmRecordValues.MatchKey(fresh) is { } key2) byEmail.TryAdd(key2, fresh.Id);
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var writer = await connection.BeginBinaryImportAsync(
                $"COPY {stage} ({columnList}, import_action, import_version, import_before) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var record in creates) await WriteRowAsync(writer, columns, record, "Created", null, null, ct);
                foreach (var (record, before) in updates)
                    await WriteRowAsync(writer, columns, record, "Updated", record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(before), ct);
                await writer.CompleteAsync(ct);
            }
            var inserted = await ExecuteAsync(connection, transaction,
                $"INSERT INTO {table} ({columnList}) SELECT {columnList} FROM {stage} WHERE import_action = 'Created'", ct);
            if (inserted != creates.Count) throw new InvalidOperationException($"Staged {creates.Count} new rows but inserted {inserted}.");
            await ExecuteAsync(connection, transaction, """
                INSERT INTO crm_import_rows (id, workspace_id, import_id, record_id, action, before, created_at)
                SELECT gen_random_uuid(), s.workspace_id, @import, s.id, 'Created', '{}'::jsonb, now() FROM
                """ + $" {stage} s WHERE s.import_action = 'Created'", ct, ("import", importId));
            var applied = updates.Count == 0 ? 0 : await ExecuteAsync(connection, transaction, $"""
                WITH changed AS (
                    UPDATE {table} t SET {setList} FROM {stage} s
                    WHERE t.id = ANY(@ids) AND s.import_action = 'Updated' AND t.id = s.id AND t.xmin::text = s.import_version
                    RETURNING t.id)
                INSERT INTO crm_import_rows (id, workspace_id, import_id, record_id, action, before, created_at)
                SELECT gen_random_uuid(), s.workspace_id, @import, s.id, 'Updated', s.import_before, now() FROM {stage} s JOIN changed c ON c.id = s.id
                """, ct, ("import", importId), ("ids", updates.Select(u => u.Record.Id).ToArray()));
            processed += batch.Length;
            created += inserted;
            updated += applied;
            skipped += batchSkipped + (updates.Count - applied);
            await ExecuteAsync(connection, transaction, """
                UPDATE crm_imports SET processed_rows = @processed, created_count = @created, updated_count = @updated, skipped_count = @skipped, updated_at = now()
                WHERE id = @import
                """, ct, ("processed", processed), ("created", created), ("updated", updated), ("skipped", skipped), ("import", importId));
            await transaction.CommitAsync(ct);
        }

        var import = await db.CrmImports.FirstAsync(i => i.Id == importId, ct);
        import.Status = CrmImportStatus.Completed;
        import.CompletedAt = DateTime.UtcNow;
        db.AuditLogs.Add(Summary(import, plan, tenant, "import"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks an import failed after <paramref name="error"/>, keeping the counts of the batches that were committed (they can be reverted).</summary>
    public async Task FailAsync(Guid importId, CrmImportPlan plan, string reason)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        db.SuppressAudit = true;
        var import = await db.CrmImports.FirstOrDefaultAsync(i => i.Id == importId);
        if (import is null) return;
        import.Status = CrmImportStatus.Failed;
        import.FailureReason = reason.Length > 2000 ? reason[..2000] : reason;
        import.CompletedAt = DateTime.UtcNow;
        db.AuditLogs.Add(Summary(import, plan, tenant, "import"));
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The one audit entry of an import: counts in the changes, the file, and the first errors in the metadata.</summary>
    internal static AuditLog Summary(CrmImport import, CrmImportPlan? plan, ITenantContext tenant, string action)
    {
        var metadata = new Dictionary<string, string>
        {
            ["file"] = import.FileName,
            ["record_type"] = import.RecordType.ToString(),
            ["match_rule"] = import.MatchRule.ToString(),
            ["status"] = import.Status.ToString(),
        };
        if (plan is not null && plan.Errors.Count > 0)
            metadata["errors"] = JsonSerializer.Serialize(plan.Errors.Take(CrmImportService.MaxStoredErrors).ToList(), JsonSerializerOptions.Web);
        if (import.FailureReason is { } failure) metadata["failure"] = failure;
        static FieldChange Count(int n) => new() { After = n.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return new AuditLog
        {
            WorkspaceId = import.WorkspaceId,
            UserId = tenant.UserId,
            UserEmail = tenant.Actor.Email,
            IpAddress = tenant.Actor.IpAddress,
            UserAgent = tenant.Actor.UserAgent,
            Action = action,
            ResourceType = "crm_import",
            ResourceId = import.Id.ToString(),
            Changes = new Dictionary<string, FieldChange>
            {
                ["created"] = Count(import.CreatedCount),
                ["updated"] = Count(import.UpdatedCount),
                ["skipped"] = Count(import.SkippedCount),
                ["errors"] = Count(import.ErrorCount),
            },
            Metadata = metadata,
            CreatedAt = DateTime.UtcNow,
        };
    }

    /// <summary>Applies a matched row by the rule; returns the changed fields with their earlier values (and the imported ones), empty when nothing changes.</summary>
    private static Dictionary<string, string?> Apply(TenantEntity record, CrmImportPlannedRow row, CrmImportMatchRule rule, Dictionary<ProspectStage, double> bottoms)
    {
        var before = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in row.Values)
        {
            if (key == "email") continue;
            var current = CrmRecordValues.Get(record, key);
            if (rule == CrmImportMatchRule.FillEmpty && current is not null) continue;
            if (current == value) continue;
            before[key] = current;
            before[ImportedPrefix + key] = value;
            CrmRecordValues.Set(record, key, value);
        }
        if (record is Prospect p && before.ContainsKey("stage"))
            p.Position = bottoms[p.Stage] = bottoms.GetValueOrDefault(p.Stage) + ProspectBoardService.Step;
        return before;
    }

    private static TenantEntity New(CrmRecordType type, Guid workspaceId, DateTime now) => type switch
    {
        CrmRecordType.Customer => new Customer { WorkspaceId = workspaceId, CreatedAt = now, UpdatedAt = now },
        CrmRecordType.Contact => new Contact { WorkspaceId = workspaceId, CreatedAt = now, UpdatedAt = now },
        _ => new Prospect { WorkspaceId = workspaceId, CreatedAt = now, UpdatedAt = now },
    };

    /// <summary>Lower-cased email to record id (the oldest record wins when several share one), read once per import.</summary>
    private static async Task<Dictionary<string, Guid>> EmailIndexAsync(GalaxyDbContext db, CrmRecordType type, CancellationToken ct)
    {
        var rows = type switch
        {
            CrmRecordType.Customer => await db.Customers.Where(c => c.Email != null).OrderBy(c => c.CreatedAt).Select(c => new { c.Id, Email = c.Email! }).ToListAsync(ct),
            CrmRecordType.Contact => await db.Contacts.OrderBy(c => c.CreatedAt).Select(c => new { c.Id, c.Email }).ToListAsync(ct),
            _ => await db.Prospects.Where(p => p.Email != null).OrderBy(p => p.CreatedAt).Select(p => new { p.Id, Email = p.Email! }).ToListAsync(ct),
        };
        var index = new Dictionary<string, Guid>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows) index.TryAdd(row.Email.Trim().ToLowerInvariant(), row.Id);
        return index;
    }

    private static async Task<Dictionary<Guid, EditableTenantEntity>> LoadAsync(GalaxyDbContext db, CrmRecordType type, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        List<EditableTenantEntity> rows = type switch
        {
            CrmRecordType.Customer => [.. await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct)],
            CrmRecordType.Contact => [.. await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct)],
            _ => [.. await db.Prospects.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct)],
        };
        return rows.ToDictionary(r => r.Id);
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter writer, IReadOnlyList<Column> columns, TenantEntity record, string action, string? version, string? before, CancellationToken ct)
    {
        await writer.StartRowAsync(ct);
        foreach (var column in columns)
        {
            if (column.Value(record) is { } value) await writer.WriteAsync(value, column.Type, ct);
            else await writer.WriteNullAsync(ct);
        }
        await writer.WriteAsync(action, NpgsqlDbType.Text, ct);
        if (version is null) await writer.WriteNullAsync(ct);
        else await writer.WriteAsync(version, NpgsqlDbType.Text, ct);
        if (before is null) await writer.WriteNullAsync(ct);
        else await writer.WriteAsync(before, NpgsqlDbType.Jsonb, ct);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        // Table names come from Schema(); every value travels as a parameter.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 300 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static string Label(Enum value) => value.ToString().ToLowerInvariant();

    private static (string Table, IReadOnlyList<Column> Columns) Schema(CrmRecordType type) => type switch
    {
        CrmRecordType.Customer => ("customers", CustomerColumns),
        CrmRecordType.Contact => ("contacts", ContactColumns),
        _ => ("prospects", ProspectColumns),
    };

    private static readonly Column[] CustomerColumns =
    [
        new("id", NpgsqlDbType.Uuid, r => r.Id, false),
        new("workspace_id", NpgsqlDbType.Uuid, r => r.WorkspaceId, false),
        new("name", NpgsqlDbType.Text, r => ((Customer)r).Name),
        new("email", NpgsqlDbType.Text, r => ((Customer)r).Email),
        new("phone", NpgsqlDbType.Text, r => ((Customer)r).Phone),
        new("company", NpgsqlDbType.Text, r => ((Customer)r).Company),
        new("website", NpgsqlDbType.Text, r => ((Customer)r).Website),
        new("address", NpgsqlDbType.Jsonb, r => JsonbConversion.Serialize(((Customer)r).Address)),
        new("status", NpgsqlDbType.Unknown, r => Label(((Customer)r).Status)),
        new("industry", NpgsqlDbType.Text, r => ((Customer)r).Industry),
        new("size", NpgsqlDbType.Text, r => ((Customer)r).Size),
        new("revenue", NpgsqlDbType.Bigint, r => ((Customer)r).Revenue),
        new("assigned_to", NpgsqlDbType.Uuid, r => ((Customer)r).AssignedTo),
        new("tags", NpgsqlDbType.Array | NpgsqlDbType.Text, r => ((Customer)r).Tags),
        new("custom_fields", NpgsqlDbType.Jsonb, r => JsonbConversion.Serialize(((Customer)r).CustomFields)),
        new("notes", NpgsqlDbType.Text, r => ((Customer)r).Notes),
        new("created_at", NpgsqlDbType.TimestampTz, r => r.CreatedAt, false),
        new("updated_at", NpgsqlDbType.TimestampTz, r => ((Customer)r).UpdatedAt),
    ];

    private static readonly Column[] ContactColumns =
    [
        new("id", NpgsqlDbType.Uuid, r => r.Id, false),
        new("workspace_id", NpgsqlDbType.Uuid, r => r.WorkspaceId, false),
        new("first_name", NpgsqlDbType.Text, r => ((Contact)r).FirstName),
        new("last_name", NpgsqlDbType.Text, r => ((Contact)r).LastName),
        new("email", NpgsqlDbType.Text, r => ((Contact)r).Email),
        new("phone", NpgsqlDbType.Text, r => ((Contact)r).Phone),
        new("title", NpgsqlDbType.Text, r => ((Contact)r).Title),
        new("company", NpgsqlDbType.Text, r => ((Contact)r).Company),
        new("linkedin_url", NpgsqlDbType.Text, r => ((Contact)r).LinkedinUrl),
        new("twitter_url", NpgsqlDbType.Text, r => ((Contact)r).TwitterUrl),
        new("assigned_to", NpgsqlDbType.Uuid, r => ((Contact)r).AssignedTo),
        new("tags", NpgsqlDbType.Array | NpgsqlDbType.Text, r => ((Contact)r).Tags),
        new("notes", NpgsqlDbType.Text, r => ((Contact)r).Notes),
        new("custom_fields", NpgsqlDbType.Jsonb, r => JsonbConversion.Serialize(((Contact)r).CustomFields)),
        new("created_at", NpgsqlDbType.TimestampTz, r => r.CreatedAt, false),
        new("updated_at", NpgsqlDbType.TimestampTz, r => ((Contact)r).UpdatedAt),
    ];

    private static readonly Column[] ProspectColumns =
    [
        new("id", NpgsqlDbType.Uuid, r => r.Id, false),
        new("workspace_id", NpgsqlDbType.Uuid, r => r.WorkspaceId, false),
        new("name", NpgsqlDbType.Text, r => ((Prospect)r).Name),
        new("email", NpgsqlDbType.Text, r => ((Prospect)r).Email),
        new("phone", NpgsqlDbType.Text, r => ((Prospect)r).Phone),
        new("company", NpgsqlDbType.Text, r => ((Prospect)r).Company),
        new("title", NpgsqlDbType.Text, r => ((Prospect)r).Title),
        new("linkedin_url", NpgsqlDbType.Text, r => ((Prospect)r).LinkedinUrl),
        new("stage", NpgsqlDbType.Unknown, r => Label(((Prospect)r).Stage)),
        new("position", NpgsqlDbType.Double, r => ((Prospect)r).Position),
        new("score", NpgsqlDbType.Integer, r => ((Prospect)r).Score),
        new("estimated_value", NpgsqlDbType.Bigint, r => ((Prospect)r).EstimatedValue),
        new("assigned_to", NpgsqlDbType.Uuid, r => ((Prospect)r).AssignedTo),
        new("source", NpgsqlDbType.Text, r => ((Prospect)r).Source),
        new("next_follow_up_at", NpgsqlDbType.TimestampTz, r => ((Prospect)r).NextFollowUpAt),
        new("interaction_count", NpgsqlDbType.Integer, r => ((Prospect)r).InteractionCount, false),
        new("tags", NpgsqlDbType.Array | NpgsqlDbType.Text, r => ((Prospect)r).Tags),
        new("notes", NpgsqlDbType.Text, r => ((Prospect)r).Notes),
        new("custom_fields", NpgsqlDbType.Jsonb, r => JsonbConversion.Serialize(((Prospect)r).CustomFields)),
        new("converted_to_customer", NpgsqlDbType.Boolean, r => ((Prospect)r).ConvertedToCustomer, false),
        new("created_at", NpgsqlDbType.TimestampTz, r => r.CreatedAt, false),
        new("updated_at", NpgsqlDbType.TimestampTz, r => ((Prospect)r).UpdatedAt),
    ];
}
