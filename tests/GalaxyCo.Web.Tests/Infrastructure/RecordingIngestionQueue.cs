using System.Collections.Concurrent;
using GalaxyCo.Domain.Knowledge.Ingestion;

namespace GalaxyCo.Web.Tests.Infrastructure;

/// <summary>
/// The ingestion queue for component tests: records what a page handed to the background jobs (the jobs themselves are
/// covered by the domain tests and the E2E journey, which run the real Hangfire queue).
/// </summary>
public sealed class RecordingIngestionQueue : IKnowledgeIngestionQueue
{
    public ConcurrentQueue<(Guid WorkspaceId, Guid ItemId)> Items { get; } = new();
    public ConcurrentQueue<Guid> Reembeds { get; } = new();

    public void Enqueue(Guid workspaceId, Guid itemId) => Items.Enqueue((workspaceId, itemId));

    public void EnqueueReembed(Guid workspaceId) => Reembeds.Enqueue(workspaceId);
}
