using System.Diagnostics;
using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Knowledge.Extraction;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Knowledge.Search;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GalaxyCo.Domain.Knowledge.Ingestion;

/// <summary>
/// The background pipeline of one item: original bytes (stored file, fetched page or the Markdown) -> extraction ->
/// language -> structure-aware chunks -> embeddings -> one transaction writing the chunks and the ready item. Any
/// failure leaves the item "failed" with a message a person can act on and no chunks half-written. Hangfire does not
/// retry failures (they are reported on the item, with a Retry button); a job stopped by a shutdown throws
/// OperationCanceledException and Hangfire runs it again, the item staying "processing" meanwhile.
/// </summary>
public sealed class KnowledgeIngestionJob(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, DocumentExtractor extractor, KnowledgeChunker chunker,
    UrlPageFetcher fetcher, KnowledgeEmbedder embedder, KnowledgeChunkStore chunkStore, IWorkspaceAiClients ai, TimeProvider clock,
    ILogger<KnowledgeIngestionJob> logger)
{
    /// <summary>Chunks embedded between progress notes (and heartbeats the sweep reads) on a large document.</summary>
    public const int ProgressEvery = 256;

    /// <summary>How often a long job stamps its item so the sweep knows it is alive.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromMinutes(1);

    /// <summary>Text given to the chat model for a summary (its start carries the gist; the limit keeps the call cheap).</summary>
    private const int SummaryInputChars = 8000;

    [AutomaticRetry(Attempts = 0)]
    public async Task ProcessAsync(Guid workspaceId, Guid itemId, CancellationToken ct)
    {
        tenant.Actor = new AuditActor("system:knowledge");
        using var entered = tenant.Enter(workspaceId);
        KnowledgeItem? item;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            item = await db.KnowledgeItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        }
        if (item is null || item.Status != KnowledgeItemStatus.Processing) return;
        var started = Stopwatch.StartNew();
        await HeartbeatAsync(itemId, ct);
        try
        {
            var failure = await RunAsync(workspaceId, item, ct);
            if (failure is not null)
            {
                await FailAsync(itemId, failure, ct);
                logger.LogInformation("Knowledge item {ItemId} of workspace {WorkspaceId} failed: {Reason}", itemId, workspaceId, failure);
            }
            else
            {
                logger.LogInformation("Knowledge item {ItemId} of workspace {WorkspaceId} ready in {Elapsed} ms", itemId, workspaceId, started.ElapsedMilliseconds);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Processing knowledge item {ItemId} of workspace {WorkspaceId} failed", itemId, workspaceId);
            await FailAsync(itemId, "Processing failed unexpectedly. Try again; if it keeps failing, the file may be damaged.", ct);
        }
    }

    /// <summary>Null when the item is ready, else the reason it failed.</summary>
    private async Task<string?> RunAsync(Guid workspaceId, KnowledgeItem item, CancellationToken ct)
    {
        // 1. The original.
        byte[] bytes;
        string fileName;
        string? contentType;
        FetchedPage? fetched = null;
        switch (item.Type)
        {
            case KnowledgeItemType.Url:
                var page = await fetcher.FetchAsync(item.SourceUrl ?? "", ct);
                if (!page.Succeeded) return page.Message ?? "The page could not be fetched.";
                fetched = page.Value!;
                (bytes, fileName, contentType) = (fetched.Body, fetched.FileName, fetched.ContentType);
                break;
            case KnowledgeItemType.Text:
                bytes = Encoding.UTF8.GetBytes(item.Content ?? "");
                fileName = KnowledgeItemService.SafeFileName(item.Title) + ".md";
                contentType = "text/markdown";
                break;
            default:
                await using (var db = await factory.CreateDbContextAsync(ct))
                {
                    var file = await db.KnowledgeItemFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == item.Id, ct);
                    if (file is null) return "The original file is missing; upload it again.";
                    (bytes, fileName, contentType) = (file.Content, file.FileName, file.ContentType);
                }
                break;
        }

        // 2. Text, language, chunks.
        var extracted = extractor.Extract(bytes, fileName, contentType);
        if (!extracted.Succeeded) return extracted.Message ?? "The file could not be read.";
        var document = extracted.Value!;
        var title = BetterTitle(item, document, fetched);
        var text = item.Type == KnowledgeItemType.Image ? "" : document.Text;
        var language = LanguageDetector.Detect(text.Length > 0 ? text : title);
        IReadOnlyList<ChunkDraft> chunks = item.Type == KnowledgeItemType.Image
            ? [ImageChunk(title, item)]
            : chunker.Chunk(document, title);
        if (item.Type != KnowledgeItemType.Image && chunks.Count == 0) return "No readable text was found in this file.";

        // 3. Embeddings, in slices so a large manual reports progress and stays visibly alive.
        var vectors = new float[chunks.Count][];
        var model = "";
        var lastBeat = clock.GetTimestamp();
        for (var start = 0; start < chunks.Count; start += ProgressEvery)
        {
            var slice = chunks.Skip(start).Take(ProgressEvery).Select(c => KnowledgeEmbedder.PassageText(title, c.HeadingPath, c.Text)).ToList();
            var embedded = await embedder.EmbedAsync(workspaceId, slice, ct);
            model = embedded.Model;
            Array.Copy(embedded.Vectors, 0, vectors, start, embedded.Vectors.Length);
            if (chunks.Count > ProgressEvery)
            {
                logger.LogInformation("Knowledge item {ItemId}: embedded {Done}/{Total} chunks", item.Id, Math.Min(start + ProgressEvery, chunks.Count), chunks.Count);
            }
            if (clock.GetElapsedTime(lastBeat) >= HeartbeatEvery)
            {
                await HeartbeatAsync(item.Id, ct);
                lastBeat = clock.GetTimestamp();
            }
        }
        if (chunks.Count == 0) model = await embedder.ModelAsync(workspaceId, ct);

        // 4. Summary: the chat model's when the workspace has one, else the document's own first sentences.
        var summary = item.Type == KnowledgeItemType.Image ? null : await SummarizeAsync(workspaceId, title, document, ct);

        // 5. One transaction: chunks and the ready item together, or neither.
        await using var write = await factory.CreateDbContextAsync(ct);
        await using var tx = await write.Database.BeginTransactionAsync(ct);
        // Lock the row: an edit, a delete or a second job for the item waits for (or sees) this one's outcome.
        await write.Database.ExecuteSqlRawAsync("SELECT 1 FROM knowledge_items WHERE id = @id FOR UPDATE", [new NpgsqlParameter("id", item.Id)], ct);
        var current = await write.KnowledgeItems.FirstOrDefaultAsync(i => i.Id == item.Id, ct);
        if (current is null || current.Status != KnowledgeItemStatus.Processing) return null;
        if (current.Title != item.Title) title = current.Title; // renamed meanwhile: the person's title wins
        await chunkStore.ReplaceChunksAsync(write, item.Id, title, language, chunks, vectors, ct);
        if (fetched is not null)
        {
            var file = await write.KnowledgeItemFiles.FirstOrDefaultAsync(f => f.Id == item.Id, ct);
            if (file is null) write.KnowledgeItemFiles.Add(file = new KnowledgeItemFile { Id = item.Id });
            (file.Content, file.ContentType, file.FileName) = (fetched.Body, fetched.ContentType, fetched.FileName);
            current.FileName = fetched.FileName;
            current.FileSize = fetched.Body.Length;
            current.ContentType = fetched.ContentType;
            current.ContentHash = KnowledgeLibraryRules.Sha256Hex(fetched.Body);
        }
        current.Title = title;
        // A text item keeps its Markdown (it is the original, rendered on the item page); others keep the readable text.
        if (item.Type != KnowledgeItemType.Text) current.Content = item.Type == KnowledgeItemType.Image ? null : text;
        if (summary is not null && (string.IsNullOrWhiteSpace(current.Summary) || current.ProcessedAt is null || KnowledgeItemService.IsExtract(current)))
            current.Summary = summary;
        current.Language = language;
        current.ChunkCount = chunks.Count;
        current.Embeddings = [.. MeanVector(vectors)];
        current.EmbeddingsModel = model;
        current.Status = KnowledgeItemStatus.Ready;
        current.ProcessingError = null;
        current.ProcessedAt = clock.GetUtcNow().UtcDateTime;
        // SaveChanges stamps updated_at: the search index sees the item changed and reloads its chunks.
        await write.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    private static string BetterTitle(KnowledgeItem item, ExtractedDocument document, FetchedPage? fetched)
    {
        var own = document.Title?.Trim();
        if (string.IsNullOrEmpty(own)) return item.Title;
        // Only a placeholder title (the file name or the address) gives way to the document's own.
        var placeholder = item.Type switch
        {
            KnowledgeItemType.Url => item.Title == item.SourceUrl || (fetched is not null && item.Title == fetched.FinalUrl.ToString()),
            KnowledgeItemType.Document => item.FileName is not null && item.Title == KnowledgeIngestService.TitleFromFileName(item.FileName),
            _ => false,
        };
        return placeholder ? KnowledgeLibraryRules.Clip(own, KnowledgeLibraryRules.MaxTitleLength) : item.Title;
    }

    private static ChunkDraft ImageChunk(string title, KnowledgeItem item)
    {
        var parts = new List<string> { title };
        if (item.Tags.Count > 0) parts.Add(string.Join(", ", item.Tags));
        if (item.FileName is not null && item.FileName != title) parts.Add(item.FileName);
        var text = string.Join(". ", parts);
        return new ChunkDraft(0, text, null, null, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<string?> SummarizeAsync(Guid workspaceId, string title, ExtractedDocument document, CancellationToken ct)
    {
        var chat = await ai.ChatAsync(workspaceId, ct);
        if (chat is { } c)
        {
            try
            {
                var text = document.Text;
                if (text.Length > SummaryInputChars) text = text[..SummaryInputChars];
                var response = await c.Client.GetResponseAsync(
                [
                    new ChatMessage(ChatRole.System, "Summarize the document in two or three plain sentences for a library listing. Use only what the document says."),
                    new ChatMessage(ChatRole.User, $"Title: {title}\n\n{text}"),
                ], new ChatOptions { ModelId = c.Model, MaxOutputTokens = 200 }, ct);
                var written = response.Text?.Trim();
                if (!string.IsNullOrEmpty(written)) return KnowledgeLibraryRules.Clip(written, KnowledgeItemEditService.MaxSummaryLength);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A provider that is down costs the item its written summary, not its place in the library.
                logger.LogWarning(e, "Summary by {Model} failed for a knowledge item of workspace {WorkspaceId}; using an extract", c.Model, workspaceId);
            }
        }
        return ExtractiveSummary.From(document);
    }

    internal static float[] MeanVector(float[][] vectors)
    {
        if (vectors.Length == 0) return [];
        var mean = new float[vectors[0].Length];
        foreach (var v in vectors) System.Numerics.Tensors.TensorPrimitives.Add(mean, v, mean);
        return LocalMiniLmEmbeddingGenerator.Normalize(mean);
    }

    /// <summary>Stamps updated_at of a processing item (no audit row, no version check): the sweep's sign of life.</summary>
    private async Task HeartbeatAsync(Guid itemId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.KnowledgeItems.Where(i => i.Id == itemId && i.Status == KnowledgeItemStatus.Processing)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, now), ct);
    }

    private async Task FailAsync(Guid itemId, string message, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.KnowledgeItems.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || item.Status != KnowledgeItemStatus.Processing) return;
        item.Status = KnowledgeItemStatus.Failed;
        item.ProcessingError = KnowledgeLibraryRules.Clip(message, 2000);
        item.ProcessedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Edited meanwhile: record the failure on the fresh row rather than lose it.
            await db.KnowledgeItems.Where(i => i.Id == itemId && i.Status == KnowledgeItemStatus.Processing).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, KnowledgeItemStatus.Failed).SetProperty(i => i.ProcessingError, item.ProcessingError)
                .SetProperty(i => i.ProcessedAt, item.ProcessedAt).SetProperty(i => i.UpdatedAt, item.ProcessedAt!.Value), ct);
        }
    }
}
