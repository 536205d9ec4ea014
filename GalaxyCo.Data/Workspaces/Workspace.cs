using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Workspaces;

/// <summary>The tenant boundary. Not itself tenant-owned: every other table points here with ON DELETE CASCADE.</summary>
public class Workspace : IUpdatable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    /// <summary>The seed's clerk_organization_id, provider-neutral: the OIDC organization claim.</summary>
    public string? ExternalId { get; set; }
    public SubscriptionTier SubscriptionTier { get; set; } = SubscriptionTier.Free;
    public WorkspaceSettings Settings { get; set; } = new();
    /// <summary>Provider name to AES-256-GCM ciphertext (base64).</summary>
    public Dictionary<string, string> EncryptedApiKeys { get; set; } = [];
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public uint Version { get; set; }
}
