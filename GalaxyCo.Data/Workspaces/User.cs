using GalaxyCo.Data.Json;
using Microsoft.AspNetCore.Identity;

namespace GalaxyCo.Data.Workspaces;

/// <summary>The ASP.NET Core Identity user is the seed's users row.</summary>
public class User : IdentityUser<Guid>, IUpdatable
{
    public User() => Id = Guid.CreateVersion7();

    /// <summary>The seed's clerk_user_id, provider-neutral: the OIDC subject when the account came from an external provider.</summary>
    public string? ExternalId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? AvatarUrl { get; set; }
    public UserPreferences Preferences { get; set; } = new();
    public DateTime? LastLoginAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
