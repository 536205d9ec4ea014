using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>When a prospect's next follow-up falls, for the "follow-up due" filter.</summary>
public enum FollowUpDue { Any, Overdue, Today, ThisWeek, None }

/// <summary>
/// The filters the board and the prospect list share (and saved views store): owner or "mine", tag, source, score
/// and value ranges, follow-up due, custom field values and text search. Empty means "no filter".
/// </summary>
public sealed record ProspectFilter
{
    public string? Search { get; init; }
    public Guid? AssignedTo { get; init; }
    /// <summary>Only the signed-in person's prospects (wins over <see cref="AssignedTo"/>).</summary>
    public bool Mine { get; init; }
    public string? Tag { get; init; }
    public string? Source { get; init; }
    public int? ScoreMin { get; init; }
    public int? ScoreMax { get; init; }
    /// <summary>In cents.</summary>
    public long? ValueMin { get; init; }
    /// <summary>In cents.</summary>
    public long? ValueMax { get; init; }
    public FollowUpDue FollowUp { get; init; }
    /// <summary>Custom field key to the value it must hold (exact match, served by the GIN index on custom_fields).</summary>
    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }

    public static ProspectFilter None { get; } = new();

    public bool IsEmpty => this == None || (string.IsNullOrWhiteSpace(Search) && AssignedTo is null && !Mine && CrmText.Tag(Tag) is null
        && string.IsNullOrWhiteSpace(Source) && ScoreMin is null && ScoreMax is null && ValueMin is null && ValueMax is null
        && FollowUp == FollowUpDue.Any && (CustomFields is null || CustomFields.Count == 0));

    /// <summary>Applies every set filter. <paramref name="now"/> decides what "overdue" and "today" mean (UTC days).</summary>
    public IQueryable<Prospect> Apply(IQueryable<Prospect> prospects, GalaxyDbContext db, Guid currentUserId, DateTime now)
    {
        var q = CrmSearch.Matching(prospects, db, CrmRecordType.Prospect, Search);
        if (Mine) q = q.Where(p => p.AssignedTo == currentUserId);
        else if (AssignedTo is { } owner) q = q.Where(p => p.AssignedTo == owner);
        if (CrmText.Tag(Tag) is { } tag) q = CrmSearch.WithTag(q, db, CrmRecordType.Prospect, tag);
        if (Source?.Trim() is { Length: > 0 } source) q = q.Where(p => p.Source == source);
        if (ScoreMin is { } smin) q = q.Where(p => p.Score >= smin);
        if (ScoreMax is { } smax) q = q.Where(p => p.Score <= smax);
        if (ValueMin is { } vmin) q = q.Where(p => p.EstimatedValue >= vmin);
        if (ValueMax is { } vmax) q = q.Where(p => p.EstimatedValue <= vmax);
        var today = DateTime.SpecifyKind(now.Date, DateTimeKind.Utc);
        q = FollowUp switch
        {
            FollowUpDue.Overdue => q.Where(p => p.NextFollowUpAt < now),
            FollowUpDue.Today => q.Where(p => p.NextFollowUpAt >= today && p.NextFollowUpAt < today.AddDays(1)),
            FollowUpDue.ThisWeek => q.Where(p => p.NextFollowUpAt >= today && p.NextFollowUpAt < today.AddDays(7)),
            FollowUpDue.None => q.Where(p => p.NextFollowUpAt == null),
            _ => q,
        };
        if (CustomFields is { Count: > 0 } fields)
        {
            // custom_fields @> '{"key":"value"}': jsonb containment, the operator the GIN index on custom_fields serves.
            var contained = JsonbConversion.Serialize(fields.Where(f => f.Key.Length > 0).ToDictionary(f => f.Key, f => f.Value ?? "", StringComparer.Ordinal));
            q = q.Where(p => EF.Functions.JsonContains(p.CustomFields, contained));
        }
        return q;
    }
}
