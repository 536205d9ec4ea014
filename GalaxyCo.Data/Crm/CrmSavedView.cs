namespace GalaxyCo.Data.Crm;

/// <summary>A person's saved filters and visible columns for a board or list; shared ones show for everyone in the workspace.</summary>
public class CrmSavedView : EditableTenantEntity
{
    public Guid OwnerId { get; set; }
    public CrmRecordType RecordType { get; set; }
    public string Name { get; set; } = "";
    public bool Shared { get; set; }
    /// <summary>Filter name to value, e.g. owner, tag, source, scoreMin, valueMax, followUp, search.</summary>
    public Dictionary<string, string> Filters { get; set; } = [];
    public List<string> Columns { get; set; } = [];
    public string? Sort { get; set; }
}
