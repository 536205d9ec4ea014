namespace GalaxyCo.Data.Crm;

public enum CrmImportStatus
{
    Running,
    Completed,
    Failed,
    Reverted,
}

/// <summary>What to do with a row whose email matches an existing record.</summary>
public enum CrmImportMatchRule
{
    Skip,
    FillEmpty,
    Overwrite,
}

/// <summary>One CSV import: what was mapped, how far it got, and (through its rows) what to undo on revert.</summary>
public class CrmImport : EditableTenantEntity
{
    public CrmRecordType RecordType { get; set; }
    public string FileName { get; set; } = "";
    public CrmImportStatus Status { get; set; }
    public CrmImportMatchRule MatchRule { get; set; }
    /// <summary>CSV header to record field.</summary>
    public Dictionary<string, string> Mapping { get; set; } = [];
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int CreatedCount { get; set; }
    public int UpdatedCount { get; set; }
    public int SkippedCount { get; set; }
    public int ErrorCount { get; set; }
    public string? FailureReason { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? RevertedAt { get; set; }
}
