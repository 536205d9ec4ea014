using Microsoft.Extensions.AI;

namespace GalaxyCo.Domain.Ai;

/// <summary>
/// The AI clients a workspace uses: its configured OpenAI-compatible provider for chat (none: null), and for embeddings
/// the provider's embedding model when one is set, else the built-in local all-MiniLM-L6-v2.
/// </summary>
public interface IWorkspaceAiClients
{
    /// <summary>The chat client and model name, or null when the workspace has no provider or no chat model.</summary>
    Task<(IChatClient Client, string Model)?> ChatAsync(Guid workspaceId, CancellationToken ct = default);

    /// <summary>The embedding generator and the model name recorded in embeddings_model (e.g. "local:all-MiniLM-L6-v2").</summary>
    Task<(IEmbeddingGenerator<string, Embedding<float>> Generator, string Model)> EmbeddingsAsync(Guid workspaceId, CancellationToken ct = default);
}
