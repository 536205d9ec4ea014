using GalaxyCo.Domain.Ai;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Knowledge.Search;

/// <summary>Vectors (L2-normalised) for texts, in input order, and the model that made them.</summary>
public sealed record EmbeddedTexts(string Model, float[][] Vectors);

/// <summary>
/// Embeds texts with the workspace's embedding model (its provider's, else the local MiniLM), in batches of
/// <see cref="KnowledgeOptions.EmbeddingBatchSize"/>; every vector comes back normalised so a dot product is the cosine.
/// </summary>
public sealed class KnowledgeEmbedder(IWorkspaceAiClients clients, IOptions<KnowledgeOptions> options)
{
    public async Task<EmbeddedTexts> EmbedAsync(Guid workspaceId, IReadOnlyList<string> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var (generator, model) = await clients.EmbeddingsAsync(workspaceId, ct);
        var vectors = new float[texts.Count][];
        var batch = Math.Max(1, options.Value.EmbeddingBatchSize);
        for (var start = 0; start < texts.Count; start += batch)
        {
            var slice = texts.Skip(start).Take(batch).Select(t => string.IsNullOrWhiteSpace(t) ? " " : t).ToList();
            var generated = await generator.GenerateAsync(slice, cancellationToken: ct);
            if (generated.Count != slice.Count)
            {
                throw new InvalidOperationException($"The embedding model {model} returned {generated.Count} vectors for {slice.Count} texts.");
            }
            for (var i = 0; i < generated.Count; i++)
            {
                vectors[start + i] = LocalMiniLmEmbeddingGenerator.Normalize(generated[i].Vector.ToArray());
            }
        }
        return new EmbeddedTexts(model, vectors);
    }

    /// <summary>
    /// What is embedded for a passage: the item's title and the passage's heading path above its text. A passage read
    /// alone often never names its subject ("Return the value..." on the os.path page); with its context the vector
    /// carries it, as contextual-retrieval setups do. The stored passage text stays the bare text.
    /// </summary>
    public static string PassageText(string title, string? headingPath, string text)
    {
        var context = string.IsNullOrWhiteSpace(headingPath) ? title : $"{title} › {headingPath}";
        return string.IsNullOrWhiteSpace(context) ? text : $"{context}\n\n{text}";
    }

    /// <summary>The model name new embeddings are recorded with (items embedded with another are re-embedded).</summary>
    public async Task<string> ModelAsync(Guid workspaceId, CancellationToken ct)
    {
        var (_, model) = await clients.EmbeddingsAsync(workspaceId, ct);
        return model;
    }
}
