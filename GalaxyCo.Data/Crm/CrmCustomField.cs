namespace GalaxyCo.Data.Crm;

public enum CrmCustomFieldType
{
    Text,
    Number,
    Date,
    Select,
    MultiSelect,
    Checkbox,
    Url,
}

/// <summary>
/// A field an admin added to customers, contacts or prospects. Values live in the record's custom_fields jsonb under
/// <see cref="Key"/> (as text: numbers invariant, dates yyyy-MM-dd, multi-select comma-joined, checkbox true/false).
/// </summary>
public class CrmCustomField : EditableTenantEntity
{
    public CrmRecordType RecordType { get; set; }
    /// <summary>Stable key in custom_fields, e.g. "industry_segment"; never changes once created.</summary>
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public CrmCustomFieldType FieldType { get; set; }
    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }
    public int Position { get; set; }
}
