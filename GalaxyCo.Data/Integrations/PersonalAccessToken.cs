namespace GalaxyCo.Data.Integrations;

/// <summary>
/// A member's token for the JSON API, scoped to one workspace. Only the SHA-256 of the secret is stored; the prefix
/// (the first characters after "gxp_") identifies it in lists. The token acts with the member's current role, capped by
/// <see cref="Scope"/>.
/// </summary>
public class PersonalAccessToken : TenantEntity
{
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public string TokenPrefix { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public AccessTokenScope Scope { get; set; } = AccessTokenScope.Read;
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public enum AccessTokenScope : short { Read = 0, ReadWrite = 1 }
