namespace GalaxyCo.Domain.Crm;

/// <summary>A record that looks like the one being created, so the UI can warn before a duplicate is saved.</summary>
/// <param name="MatchedOn">"email" or "company".</param>
public sealed record DuplicateMatch(Guid Id, string Name, string? Email, string? Company, string MatchedOn);
