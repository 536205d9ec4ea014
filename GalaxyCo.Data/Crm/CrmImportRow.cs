namespace GalaxyCo.Data.Crm;

public enum CrmImportRowAction
{
    Created,
    Updated,
}

/// <summary>What an import did to one record, so a revert can delete what it created and restore what it changed.</summary>
public class CrmImportRow : TenantEntity
{
    public Guid ImportId { get; set; }
    public Guid RecordId { get; set; }
    public CrmImportRowAction Action { get; set; }
    /// <summary>For updates: the fields the import changed, with their values before (null = was empty).</summary>
    public Dictionary<string, string?> Before { get; set; } = [];
}
