using GalaxyCo.Data;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>A member @mentions can name: by first name or by the local part of their email.</summary>
public sealed record QuickAddMember(Guid UserId, string Name, string? FirstName, string Email);

/// <summary>What parsing needs besides the text: the instant, the person's zone and the workspace's members.</summary>
public sealed record QuickAddContext(DateTimeOffset Now, TimeZoneInfo Zone, IReadOnlyList<QuickAddMember> Members);

/// <summary>The kind of a recognised piece of quick-add text, for the preview chips.</summary>
public enum QuickAddPart { Due, Priority, Assignee, Tag }

/// <summary>One recognised piece: what was typed and what it means ("tomorrow 3pm" → "Fri, Mar 6, 3:00 PM").</summary>
public sealed record QuickAddToken(QuickAddPart Part, string Text, string Meaning);

/// <summary>
/// The outcome of <see cref="QuickAddParser.Parse"/>. <see cref="Errors"/> are keyed by field (title, assignedTo);
/// a result with errors must not be saved as is.
/// </summary>
public sealed record QuickAddResult
{
    public string Title { get; init; } = "";
    /// <summary>UTC. A date without a time is the start of that day in the person's zone.</summary>
    public DateTime? DueDate { get; init; }
    /// <summary>The due date as the person reads it (their zone).</summary>
    public DateTime? DueLocal { get; init; }
    /// <summary>False when only a date was given.</summary>
    public bool DueHasTime { get; init; }
    public TaskPriority? Priority { get; init; }
    public Guid? AssignedTo { get; init; }
    public string? AssigneeName { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<QuickAddToken> Tokens { get; init; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool IsValid => Errors.Count == 0;

    /// <summary>The task to create from this parse (status todo, medium priority unless given).</summary>
    public TaskInput ToInput(Guid? projectId = null) => new()
    {
        Title = Title,
        Priority = Priority ?? TaskPriority.Medium,
        AssignedTo = AssignedTo,
        DueDate = DueDate,
        Tags = Tags,
        ProjectId = projectId,
    };
}
