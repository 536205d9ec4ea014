using Hangfire;

namespace GalaxyCo.Domain.Knowledge.Ingestion;

/// <summary>Hands items to the ingestion pipeline and workspaces to re-embedding. Hangfire in the app.</summary>
public interface IKnowledgeIngestionQueue
{
    void Enqueue(Guid workspaceId, Guid itemId);

    void EnqueueReembed(Guid workspaceId);
}

/// <summary>Jobs live in PostgreSQL, so queued processing survives a restart and any app node may run it.</summary>
public sealed class HangfireKnowledgeIngestionQueue(IBackgroundJobClient jobs) : IKnowledgeIngestionQueue
{
    public void Enqueue(Guid workspaceId, Guid itemId) =>
        jobs.Enqueue<KnowledgeIngestionJob>(j => j.ProcessAsync(workspaceId, itemId, CancellationToken.None));

    public void EnqueueReembed(Guid workspaceId) =>
        jobs.Enqueue<KnowledgeReembedJob>(j => j.RunAsync(workspaceId, CancellationToken.None));
}
