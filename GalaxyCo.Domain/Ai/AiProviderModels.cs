namespace GalaxyCo.Domain.Ai;

/// <summary>
/// The workspace's AI provider as the settings page shows it. The key itself never leaves the server: only whether one
/// is stored and a hint of its last characters.
/// </summary>
public sealed record AiProviderView(string BaseUrl, string? ChatModel, string? EmbeddingModel, bool HasApiKey, string? KeyHint)
{
    public bool IsConfigured => BaseUrl.Length > 0;

    public static readonly AiProviderView None = new("", null, null, false, null);
}

/// <summary>What the settings form saves. A blank <see cref="ApiKey"/> keeps the stored key.</summary>
public sealed record AiProviderInput(string BaseUrl, string? ApiKey = null, string? ChatModel = null, string? EmbeddingModel = null);
