using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Knowledge.Search;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Knowledge.Ingestion;

/// <summary>
/// After the workspace's embedding model changed: embeds again, with the current model, every chunk of every ready item
/// recorded with another one, item by item (each in one transaction, so search never mixes two models within an
/// item), logging progress. Vectors of different models are not comparable, so until an item is done the search index
/// (which reads embeddings_model) treats it by its recorded model.
/// </summary>
public sealed class KnowledgeReembedJob(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, KnowledgeEmbedder embedder, KnowledgeChunkStore chunkStore,
    ILogger<KnowledgeReembedJob> logger)
{
    /// <summary>Chunks read and embedded at a time.</summary>
    public const int BatchSize = 256;

    /// <summary>Safe to run twice at once or again after a crash: it only takes items still on another model.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid workspaceId, CancellationToken ct)
    {
        tenant.Actor = new AuditActor("system:knowledge");
        using var entered = tenant.Enter(workspaceId);
        var model = await embedder.ModelAsync(workspaceId, ct);
        List<Guid> items;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            items = await db.KnowledgeItems.AsNoTracking()
                .Where(i => i.Status == KnowledgeItemStatus.Ready && (i.EmbeddingsModel == null || i.EmbeddingsModel != model))
                .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        }
        if (items.Count == 0) return;
        logger.LogInformation("Re-embedding {Count} knowledge item(s) of workspace {WorkspaceId} with {Model}", items.Count, workspaceId, model);
        var done = 0;
        foreach (var itemId in items)
        {
            await ReembedItemAsync(workspaceId, itemId, model, ct);
            done++;
            if (done % 20 == 0 || done == items.Count)
                logger.LogInformation("Re-embedded {Done}/{Total} knowledge item(s) of workspace {WorkspaceId}", done, items.Count, workspaceId);
        }
    }

    private async Task ReembedItemAsync(Guid workspaceId, Guid itemId, string model, CancellationToken ct)
    {
        List<(Guid Id, string Text)> chunks;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var title = await db.KnowledgeItems.Where(i => i.Id == itemId).Select(i => i.Title).FirstOrDefaultAsync(ct) ?? "";
            // The same text the ingestion job embedded: the passage with its title and heading path.
            chunks = (await db.KnowledgeChunks.AsNoTracking().Where(c => c.ItemId == itemId).OrderBy(c => c.Position)
                .Select(c => new { c.Id, c.Text, c.HeadingPath }).ToListAsync(ct))
                .Select(c => (c.Id, KnowledgeEmbedder.PassageText(title, c.HeadingPath, c.Text))).ToList();
        }
        var vectors = new List<(Guid ChunkId, float[] Vector)>(chunks.Count);
        foreach (var batch in chunks.Chunk(BatchSize))
        {
            var embedded = await embedder.EmbedAsync(workspaceId, batch.Select(c => c.Text).ToList(), ct);
            if (embedded.Model != model) return; // the model changed again meanwhile: the next run does it with that one
            vectors.AddRange(batch.Select((c, i) => (c.Id, embedded.Vectors[i])));
        }

        await using var write = await factory.CreateDbContextAsync(ct);
        await using var tx = await write.Database.BeginTransactionAsync(ct);
        var item = await write.KnowledgeItems.FirstOrDefaultAsync(i => i.Id == itemId && i.Status == KnowledgeItemStatus.Ready, ct);
        if (item is null) return; // deleted or being processed again (which embeds with the current model anyway)
        await chunkStore.UpdateEmbeddingsAsync(write, vectors, ct);
        item.Embeddings = [.. KnowledgeIngestionJob.MeanVector(vectors.Select(v => v.Vector).ToArray())];
        item.EmbeddingsModel = model;
        try
        {
            // updated_at moves with it, so the search index reloads this item's vectors.
            await write.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Re-processed or edited meanwhile: left for the next run (it is still on the old model if nothing re-embedded it).
            logger.LogInformation("Knowledge item {ItemId} changed while re-embedding; skipped", itemId);
        }
    }
}
