using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm.Scoring;

/// <summary>
/// Lead scores of the current workspace: why a prospect scored what it did, the weights admins tune, and recomputing.
/// Scores are kept current by <see cref="LeadScoreRefresher"/>; saving weights queues a recompute of the workspace.
/// </summary>
public sealed class LeadScoringService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, LeadScoreQueue queue, TimeProvider clock)
{
    /// <summary>The workspace's weights, or the defaults when no admin has changed them.</summary>
    public async Task<Result<LeadScoringWeights>> GetWeightsAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<LeadScoringWeights>.From(Result.Forbidden("You can't see this workspace's lead scoring."));
        await using var db = await factory.CreateDbContextAsync(ct);
        return Copy(await LeadScoreStore.WeightsAsync(db, member.WorkspaceId, ct));
    }

    /// <summary>Saves new weights (admins) and recomputes every prospect of the workspace in the background.</summary>
    public async Task<Result> SaveWeightsAsync(LeadScoringWeights weights, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result.Forbidden("Only admins and owners can change lead scoring.");
        var (normalised, invalid) = Validate(weights);
        if (invalid is not null) return invalid;
        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == member.WorkspaceId, ct);
        if (workspace is null) return Result.NotFound("Workspace");
        workspace.Settings = new WorkspaceSettings
        {
            FeatureFlags = new Dictionary<string, bool>(workspace.Settings.FeatureFlags),
            AccentColor = workspace.Settings.AccentColor,
            DefaultCurrency = workspace.Settings.DefaultCurrency,
            TimeZone = workspace.Settings.TimeZone,
            LeadScoring = normalised,
            AiProvider = workspace.Settings.AiProvider,
        };
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict("Someone else changed this workspace's settings in the meantime. Reload, then try again.");
        }
        queue.EnqueueWorkspace(member.WorkspaceId);
        return Result.Ok();
    }

    /// <summary>Each factor of the prospect's score, its points and why, computed now with the workspace's weights.</summary>
    public async Task<Result<LeadScoreExplanation>> ExplainAsync(Guid prospectId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<LeadScoreExplanation>.From(Result.Forbidden("You can't see prospects in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var weights = await LeadScoreStore.WeightsAsync(db, member.WorkspaceId, ct);
        var found = await LeadScoreStore.ExplainAsync(db, weights, [prospectId], clock.GetUtcNow().UtcDateTime, ct);
        var explanation = found.Count == 0 ? null : found[0];
        return explanation is null ? Result<LeadScoreExplanation>.From(Result.NotFound("Prospect")) : explanation;
    }

    /// <summary>Recomputes these prospects now (ids of other workspaces are ignored); returns how many scores changed.</summary>
    public async Task<Result<int>> RecomputeAsync(IReadOnlyCollection<Guid> prospectIds, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<int>.From(Result.Forbidden("You can't edit prospects in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        return await LeadScoreStore.RecomputeAsync(db, member.WorkspaceId, prospectIds, clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>Checks and normalises weights: no negatives, something to score with, shares in 0-100 %, sane sizes.</summary>
    public static (LeadScoringWeights Weights, Result? Invalid) Validate(LeadScoringWeights? weights)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (weights is null) return (LeadScoreRules.Defaults(), Result.Invalid("weights", "Enter the weights."));
        foreach (var (field, value) in new[]
                 {
                     ("source", weights.Source), ("seniority", weights.Seniority), ("companySize", weights.CompanySize),
                     ("engagement", weights.Engagement), ("value", weights.Value),
                 })
        {
            if (value < 0) errors.TryAdd(field, "Use zero or more points.");
            else if (value > LeadScoreRules.MaxWeight) errors.TryAdd(field, $"Use at most {LeadScoreRules.MaxWeight} points.");
        }
        if (errors.Count == 0 && (long)weights.Source + weights.Seniority + weights.CompanySize + weights.Engagement + weights.Value <= 0)
            errors["total"] = "Give at least one factor some points.";

        var shares = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, share) in weights.SourceShares ?? [])
        {
            var source = (key ?? "").Trim().ToLowerInvariant();
            if (source.Length == 0) errors.TryAdd("sourceShares", "Name every source.");
            else if (source.Length > LeadScoreRules.MaxSourceLength) errors.TryAdd("sourceShares", $"Keep source names to {LeadScoreRules.MaxSourceLength} characters.");
            else if (share is < 0 or > 100) errors.TryAdd("sourceShares", $"The share of '{source}' must be from 0 to 100 %.");
            else if (!shares.TryAdd(source, share)) errors.TryAdd("sourceShares", $"'{source}' is listed twice.");
        }
        if (shares.Count > LeadScoreRules.MaxSourceEntries) errors.TryAdd("sourceShares", $"List at most {LeadScoreRules.MaxSourceEntries} sources.");
        if (weights.OtherSourceShare is < 0 or > 100) errors.TryAdd("otherSourceShare", "Use a share from 0 to 100 %.");

        var bands = (weights.ValueBands ?? []).ToList();
        if (bands.Count > LeadScoreRules.MaxValueBands) errors.TryAdd("valueBands", $"Use at most {LeadScoreRules.MaxValueBands} bands.");
        else if (bands.Any(b => b is null || b.MinCents < 0)) errors.TryAdd("valueBands", "Band amounts must be zero or more.");
        else if (bands.Any(b => b.Share is < 0 or > 100)) errors.TryAdd("valueBands", "Band shares must be from 0 to 100 %.");
        else if (bands.Select(b => b.MinCents).Distinct().Count() != bands.Count) errors.TryAdd("valueBands", "Two bands start at the same amount.");

        if (errors.Count > 0) return (weights, Result.Invalid(errors));
        return (new LeadScoringWeights
        {
            Source = weights.Source,
            Seniority = weights.Seniority,
            CompanySize = weights.CompanySize,
            Engagement = weights.Engagement,
            Value = weights.Value,
            SourceShares = shares,
            OtherSourceShare = weights.OtherSourceShare,
            ValueBands = bands.OrderByDescending(b => b.MinCents).Select(b => new LeadScoreValueBand { MinCents = b.MinCents, Share = b.Share }).ToList(),
        }, null);
    }

    private static LeadScoringWeights Copy(LeadScoringWeights w) => new()
    {
        Source = w.Source,
        Seniority = w.Seniority,
        CompanySize = w.CompanySize,
        Engagement = w.Engagement,
        Value = w.Value,
        SourceShares = new Dictionary<string, int>(w.SourceShares),
        OtherSourceShare = w.OtherSourceShare,
        ValueBands = w.ValueBands.Select(b => new LeadScoreValueBand { MinCents = b.MinCents, Share = b.Share }).ToList(),
    };
}
