using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm.Scoring;

/// <summary>
/// Reads what scores are computed from and writes the scores that changed, inside the workspace the context is scoped
/// to (tenant filter and RLS). Writing only changed scores makes a recompute idempotent: the UPDATE it causes comes
/// back through the change feed, recomputes to the same numbers and writes nothing, so the loop stops.
/// </summary>
internal static class LeadScoreStore
{
    public const int BatchSize = 1000;

    private sealed record Row(Guid Id, int? Score, string? Source, string? Title, string? CustomerName, string? CustomerSize,
        Dictionary<string, string> CustomFields, int InteractionCount, DateTime? LastContactedAt, long? EstimatedValue);

    public static async Task<LeadScoringWeights> WeightsAsync(GalaxyDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var settings = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Settings).FirstOrDefaultAsync(ct);
        return settings?.LeadScoring ?? LeadScoreRules.Defaults();
    }

    public static async Task<IReadOnlyList<LeadScoreExplanation>> ExplainAsync(GalaxyDbContext db, LeadScoringWeights weights, IReadOnlyCollection<Guid> ids, DateTime now, CancellationToken ct)
    {
        var rows = await Rows(db.Prospects.AsNoTracking().Where(p => ids.Contains(p.Id))).ToListAsync(ct);
        return rows.Select(r => LeadScoreRules.Evaluate(r.Id, r.Score, InputOf(r), weights, now)).ToList();
    }

    /// <summary>Recomputes the given prospects (unknown ids are ignored); returns how many scores changed.</summary>
    public static async Task<int> RecomputeAsync(GalaxyDbContext db, Guid workspaceId, IReadOnlyCollection<Guid> ids, DateTime now, CancellationToken ct)
    {
        if (ids.Count == 0) return 0;
        var weights = await WeightsAsync(db, workspaceId, ct);
        var changed = 0;
        foreach (var chunk in ids.Distinct().Chunk(BatchSize))
        {
            var rows = await Rows(db.Prospects.AsNoTracking().Where(p => chunk.Contains(p.Id))).ToListAsync(ct);
            changed += await WriteAsync(db, rows, weights, now, ct);
        }
        return changed;
    }

    /// <summary>Recomputes every prospect of the workspace, <see cref="BatchSize"/> at a time in id order.</summary>
    public static async Task<int> RecomputeWorkspaceAsync(GalaxyDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var weights = await WeightsAsync(db, workspaceId, ct);
        var changed = 0;
        Guid? after = null;
        while (true)
        {
            var q = db.Prospects.AsNoTracking();
            if (after is { } last) q = q.Where(p => p.Id.CompareTo(last) > 0);
            var rows = await Rows(q.OrderBy(p => p.Id).Take(BatchSize)).ToListAsync(ct);
            if (rows.Count == 0) return changed;
            changed += await WriteAsync(db, rows, weights, now, ct);
            after = rows[^1].Id;
        }
    }

    /// <summary>The prospects linked to these customers (a customer's size feeds their score).</summary>
    public static Task<List<Guid>> ProspectsOfCustomersAsync(GalaxyDbContext db, IReadOnlyCollection<Guid> customerIds, CancellationToken ct) =>
        db.Prospects.AsNoTracking().Where(p => p.CustomerId != null && customerIds.Contains(p.CustomerId.Value)).Select(p => p.Id).ToListAsync(ct);

    private static IQueryable<Row> Rows(IQueryable<Data.Crm.Prospect> prospects) => prospects.Select(p => new Row(
        p.Id, p.Score, p.Source, p.Title, p.Customer != null ? p.Customer.Name : null, p.Customer != null ? p.Customer.Size : null,
        p.CustomFields, p.InteractionCount, p.LastContactedAt, p.EstimatedValue));

    private static LeadScoreInput InputOf(Row r)
    {
        string? size = null, origin = null;
        if (!string.IsNullOrWhiteSpace(r.CustomerSize)) (size, origin) = (r.CustomerSize, $"linked customer {r.CustomerName}");
        else if (r.CustomFields.TryGetValue(LeadScoreRules.CompanySizeField, out var custom) && !string.IsNullOrWhiteSpace(custom))
            (size, origin) = (custom, $"field {LeadScoreRules.CompanySizeField}");
        return new LeadScoreInput(r.Source, r.Title, size, origin, r.InteractionCount, r.LastContactedAt, r.EstimatedValue);
    }

    private static async Task<int> WriteAsync(GalaxyDbContext db, List<Row> rows, LeadScoringWeights weights, DateTime now, CancellationToken ct)
    {
        var changes = rows.Select(r => (r.Id, r.Score, New: LeadScoreRules.Score(InputOf(r), weights, now)))
            .Where(c => c.Score != c.New).ToList();
        if (changes.Count == 0) return 0;
        var ids = changes.Select(c => c.Id).ToArray();
        var scores = changes.Select(c => c.New).ToArray();
        // One statement per batch; "is distinct from" keeps a concurrent recompute (another node) from writing twice.
        // Raw SQL on purpose: a recomputed score is not an edit, so updated_at and the audit trail stay as they were.
        return await db.Database.ExecuteSqlAsync($"""
            update prospects as p set score = v.score
            from unnest({ids}::uuid[], {scores}::integer[]) as v(id, score)
            where p.id = v.id and p.score is distinct from v.score
            """, ct);
    }
}
