using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>One problem with one cell (or a whole row when <see cref="Column"/> is empty). <see cref="Row"/> is the spreadsheet row (the header is row 1).</summary>
public sealed record CrmImportError(int Row, string Column, string Reason);

/// <summary>A file read and ready to map: its columns, the fields they can go to and the mapping guessed from the headers.</summary>
public sealed record CrmImportDraft(
    CrmRecordType RecordType, string FileName, CsvImportTable Table, IReadOnlyList<CrmImportField> Fields,
    IReadOnlyDictionary<string, string?> GuessedMapping)
{
    /// <summary>The first rows as they are in the file, for the mapping step's sample values.</summary>
    public IEnumerable<string> Samples(string header, int count = 3)
    {
        var index = Table.Headers.ToList().IndexOf(header);
        return index < 0 ? [] : Table.Rows.Select(r => index < r.Length ? r[index].Trim() : "").Where(v => v.Length > 0).Take(count);
    }
}

/// <summary>A row that passed validation: canonical values (see <see cref="CrmRecordValues"/>) per field key, only those the file set.</summary>
public sealed record CrmImportPlannedRow(int Row, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// The validation report of a mapped file, computed before anything is written: the rows that will be imported,
/// every error (row, column, reason), and a preview of the first rows as they will be saved.
/// </summary>
public sealed record CrmImportPlan(
    CrmRecordType RecordType, string FileName, IReadOnlyDictionary<string, string> Mapping, IReadOnlyList<CrmImportField> Fields,
    int TotalRows, IReadOnlyList<CrmImportPlannedRow> ValidRows, IReadOnlyList<CrmImportError> Errors, int RowsWithErrors,
    IReadOnlyList<string> Notices)
{
    public const int PreviewRows = 10;

    public IReadOnlyList<CrmImportPlannedRow> Preview => ValidRows.Take(PreviewRows).ToList();

    /// <summary>The fields the mapping fills, in field order, for the preview's columns.</summary>
    public IReadOnlyList<CrmImportField> MappedFields
    {
        get
        {
            var keys = Mapping.Values.ToHashSet(StringComparer.Ordinal);
            if (keys.Contains("full_name")) keys.UnionWith(["first_name", "last_name"]);
            return Fields.Where(f => !f.IsVirtual && keys.Contains(f.Key)).ToList();
        }
    }
}

/// <summary>An import as its history and progress show it.</summary>
public sealed record CrmImportView(
    Guid Id, CrmRecordType RecordType, string FileName, CrmImportStatus Status, CrmImportMatchRule MatchRule,
    IReadOnlyDictionary<string, string> Mapping, int TotalRows, int ProcessedRows, int CreatedCount, int UpdatedCount,
    int SkippedCount, int ErrorCount, string? FailureReason, Guid? CreatedBy, string? CreatedByName, DateTime CreatedAt,
    DateTime? CompletedAt, DateTime? RevertedAt)
{
    public bool IsFinished => Status != CrmImportStatus.Running;

    /// <summary>0-100.</summary>
    public int Percent => TotalRows == 0 ? (IsFinished ? 100 : 0) : (int)Math.Round(100.0 * ProcessedRows / TotalRows);

    public bool CanRevert => Status is CrmImportStatus.Completed or CrmImportStatus.Failed && (CreatedCount > 0 || UpdatedCount > 0);

    internal static CrmImportView From(CrmImport i, string? createdByName) => new(
        i.Id, i.RecordType, i.FileName, i.Status, i.MatchRule, i.Mapping, i.TotalRows, i.ProcessedRows, i.CreatedCount, i.UpdatedCount,
        i.SkippedCount, i.ErrorCount, i.FailureReason, i.CreatedBy, createdByName, i.CreatedAt, i.CompletedAt, i.RevertedAt);
}

/// <summary>An import with the rows it reported as errors (the first <see cref="CrmImportService.MaxStoredErrors"/>).</summary>
public sealed record CrmImportDetail(CrmImportView Import, IReadOnlyList<CrmImportError> Errors);

/// <summary>What a revert did.</summary>
public sealed record CrmImportRevertSummary(int Deleted, int Restored, int KeptEdited, int FieldsKept);
