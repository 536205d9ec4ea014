using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm;

/// <summary>What a person saves as a view: its name, filters (name to value), visible list columns and sort.</summary>
public sealed record SavedViewInput
{
    public CrmRecordType RecordType { get; init; } = CrmRecordType.Prospect;
    public string Name { get; init; } = "";
    /// <summary>Shown to everyone in the workspace (they can apply it; only the owner changes it).</summary>
    public bool Shared { get; init; }
    public IReadOnlyDictionary<string, string>? Filters { get; init; }
    public IReadOnlyList<string>? Columns { get; init; }
    public string? Sort { get; init; }
}

/// <summary>A saved view as the signed-in person sees it, with what they may do to it.</summary>
public sealed record SavedView(
    Guid Id, CrmRecordType RecordType, string Name, Guid OwnerId, bool Shared, IReadOnlyDictionary<string, string> Filters,
    IReadOnlyList<string> Columns, string? Sort, bool IsMine, bool CanDelete, DateTime UpdatedAt, uint Version)
{
    internal static SavedView From(CrmSavedView v, Guid me, bool canDeleteShared) => new(
        v.Id, v.RecordType, v.Name, v.OwnerId, v.Shared, v.Filters, v.Columns, v.Sort,
        v.OwnerId == me, v.OwnerId == me || (v.Shared && canDeleteShared), v.UpdatedAt, v.Version);
}
