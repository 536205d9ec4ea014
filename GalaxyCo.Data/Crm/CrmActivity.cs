namespace GalaxyCo.Data.Crm;

public enum CrmActivityKind
{
    Note,
    Call,
    Email,
    Meeting,
    StageChange,
    Conversion,
    Merge,
    Import,
}

/// <summary>
/// One entry of a record's timeline: a note (with @mentions), a logged call/email/meeting, or something the system did
/// (stage change, conversion, merge). Tasks, events and audit entries join the timeline from their own tables.
/// </summary>
public class CrmActivity : EditableTenantEntity
{
    public CrmRecordType RecordType { get; set; }
    public Guid RecordId { get; set; }
    public CrmActivityKind Kind { get; set; }
    public string Body { get; set; } = "";
    /// <summary>Members @mentioned in the body.</summary>
    public List<Guid> Mentions { get; set; } = [];
    /// <summary>Kind-specific facts, e.g. from/to stage, call duration, lost reason.</summary>
    public Dictionary<string, string> Data { get; set; } = [];
    public Guid? ActorId { get; set; }
    /// <summary>When it happened (a call logged today may have happened yesterday).</summary>
    public DateTime OccurredAt { get; set; }
}
