using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Npgsql;

using GalaxyCo.Domain.Knowledge.Search;

namespace GalaxyCo.Domain.Knowledge.Library;

/// <summary>
/// Changes to an item: title, tags and summary (optimistic concurrency), favorite, archive, move between collections,
/// delete (its chunks and original go with it). Collection counts follow through the database triggers.
/// </summary>
public sealed class KnowledgeItemEditService(
    IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, IKnowledgeIngestionQueue queue, KnowledgeChunkStore chunkStore)
{
    public const int MaxSummaryLength = 4000;

    private const string ForbiddenMessage = "You can't edit the library in this workspace.";

    public async Task<Result<KnowledgeItemSummary>> UpdateAsync(Guid id, ItemEdit edit, uint version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (!member.Can(Permissions.RecordsWrite)) return Forbidden();
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.KnowledgeItems.Include(i => i.Collection).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return NotFound();
        var errors = new Dictionary<string, string>();
        if (KnowledgeLibraryRules.CheckTitle(edit.Title) is { } titleError) errors["title"] = titleError;
        var (tags, tagError) = KnowledgeLibraryRules.NormalizeTags(edit.Tags);
        if (tagError is not null) errors["tags"] = tagError;
        if (edit.Summary?.Trim().Length > MaxSummaryLength) errors["summary"] = $"The summary is at most {MaxSummaryLength} characters.";
        if (errors.Count > 0) return Result<KnowledgeItemSummary>.From(Result.Invalid(errors));

        db.Entry(item).Property(i => i.Version).OriginalValue = version;
        var title = edit.Title.Trim();
        var titleChanged = title != item.Title;
        var tagsChanged = !tags.SequenceEqual(item.Tags);
        item.Title = title;
        item.Tags = tags;
        item.Summary = string.IsNullOrWhiteSpace(edit.Summary) ? null : edit.Summary.Trim();
        // An image is found by its title and tags only: its one chunk is rebuilt from them.
        var reprocess = item.Type == KnowledgeItemType.Image && (titleChanged || tagsChanged) && item.Status != KnowledgeItemStatus.Processing;
        if (reprocess) item.Status = KnowledgeItemStatus.Processing;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<KnowledgeItemSummary>.From(Result.Conflict("Someone else changed this item in the meantime. Reload, then try again."));
        }
        if (titleChanged && !reprocess)
        {
            // The title is weight A of every chunk's search_vector: re-weigh them in the same transaction.
            await chunkStore.ReweighTitleAsync(db, item.Id, item.Title, item.Language, ct);
        }
        await tx.CommitAsync(ct);
        if (reprocess) queue.Enqueue(member.WorkspaceId, item.Id);
        return KnowledgeLibraryRules.ToSummary(item, item.Collection?.Name);
    }

    public Task<Result<KnowledgeItemSummary>> SetFavoriteAsync(Guid id, bool favorite, CancellationToken ct = default) =>
        ChangeAsync(id, item => { item.IsFavorite = favorite; return Task.FromResult<Result?>(null); }, ct);

    public Task<Result<KnowledgeItemSummary>> SetArchivedAsync(Guid id, bool archived, CancellationToken ct = default) =>
        ChangeAsync(id, item => { item.IsArchived = archived; return Task.FromResult<Result?>(null); }, ct);

    public async Task<Result<KnowledgeItemSummary>> MoveAsync(Guid id, Guid? collectionId, CancellationToken ct = default)
    {
        await using var check = await factory.CreateDbContextAsync(ct);
        return await ChangeAsync(id, async item =>
        {
            if (await KnowledgeLibraryRules.CheckCollectionAsync(check, collectionId, ct) is { } error) return Result.Invalid("collectionId", error);
            item.CollectionId = collectionId;
            item.Collection = null;
            return null;
        }, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't delete from the library in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.KnowledgeItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return Result.NotFound("Item");
        db.KnowledgeItems.Remove(item);
        // Chunks and the original go by ON DELETE CASCADE in the same statement; the collection count by trigger.
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private async Task<Result<KnowledgeItemSummary>> ChangeAsync(Guid id, Func<KnowledgeItem, Task<Result?>> change, CancellationToken ct)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Forbidden();
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.KnowledgeItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return NotFound();
        if (await change(item) is { } refused) return Result<KnowledgeItemSummary>.From(refused);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<KnowledgeItemSummary>.From(Result.Conflict("The item changed in the meantime. Reload, then try again."));
        }
        return await KnowledgeLibraryRules.SummaryAsync(db, item, ct);
    }

    private static Result<KnowledgeItemSummary> Forbidden() => Result<KnowledgeItemSummary>.From(Result.Forbidden(ForbiddenMessage));

    private static Result<KnowledgeItemSummary> NotFound() => Result<KnowledgeItemSummary>.From(Result.NotFound("Item"));
}
