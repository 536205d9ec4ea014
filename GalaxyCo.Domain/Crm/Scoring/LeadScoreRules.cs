using System.Globalization;
using System.Text.RegularExpressions;
using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Crm.Scoring;

/// <summary>
/// The scoring rules, pure and deterministic: each factor earns a share (0-100 %) of its maximum points, and the
/// maxima are the workspace's weights scaled so they add up to exactly 100. The score is the sum of the factors'
/// whole points, so the explanation always adds up to the score shown on the card.
/// </summary>
public static partial class LeadScoreRules
{
    /// <summary>Custom field read for the company size when the prospect is not linked to a customer with a size.</summary>
    public const string CompanySizeField = "company_size";

    public const int MaxWeight = 1000;
    public const int MaxSourceEntries = 50;
    public const int MaxSourceLength = 100;
    public const int MaxValueBands = 10;

    /// <summary>Full recency points for a contact within this many days...</summary>
    public const int FreshDays = 7;
    /// <summary>...falling linearly to none at this many days.</summary>
    public const int StaleDays = 90;
    /// <summary>Interactions past this many earn nothing more.</summary>
    public const int FullInteractions = 10;

    /// <summary>What a workspace scores with until an admin changes it: 100 points spread over the five factors.</summary>
    public static LeadScoringWeights Defaults() => new()
    {
        Source = 20,
        Seniority = 25,
        CompanySize = 15,
        Engagement = 25,
        Value = 15,
        SourceShares = new Dictionary<string, int>
        {
            ["referral"] = 100,
            ["partner"] = 90,
            ["event"] = 70,
            ["inbound"] = 60,
            ["website"] = 50,
            ["campaign"] = 40,
            ["linkedin"] = 40,
            ["outbound"] = 25,
            ["cold"] = 10,
        },
        OtherSourceShare = 25,
        ValueBands =
        [
            new() { MinCents = 100_000_00, Share = 100 },
            new() { MinCents = 50_000_00, Share = 80 },
            new() { MinCents = 20_000_00, Share = 60 },
            new() { MinCents = 5_000_00, Share = 40 },
            new() { MinCents = 1, Share = 20 },
        ],
    };

    /// <summary>The seniority levels a title is sorted into, with the share of the seniority points each earns.</summary>
    public static readonly IReadOnlyList<(string Level, int Share)> SeniorityShares =
        [("C-level", 100), ("founder", 100), ("VP", 80), ("director", 60), ("manager", 40), ("individual contributor", 15)];

    /// <summary>Company sizes by employees (lower bound of a range like "51-200") and the share each earns.</summary>
    public static readonly IReadOnlyList<(int MinEmployees, int Share)> SizeShares =
        [(1000, 100), (500, 85), (200, 70), (50, 50), (10, 30), (0, 15)];

    /// <summary>Each factor's most points for <paramref name="weights"/>, summing to exactly 100 (largest remainder).</summary>
    public static IReadOnlyDictionary<LeadScoreFactorKind, int> MaxPoints(LeadScoringWeights weights)
    {
        var raw = new (LeadScoreFactorKind Kind, int Weight)[]
        {
            (LeadScoreFactorKind.Source, weights.Source), (LeadScoreFactorKind.Seniority, weights.Seniority),
            (LeadScoreFactorKind.CompanySize, weights.CompanySize), (LeadScoreFactorKind.Engagement, weights.Engagement),
            (LeadScoreFactorKind.Value, weights.Value),
        };
        var total = raw.Sum(r => (long)Math.Max(0, r.Weight));
        if (total == 0) return raw.ToDictionary(r => r.Kind, _ => 0);
        var exact = raw.Select(r => (r.Kind, Value: 100.0 * Math.Max(0, r.Weight) / total)).ToList();
        var result = exact.ToDictionary(e => e.Kind, e => (int)Math.Floor(e.Value));
        var left = 100 - result.Values.Sum();
        foreach (var e in exact.OrderByDescending(e => e.Value - Math.Floor(e.Value)).ThenBy(e => e.Kind).Take(left)) result[e.Kind]++;
        return result;
    }

    /// <summary>Scores <paramref name="input"/> with <paramref name="weights"/> (defaults when null) at time <paramref name="now"/>.</summary>
    public static LeadScoreExplanation Evaluate(Guid prospectId, int? storedScore, LeadScoreInput input, LeadScoringWeights? weights, DateTime now)
    {
        weights ??= Defaults();
        var max = MaxPoints(weights);
        var factors = new List<LeadScoreFactor>
        {
            SourceFactor(input.Source, weights, max[LeadScoreFactorKind.Source]),
            SeniorityFactor(input.Title, max[LeadScoreFactorKind.Seniority]),
            SizeFactor(input.CompanySize, input.CompanySizeOrigin, max[LeadScoreFactorKind.CompanySize]),
            EngagementFactor(input.InteractionCount, input.LastContactedAt, now, max[LeadScoreFactorKind.Engagement]),
            ValueFactor(input.EstimatedValue, weights, max[LeadScoreFactorKind.Value]),
        };
        return new LeadScoreExplanation(prospectId, Math.Clamp(factors.Sum(f => f.Points), 0, 100), storedScore, factors);
    }

    public static int Score(LeadScoreInput input, LeadScoringWeights? weights, DateTime now) => Evaluate(Guid.Empty, null, input, weights, now).Score;

    /// <summary>The seniority level a title names, or null for no title; "individual contributor" when no keyword matches.</summary>
    public static string? SeniorityOf(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var lower = title.ToLowerInvariant();
        var words = Words().Matches(lower).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var vicePresident = lower.Contains("vice president", StringComparison.Ordinal) || lower.Contains("vice-president", StringComparison.Ordinal);
        string[] cLevel = ["ceo", "cfo", "coo", "cto", "cmo", "cio", "cro", "cso", "cpo", "cdo", "ciso", "chief"];
        if (cLevel.Any(words.Contains) || (words.Contains("president") && !vicePresident)) return "C-level";
        if (words.Contains("founder") || words.Contains("cofounder") || words.Contains("owner")) return "founder";
        if (vicePresident || words.Contains("vp") || words.Contains("svp") || words.Contains("evp") || words.Contains("avp")) return "VP";
        if (words.Contains("director") || words.Contains("head")) return "director";
        if (words.Contains("manager") || words.Contains("mgr") || words.Contains("lead") || words.Contains("supervisor")) return "manager";
        return "individual contributor";
    }

    /// <summary>A share for a company size text ("51-200", "1000+", "enterprise"), or null when it says nothing usable.</summary>
    public static int? SizeShareOf(string? size)
    {
        if (string.IsNullOrWhiteSpace(size)) return null;
        var lower = size.ToLowerInvariant();
        var number = Number().Match(lower.Replace(",", "", StringComparison.Ordinal));
        if (number.Success && int.TryParse(number.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var employees))
        {
            if (lower.Contains('k', StringComparison.Ordinal) && employees < 1000) employees *= 1000;
            return SizeShares.First(s => employees >= s.MinEmployees).Share;
        }
        if (lower.Contains("enterprise", StringComparison.Ordinal)) return 100;
        if (lower.Contains("large", StringComparison.Ordinal)) return 85;
        if (lower.Contains("mid", StringComparison.Ordinal) || lower.Contains("medium", StringComparison.Ordinal)) return 50;
        if (lower.Contains("small", StringComparison.Ordinal)) return 30;
        if (lower.Contains("startup", StringComparison.Ordinal) || lower.Contains("micro", StringComparison.Ordinal)) return 15;
        return null;
    }

    private static LeadScoreFactor SourceFactor(string? source, LeadScoringWeights weights, int max)
    {
        const string name = "Source";
        var s = source?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(s)) return new(LeadScoreFactorKind.Source, name, 0, max, $"No source recorded: 0 of {max}");
        if (weights.SourceShares.TryGetValue(s, out var share))
        {
            var points = Points(max, share);
            return new(LeadScoreFactorKind.Source, name, points, max, $"Source '{source!.Trim()}' earns {share}%: {points} of {max}");
        }
        var other = Points(max, weights.OtherSourceShare);
        return new(LeadScoreFactorKind.Source, name, other, max, $"Source '{source!.Trim()}' is not a listed source (others earn {weights.OtherSourceShare}%): {other} of {max}");
    }

    private static LeadScoreFactor SeniorityFactor(string? title, int max)
    {
        const string name = "Title seniority";
        var level = SeniorityOf(title);
        if (level is null) return new(LeadScoreFactorKind.Seniority, name, 0, max, $"No title recorded: 0 of {max}");
        var share = SeniorityShares.First(s => s.Level == level).Share;
        var points = Points(max, share);
        return new(LeadScoreFactorKind.Seniority, name, points, max, $"Title '{title!.Trim()}' is {level} level: {points} of {max}");
    }

    private static LeadScoreFactor SizeFactor(string? size, string? origin, int max)
    {
        const string name = "Company size";
        if (string.IsNullOrWhiteSpace(size))
            return new(LeadScoreFactorKind.CompanySize, name, 0, max, $"No company size: link a customer with a size or fill the {CompanySizeField} field: 0 of {max}");
        var from = origin is null ? "" : $" (from {origin})";
        if (SizeShareOf(size) is not { } share)
            return new(LeadScoreFactorKind.CompanySize, name, 0, max, $"Company size '{size.Trim()}'{from} is not a number of employees: 0 of {max}");
        var points = Points(max, share);
        return new(LeadScoreFactorKind.CompanySize, name, points, max, $"Company size {size.Trim()}{from} earns {share}%: {points} of {max}");
    }

    private static LeadScoreFactor EngagementFactor(int interactions, DateTime? lastContacted, DateTime now, int max)
    {
        const string name = "Engagement";
        if (interactions <= 0 && lastContacted is null)
            return new(LeadScoreFactorKind.Engagement, name, 0, max, $"No interactions logged yet: 0 of {max}");
        var count = Math.Max(0, interactions);
        var countShare = Math.Min(count, FullInteractions) * 100.0 / FullInteractions;
        double recencyShare = 0;
        string recency;
        if (lastContacted is { } last)
        {
            var days = Math.Max(0, (now - last).TotalDays);
            recencyShare = days <= FreshDays ? 100 : days >= StaleDays ? 0 : 100.0 * (StaleDays - days) / (StaleDays - FreshDays);
            var whole = (int)Math.Floor(days);
            recency = whole switch { 0 => "last contact today", 1 => "last contact yesterday", _ => $"last contact {whole} days ago" };
        }
        else recency = "never contacted";
        var points = Points(max, (countShare + recencyShare) / 2);
        var plural = count == 1 ? "interaction" : "interactions";
        return new(LeadScoreFactorKind.Engagement, name, points, max, $"{count} {plural}, {recency}: {points} of {max}");
    }

    private static LeadScoreFactor ValueFactor(long? cents, LeadScoringWeights weights, int max)
    {
        const string name = "Estimated value";
        if (cents is not > 0) return new(LeadScoreFactorKind.Value, name, 0, max, $"No estimated value: 0 of {max}");
        var band = weights.ValueBands.Where(b => cents >= b.MinCents).OrderByDescending(b => b.MinCents).FirstOrDefault();
        var amount = Money(cents.Value);
        if (band is null) return new(LeadScoreFactorKind.Value, name, 0, max, $"Estimated value {amount} is below every band: 0 of {max}");
        var points = Points(max, band.Share);
        return new(LeadScoreFactorKind.Value, name, points, max, $"Estimated value {amount} is in the {Money(band.MinCents)}+ band ({band.Share}%): {points} of {max}");
    }

    private static int Points(int max, double sharePercent) =>
        Math.Clamp((int)Math.Round(max * Math.Clamp(sharePercent, 0, 100) / 100.0, MidpointRounding.AwayFromZero), 0, max);

    private static string Money(long cents) => (cents / 100m).ToString(cents % 100 == 0 ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Words();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Number();
}
