namespace GalaxyCo.Data.Calendar;

/// <summary>
/// A person's private calendar subscription feed (for Google/Apple/Outlook). Only the SHA-256 of the secret is kept;
/// the feed URL carries the workspace id and the secret. Revoked tokens stop working at once. Not in the seed.
/// </summary>
public class CalendarFeedToken : TenantEntity
{
    public Guid UserId { get; set; }
    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string TokenHash { get; set; } = "";
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
