using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm.CustomFields;

/// <summary>A custom field an admin defined for one record type; values sit in the record's custom_fields under <see cref="Key"/>.</summary>
public sealed record CustomFieldDefinition(
    Guid Id, CrmRecordType RecordType, string Key, string Label, CrmCustomFieldType FieldType, IReadOnlyList<string> Options,
    bool Required, int Position, uint Version)
{
    internal static CustomFieldDefinition From(CrmCustomField f) =>
        new(f.Id, f.RecordType, f.Key, f.Label, f.FieldType, f.Options, f.Required, f.Position, f.Version);

    public bool HasOptions => FieldType is CrmCustomFieldType.Select or CrmCustomFieldType.MultiSelect;
}

/// <summary>What an admin enters for a field. The key is derived from the label on create and never changes; so does the type.</summary>
public sealed record CustomFieldInput
{
    public CrmRecordType RecordType { get; init; }
    public string Label { get; init; } = "";
    public CrmCustomFieldType FieldType { get; init; } = CrmCustomFieldType.Text;
    /// <summary>The choices of a select or multi-select, in order; ignored for other types.</summary>
    public IReadOnlyList<string>? Options { get; init; }
    public bool Required { get; init; }
}

/// <summary>
/// Custom field values checked against their definitions: normalised values to save (fields left empty are dropped,
/// keys without a definition pass through untouched) and one message per field key that failed.
/// </summary>
public sealed record CustomFieldValidation(Dictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The errors keyed "customFields.{key}", the way record services name the fields of an invalid result.</summary>
    public IReadOnlyDictionary<string, string> ErrorsWithPrefix(string prefix = "customFields") =>
        Errors.ToDictionary(e => $"{prefix}.{e.Key}", e => e.Value, StringComparer.Ordinal);
}
