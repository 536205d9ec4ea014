namespace GalaxyCo.Domain.Crm.Scoring;

/// <summary>The factors of a lead score, in the order they are shown.</summary>
public enum LeadScoreFactorKind { Source, Seniority, CompanySize, Engagement, Value }

/// <summary>One factor of a prospect's score: what it earned of the most it could, and why, in words.</summary>
/// <param name="Name">What the factor is called in the UI ("Title seniority").</param>
/// <param name="Reason">A sentence a salesperson understands, ending with the points ("Title 'VP Sales' is VP level: 16 of 20").</param>
public sealed record LeadScoreFactor(LeadScoreFactorKind Kind, string Name, int Points, int MaxPoints, string Reason);

/// <summary>A prospect's score (0-100, the sum of its factors' points) with every factor that made it.</summary>
/// <param name="StoredScore">The score saved on the prospect, which can lag for a moment behind <paramref name="Score"/> while it is recomputed.</param>
public sealed record LeadScoreExplanation(Guid ProspectId, int Score, int? StoredScore, IReadOnlyList<LeadScoreFactor> Factors);

/// <summary>What the score of one prospect is computed from.</summary>
/// <param name="CompanySize">The linked customer's size, else the prospect's custom field company_size.</param>
/// <param name="CompanySizeOrigin">Where <paramref name="CompanySize"/> came from, for the explanation ("linked customer Acme").</param>
public sealed record LeadScoreInput(
    string? Source, string? Title, string? CompanySize, string? CompanySizeOrigin, int InteractionCount, DateTime? LastContactedAt, long? EstimatedValue);
