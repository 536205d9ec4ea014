using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Crm.CustomFields;

/// <summary>
/// The custom fields admins define per record type (crm_custom_fields). Everyone who reads records reads the
/// definitions (forms, filters, export); only workspace admins add, edit, reorder or delete them. A field's key comes
/// from its label when it is created and never changes, nor does its type, so stored values keep their meaning.
/// Deleting a definition leaves the values in the records' custom_fields jsonb, hidden: defining a field with the
/// same key again brings them back, and no 100k-row rewrite runs on a click.
/// </summary>
public sealed class CrmCustomFieldService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const int MaxFieldsPerType = CrmInputCheck.MaxCustomFields;
    public const int MaxLabelLength = 100;
    public const int MaxKeyLength = 60;
    public const int MaxOptions = 100;
    public const int MaxOptionLength = 100;

    public async Task<Result<IReadOnlyList<CustomFieldDefinition>>> ListAsync(CrmRecordType recordType, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<CustomFieldDefinition>>.From(Result.Forbidden("You can't see this workspace's fields."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var fields = await db.CrmCustomFields.AsNoTracking().Where(f => f.RecordType == recordType)
            .OrderBy(f => f.Position).ThenBy(f => f.Label).ToListAsync(ct);
        return fields.Select(CustomFieldDefinition.From).ToList();
    }

    public async Task<Result<CustomFieldDefinition>> CreateAsync(CustomFieldInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<CustomFieldDefinition>.From(Result.Forbidden("Only admins and owners can add custom fields."));
        if (!Enum.IsDefined(input.RecordType)) return Result<CustomFieldDefinition>.From(Result.Invalid("recordType", "Pick customers, contacts or prospects."));
        var check = new CrmInputCheck();
        var label = check.Required("label", input.Label, MaxLabelLength, "Give the field a label.");
        if (!Enum.IsDefined(input.FieldType)) check.Add("fieldType", "Pick a type.");
        var options = Options(check, input);
        var key = DeriveKey(label);
        if (!check.Has("label") && key.Length == 0) check.Add("label", "Use at least one letter or digit in the label.");
        if (check.Failed) return Result<CustomFieldDefinition>.From(check.Invalid());

        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.CrmCustomFields.Where(f => f.RecordType == input.RecordType).Select(f => new { f.Key, f.Position }).ToListAsync(ct);
        if (existing.Count >= MaxFieldsPerType)
            return Result<CustomFieldDefinition>.From(Result.Invalid("label", $"A record type can have at most {MaxFieldsPerType} custom fields."));
        if (existing.Any(f => f.Key == key)) return Result<CustomFieldDefinition>.From(Taken(label, key));
        var field = new CrmCustomField
        {
            RecordType = input.RecordType,
            Key = key,
            Label = label,
            FieldType = input.FieldType,
            Options = options,
            Required = input.Required,
            Position = existing.Count == 0 ? 0 : existing.Max(f => f.Position) + 1,
        };
        db.CrmCustomFields.Add(field);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Result<CustomFieldDefinition>.From(Taken(label, key));
        }
        return CustomFieldDefinition.From(field);
    }

    /// <summary>Changes the label, choices and required flag. The key, type and record type stay as created.</summary>
    public async Task<Result<CustomFieldDefinition>> UpdateAsync(Guid id, CustomFieldInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<CustomFieldDefinition>.From(Result.Forbidden("Only admins and owners can edit custom fields."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var field = await db.CrmCustomFields.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return Result<CustomFieldDefinition>.From(Result.NotFound("Custom field"));
        var check = new CrmInputCheck();
        var label = check.Required("label", input.Label, MaxLabelLength, "Give the field a label.");
        if (input.FieldType != field.FieldType) check.Add("fieldType", "A field's type can't change once values may be stored; add a new field instead.");
        var options = Options(check, input with { FieldType = field.FieldType });
        if (check.Failed) return Result<CustomFieldDefinition>.From(check.Invalid());

        db.Entry(field).Property(f => f.Version).OriginalValue = version;
        field.Label = label;
        field.Options = options;
        field.Required = input.Required;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CustomFieldDefinition>.From(Result.Conflict("Someone else changed this field in the meantime. Reload to see their change, then try again."));
        }
        return CustomFieldDefinition.From(field);
    }

    /// <summary>Puts the fields of a record type in the given order; <paramref name="orderedIds"/> must name each of them once.</summary>
    public async Task<Result<IReadOnlyList<CustomFieldDefinition>>> ReorderAsync(CrmRecordType recordType, IReadOnlyList<Guid> orderedIds, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<IReadOnlyList<CustomFieldDefinition>>.From(Result.Forbidden("Only admins and owners can reorder custom fields."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var fields = await db.CrmCustomFields.Where(f => f.RecordType == recordType).ToListAsync(ct);
        if (orderedIds.Count != fields.Count || orderedIds.Distinct().Count() != fields.Count || fields.Any(f => !orderedIds.Contains(f.Id)))
            return Result<IReadOnlyList<CustomFieldDefinition>>.From(Result.Conflict("The fields changed in the meantime. Reload, then reorder again."));
        for (var i = 0; i < orderedIds.Count; i++) fields.First(f => f.Id == orderedIds[i]).Position = i;
        await db.SaveChangesAsync(ct);
        return fields.OrderBy(f => f.Position).Select(CustomFieldDefinition.From).ToList();
    }

    /// <summary>Removes the definition; the records keep their values, hidden (see the class summary).</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result.Forbidden("Only admins and owners can delete custom fields.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var field = await db.CrmCustomFields.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return Result.NotFound("Custom field");
        db.CrmCustomFields.Remove(field);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The key a label gets: lower-case letters and digits joined by underscores ("Deal size (€)" is deal_size).</summary>
    public static string DeriveKey(string? label)
    {
        var key = new StringBuilder();
        var pendingUnderscore = false;
        foreach (var ch in (label ?? "").Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (pendingUnderscore && key.Length > 0) key.Append('_');
                key.Append(ch);
                pendingUnderscore = false;
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                pendingUnderscore = true;
            }
        }
        var result = key.ToString();
        return result.Length <= MaxKeyLength ? result : result[..MaxKeyLength].TrimEnd('_');
    }

    private static List<string> Options(CrmInputCheck check, CustomFieldInput input)
    {
        if (input.FieldType is not (CrmCustomFieldType.Select or CrmCustomFieldType.MultiSelect)) return [];
        var options = new List<string>();
        foreach (var raw in input.Options ?? [])
        {
            var option = (raw ?? "").Trim();
            if (option.Length == 0) continue;
            if (option.Length > MaxOptionLength) { check.Add("options", $"Keep each choice to {MaxOptionLength} characters."); continue; }
            // Multi-select values are stored comma-joined, so a comma inside a choice would split it.
            if (input.FieldType == CrmCustomFieldType.MultiSelect && option.Contains(',', StringComparison.Ordinal)) { check.Add("options", $"A choice can't contain a comma (\"{option}\")."); continue; }
            if (options.Contains(option, StringComparer.OrdinalIgnoreCase)) { check.Add("options", $"\"{option}\" is listed twice."); continue; }
            options.Add(option);
        }
        if (options.Count == 0) check.Add("options", "Add at least one choice.");
        else if (options.Count > MaxOptions) check.Add("options", $"Use at most {MaxOptions} choices.");
        return options;
    }

    private static Result Taken(string label, string key) =>
        Result.Invalid("label", $"There is already a field \"{label}\" (key {key}) on this record type. Pick another label.");
}
