namespace GalaxyCo.Domain.Live;

/// <summary>
/// Rows of one kind changed in one workspace (committed). <see cref="Ids"/> is null when too many changed at once
/// (an import, a bulk edit) or after the listener reconnected: then the subscriber reloads what it shows.
/// </summary>
/// <param name="WorkspaceId">Null only for <see cref="Resync"/>: every workspace should reload.</param>
/// <param name="RecordType">e.g. Customer, Contact, Prospect (the CRM record type names).</param>
/// <param name="Operation">INSERT, UPDATE or DELETE.</param>
public sealed record DatabaseChange(Guid? WorkspaceId, string RecordType, string Operation, IReadOnlyList<Guid>? Ids)
{
    /// <summary>For Notification changes: the people the changed rows belong to (null: too many, or not known).</summary>
    public IReadOnlyList<Guid>? UserIds { get; init; }

    public const string ResyncType = "*";

    /// <summary>Sent after the listener lost and regained its connection: changes in between may have been missed.</summary>
    public static DatabaseChange Resync { get; } = new(null, ResyncType, "RESYNC", null);

    public bool IsResync => RecordType == ResyncType;

    public bool Concerns(Guid workspaceId, string recordType) => IsResync || (WorkspaceId == workspaceId && RecordType == recordType);
}
