using System.Text.Json;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>
/// The CSV import wizard's steps: read the file and guess the mapping, validate every row (nothing is written), start
/// the import in the background, and follow its progress and history. Reverting is <see cref="CrmImportRevertService"/>.
/// </summary>
public sealed class CrmImportService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TenantContext tenant, CrmImportRunner runner, TimeProvider clock)
{
    /// <summary>An import's summary keeps this many of its errors for the history page.</summary>
    public const int MaxStoredErrors = 100;

    /// <summary>A running import whose row has not moved for this long was cut off (the app stopped mid-import).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    public async Task<Result<CrmImportDraft>> ReadAsync(CrmRecordType type, string fileName, byte[] content, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<CrmImportDraft>.From(Result.Forbidden("You can't import records in this workspace."));
        if (!Enum.IsDefined(type)) return Result<CrmImportDraft>.From(Result.Invalid("recordType", "Choose what the file holds."));
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length == 0) name = "import.csv";
        if (name.Length > 255) name = name[^255..];
        var table = CsvImportReader.Read(content);
        if (!table.Succeeded) return Result<CrmImportDraft>.From(table);
        var fields = await FieldsAsync(type, ct);
        var guessed = CrmImportMappingGuesser.Guess(table.Value!.Headers, fields);
        return new CrmImportDraft(type, name, table.Value, fields, guessed);
    }

    /// <summary>
    /// Checks the mapping, then every row, and reports what would be imported and every error; writes nothing.
    /// <paramref name="mapping"/> goes from CSV header to field key; a missing or empty key means "don't import".
    /// </summary>
    public async Task<Result<CrmImportPlan>> ValidateAsync(CrmImportDraft draft, IReadOnlyDictionary<string, string?> mapping, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<CrmImportPlan>.From(Result.Forbidden("You can't import records in this workspace."));
        var byKey = draft.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (header, key) in mapping)
        {
            if (string.IsNullOrEmpty(key)) continue;
            if (!draft.Table.Headers.Contains(header)) return Result<CrmImportPlan>.From(Result.Invalid("mapping", $"The file has no column \"{header}\"."));
            if (!byKey.TryGetValue(key, out var field)) return Result<CrmImportPlan>.From(Result.Invalid("mapping", $"\"{key}\" is not a field you can import into."));
            if (chosen.FirstOrDefault(c => c.Value == key).Key is { } other)
                return Result<CrmImportPlan>.From(Result.Invalid("mapping", $"Both \"{other}\" and \"{header}\" go to {field.Label}; pick one."));
            chosen[header] = key;
        }
        var missing = draft.Fields.Where(f => f.Required && !chosen.ContainsValue(f.Key)
            && !(f.Key is "first_name" or "last_name" && chosen.ContainsValue("full_name"))).ToList();
        if (missing.Count > 0)
            return Result<CrmImportPlan>.From(Result.Invalid("mapping", $"Choose the column that holds {string.Join(" and ", missing.Select(f => f.Label))}: it is required."));
        if (chosen.Count == 0) return Result<CrmImportPlan>.From(Result.Invalid("mapping", "Map at least one column."));

        await using var db = await factory.CreateDbContextAsync(ct);
        var owners = await db.WorkspaceMembers.Where(m => m.IsActive && m.User!.Email != null)
            .Select(m => new { m.UserId, Email = m.User!.Email! }).ToListAsync(ct);
        var ownersByEmail = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var owner in owners) ownersByEmail.TryAdd(owner.Email.ToLowerInvariant(), owner.UserId);
        return new CrmImportValidator(draft.Fields, ownersByEmail).Validate(draft.RecordType, draft.FileName, draft.Table, chosen);
    }

    /// <summary>Records the import and starts writing its valid rows in the background; follow it with <see cref="GetAsync"/>.</summary>
    public async Task<Result<Guid>> StartAsync(CrmImportPlan plan, CrmImportMatchRule rule, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<Guid>.From(Result.Forbidden("You can't import records in this workspace."));
        if (!Enum.IsDefined(rule)) return Result<Guid>.From(Result.Invalid("matchRule", "Choose what happens to records that already exist."));
        if (plan.ValidRows.Count == 0) return Result<Guid>.From(Result.Invalid("file", "No row can be imported: fix the errors in the file and upload it again."));
        await using var db = await factory.CreateDbContextAsync(ct);
        // The import's own row is not audited on its own: the import writes one summary entry when it ends.
        db.SuppressAudit = true;
        var import = new CrmImport
        {
            RecordType = plan.RecordType,
            FileName = plan.FileName,
            Status = CrmImportStatus.Running,
            MatchRule = rule,
            Mapping = new Dictionary<string, string>(plan.Mapping),
            TotalRows = plan.ValidRows.Count,
            ErrorCount = plan.RowsWithErrors,
            CreatedBy = member.UserId,
        };
        db.CrmImports.Add(import);
        await db.SaveChangesAsync(ct);
        runner.Start(new CrmImportJob(import.Id, member.WorkspaceId, member.UserId, tenant.Actor, plan, rule));
        return import.Id;
    }

    public async Task<Result<CrmImportDetail>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<CrmImportDetail>.From(Result.Forbidden("You can't see imports in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var import = await db.CrmImports.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (import is null) return Result<CrmImportDetail>.From(Result.NotFound("Import"));
        await MarkIfCutOffAsync(db, import, ct);
        var name = await NameOfAsync(db, import.CreatedBy, ct);
        var errorsJson = await db.AuditLogs.Where(a => a.ResourceType == "crm_import" && a.ResourceId == id.ToString() && a.Action == "import")
            .OrderByDescending(a => a.CreatedAt).Select(a => a.Metadata).FirstOrDefaultAsync(ct);
        IReadOnlyList<CrmImportError> errors = errorsJson?.TryGetValue("errors", out var json) == true
            ? JsonSerializer.Deserialize<List<CrmImportError>>(json, JsonSerializerOptions.Web) ?? []
            : [];
        return new CrmImportDetail(CrmImportView.From(import, name), errors);
    }

    /// <summary>The workspace's most recent imports, newest first.</summary>
    public async Task<Result<IReadOnlyList<CrmImportView>>> ListAsync(int take = 50, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<CrmImportView>>.From(Result.Forbidden("You can't see imports in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var imports = await db.CrmImports.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        foreach (var import in imports) await MarkIfCutOffAsync(db, import, ct);
        var userIds = imports.Select(i => i.CreatedBy).OfType<Guid>().Distinct().ToList();
        var names = await db.WorkspaceMembers.Where(m => userIds.Contains(m.UserId))
            .Select(m => new { m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email }).ToListAsync(ct);
        return imports.Select(i => CrmImportView.From(i, names.FirstOrDefault(n => n.UserId == i.CreatedBy) is { } n ? Display(n.FirstName, n.LastName, n.Email) : null)).ToList();
    }

    /// <summary>The fields a file of <paramref name="type"/> can be mapped to, custom fields included.</summary>
    public async Task<IReadOnlyList<CrmImportField>> FieldsAsync(CrmRecordType type, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var custom = await db.CrmCustomFields.AsNoTracking().Where(f => f.RecordType == type).ToListAsync(ct);
        return CrmImportFields.For(type, custom);
    }

    private async Task MarkIfCutOffAsync(GalaxyDbContext db, CrmImport import, CancellationToken ct)
    {
        if (import.Status != CrmImportStatus.Running || import.UpdatedAt > clock.GetUtcNow().UtcDateTime - StaleAfter) return;
        if (!runner.WhenFinishedAsync(import.Id).IsCompleted) return;
        import.Status = CrmImportStatus.Failed;
        import.FailureReason = "The import was cut off (the app restarted while it ran). The rows imported so far can be reverted; then import the file again.";
        import.CompletedAt = clock.GetUtcNow().UtcDateTime;
        db.SuppressAudit = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(import).ReloadAsync(ct);
        }
    }

    private static async Task<string?> NameOfAsync(GalaxyDbContext db, Guid? userId, CancellationToken ct)
    {
        if (userId is null) return null;
        var user = await db.WorkspaceMembers.Where(m => m.UserId == userId).Select(m => new { m.User!.FirstName, m.User.LastName, m.User.Email }).FirstOrDefaultAsync(ct);
        return user is null ? null : Display(user.FirstName, user.LastName, user.Email);
    }

    private static string? Display(string? first, string? last, string? email) => $"{first} {last}".Trim() is { Length: > 0 } name ? name : email;
}
