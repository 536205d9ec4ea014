using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// One field of two records side by side, as text to show. <see cref="Choosable"/> fields take one value or the
/// other; the rest (tags, custom fields, counters, last contacted) are combined by the merge.
/// </summary>
public sealed record MergeField(string Name, string Label, string? SurvivorValue, string? DuplicateValue, bool Choosable)
{
    public bool Differs => !string.Equals(SurvivorValue ?? "", DuplicateValue ?? "", StringComparison.Ordinal);

    /// <summary>What the merge keeps when nobody chooses: the survivor's value, or the duplicate's when the survivor's is empty.</summary>
    public bool DuplicateWinsByDefault => string.IsNullOrEmpty(SurvivorValue) && !string.IsNullOrEmpty(DuplicateValue);
}

/// <summary>Two records about to be merged, with their versions so the merge fails if either changes meanwhile.</summary>
public sealed record MergePreview(
    CrmRecordType Type, Guid SurvivorId, string SurvivorName, uint SurvivorVersion, Guid DuplicateId, string DuplicateName,
    uint DuplicateVersion, IReadOnlyList<MergeField> Fields);

/// <summary>
/// How to merge: the fields (by <see cref="MergeField.Name"/>) whose value comes from the duplicate even when the
/// survivor has one, and the versions the person saw (null: don't check).
/// </summary>
public sealed record MergeChoices
{
    public IReadOnlyCollection<string>? TakeFromDuplicate { get; init; }
    public uint? SurvivorVersion { get; init; }
    public uint? DuplicateVersion { get; init; }
}

/// <summary>The record that remains and how many linked rows now point at it instead of the deleted duplicate.</summary>
public sealed record MergeOutcome(Guid SurvivorId, int MovedRows);
