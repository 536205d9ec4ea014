namespace GalaxyCo.Web.Hosting;

/// <summary>Connection settings, validated at start so a missing one fails with a message, not a stack trace later.</summary>
internal static class DatabaseSettings
{
    public static (string App, string Owner) Read(IConfiguration configuration)
    {
        var app = configuration.GetConnectionString("Galaxy");
        if (string.IsNullOrWhiteSpace(app))
            throw new InvalidOperationException(
                "ConnectionStrings:Galaxy is not set. Start the app with ./run.sh, or set ConnectionStrings__Galaxy to a PostgreSQL connection string.");
        var owner = configuration.GetConnectionString("GalaxyMigrations");
        return (app, string.IsNullOrWhiteSpace(owner) ? app : owner);
    }
}

/// <summary>Authentication:Oidc — optional OpenID Connect sign-in.</summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "Single sign-on";
    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];
    /// <summary>The claim that names the person's organization (fills workspaces.external_id).</summary>
    public string OrganizationClaim { get; set; } = "org_id";
    public bool RequireHttpsMetadata { get; set; } = true;
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
