using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Checks a record's custom field values against the workspace's definitions for its type when customers, contacts
/// and prospects are created or edited: typed values are normalised, bad ones are reported as "customFields.{key}"
/// (the form shows them next to the field). A required field must be filled on create; an edit only refuses to empty
/// one, so a field made required later does not block unrelated edits of older records.
/// </summary>
internal static class CrmCustomFieldCheck
{
    public static async Task<Dictionary<string, string>> ApplyAsync(
        GalaxyDbContext db, CrmRecordType recordType, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? before,
        CrmInputCheck check, CancellationToken ct)
    {
        var definitions = (await db.CrmCustomFields.AsNoTracking().Where(f => f.RecordType == recordType).ToListAsync(ct))
            .Select(CustomFieldDefinition.From).ToList();
        if (definitions.Count == 0) return new Dictionary<string, string>(values, StringComparer.Ordinal);
        var validation = CustomFieldValues.Validate(definitions, values);
        foreach (var (key, message) in validation.Errors)
        {
            var definition = definitions.First(d => d.Key == key);
            var empty = !values.TryGetValue(key, out var v) || string.IsNullOrWhiteSpace(v);
            var hadNone = before is not null && (!before.TryGetValue(key, out var old) || string.IsNullOrWhiteSpace(old));
            if (definition.Required && empty && hadNone) continue; // an edit that leaves a never-filled field alone
            check.Add($"customFields.{key}", message);
        }
        return validation.Values;
    }
}
