using System.Collections.Concurrent;
using GalaxyCo.Domain.Knowledge.Ingestion;

namespace GalaxyCo.Domain.Tests.Infrastructure;

/// <summary>
/// The ingestion queue for tests: records what would have been handed to Hangfire, so a test runs each job itself
/// (no timing) or checks that nothing was queued.
/// </summary>
public sealed class RecordingIngestionQueue : IKnowledgeIngestionQueue
{
    public ConcurrentQueue<(Guid WorkspaceId, Guid ItemId)> Items { get; } = new();
    public ConcurrentQueue<Guid> Reembeds { get; } = new();

    public void Enqueue(Guid workspaceId, Guid itemId) => Items.Enqueue((workspaceId, itemId));

    public void EnqueueReembed(Guid workspaceId) => Reembeds.Enqueue(workspaceId);
}
