using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm;

/// <summary>A note on a record. <see cref="Mentions"/> are user ids of workspace members named with @ in the body.</summary>
public sealed record NoteInput
{
    public string Body { get; init; } = "";
    public IReadOnlyList<Guid>? Mentions { get; init; }
}

/// <summary>A call, email or meeting that happened with the record's person, logged after the fact.</summary>
public sealed record InteractionInput
{
    /// <summary>Call, Email or Meeting.</summary>
    public CrmActivityKind Kind { get; init; } = CrmActivityKind.Call;
    public string Body { get; init; } = "";
    /// <summary>When it happened; null means now. Not in the future.</summary>
    public DateTime? OccurredAt { get; init; }
    /// <summary>Optional, for calls and meetings (kept in the activity's data as durationMinutes).</summary>
    public int? DurationMinutes { get; init; }
    public IReadOnlyList<Guid>? Mentions { get; init; }
}

/// <summary>What a timeline entry is; the first eight mirror <see cref="CrmActivityKind"/>, the rest come from other tables.</summary>
public enum TimelineKind { Note, Call, Email, Meeting, StageChange, Conversion, Merge, Import, Task, Event, Edit }

/// <summary>One field an edit changed, with its value before and after (as stored; null = empty).</summary>
public sealed record TimelineChange(string Field, string? Before, string? After);

/// <summary>A person named in a note.</summary>
public sealed record TimelineMention(Guid UserId, string Name);

/// <summary>
/// One entry of a record's timeline, whatever table it came from. <see cref="ActivityId"/> and <see cref="Version"/>
/// are set for crm_activities rows (what can be edited or deleted); <see cref="CanEdit"/> says whether this person may.
/// </summary>
public sealed record TimelineItem(
    string Key,
    TimelineKind Kind,
    DateTime OccurredAt,
    string Title,
    string? Body,
    Guid? ActorId,
    string? ActorName,
    IReadOnlyList<TimelineMention> Mentions,
    IReadOnlyDictionary<string, string> Data,
    IReadOnlyList<TimelineChange> Changes,
    Guid? ActivityId,
    uint Version,
    bool CanEdit);

/// <summary>A page of the timeline, newest first. Pass <see cref="NextBefore"/> back to get the older entries.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, DateTime? NextBefore)
{
    public bool HasMore => NextBefore is not null;
}
