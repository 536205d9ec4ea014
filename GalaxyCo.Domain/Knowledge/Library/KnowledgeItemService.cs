using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Domain.Knowledge.Extraction;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Knowledge.Library;

/// <summary>
/// Reads of the library: the filtered list (title/file name search, not the semantic search), the item page, its
/// chunks, the original for download, tag suggestions. Another workspace's id answers NotFound.
/// </summary>
public sealed class KnowledgeItemService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const int MaxTake = 200;

    public async Task<KnowledgeItemPage> ListAsync(KnowledgeItemQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!member.Can(Permissions.RecordsRead)) return new KnowledgeItemPage([], 0);
        await using var db = await factory.CreateDbContextAsync(ct);
        var items = db.KnowledgeItems.AsNoTracking();
        if (query.CollectionId is { } collectionId) items = items.Where(i => i.CollectionId == collectionId);
        if (query.Type is { } type) items = items.Where(i => i.Type == type);
        if (query.Status is { } status) items = items.Where(i => i.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            items = items.Where(i => i.Tags.Contains(tag));
        }
        if (query.Favorite is { } favorite) items = items.Where(i => i.IsFavorite == favorite);
        if (query.ArchivedOnly) items = items.Where(i => i.IsArchived);
        else if (!query.IncludeArchived) items = items.Where(i => !i.IsArchived);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            items = items.Where(i => EF.Functions.ILike(i.Title, pattern, "\\") || (i.FileName != null && EF.Functions.ILike(i.FileName, pattern, "\\")));
        }
        var total = await items.CountAsync(ct);
        items = (query.Sort, query.Descending) switch
        {
            (KnowledgeSort.Title, false) => items.OrderBy(i => i.Title).ThenBy(i => i.Id),
            (KnowledgeSort.Title, true) => items.OrderByDescending(i => i.Title).ThenByDescending(i => i.Id),
            (KnowledgeSort.Created, false) => items.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
            (KnowledgeSort.Created, true) => items.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id),
            (KnowledgeSort.Size, false) => items.OrderBy(i => i.FileSize ?? 0).ThenBy(i => i.Id),
            (KnowledgeSort.Size, true) => items.OrderByDescending(i => i.FileSize ?? 0).ThenByDescending(i => i.Id),
            (_, false) => items.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id),
            _ => items.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id),
        };
        var page = await items.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxTake))
            .Select(i => new { Item = new KnowledgeItem
            {
                Id = i.Id, Title = i.Title, Type = i.Type, Status = i.Status, FileName = i.FileName, FileSize = i.FileSize,
                SourceUrl = i.SourceUrl, CollectionId = i.CollectionId, Tags = i.Tags, IsFavorite = i.IsFavorite, IsArchived = i.IsArchived,
                ProcessingError = i.ProcessingError, ChunkCount = i.ChunkCount, CreatedAt = i.CreatedAt, UpdatedAt = i.UpdatedAt, Version = i.Version,
            }, CollectionName = i.Collection != null ? i.Collection.Name : null })
            .ToListAsync(ct);
        return new KnowledgeItemPage(page.Select(p => KnowledgeLibraryRules.ToSummary(p.Item, p.CollectionName)).ToList(), total);
    }

    public async Task<Result<KnowledgeItemDetails>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<KnowledgeItemDetails>.From(Result.NotFound("Item"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.KnowledgeItems.AsNoTracking().Include(i => i.Collection).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return Result<KnowledgeItemDetails>.From(Result.NotFound("Item"));
        var hasOriginal = item.Type == KnowledgeItemType.Text || await db.KnowledgeItemFiles.AnyAsync(f => f.Id == id, ct);
        Guid? duplicateOf = null;
        if (item.ContentHash is { } hash)
        {
            duplicateOf = await db.KnowledgeItems.AsNoTracking()
                .Where(i => i.ContentHash == hash && i.Id != id && i.CreatedAt <= item.CreatedAt && i.Status != KnowledgeItemStatus.Failed)
                .OrderBy(i => i.CreatedAt).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        }
        var createdBy = item.CreatedBy is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (u.FirstName + " " + u.LastName).Trim()).FirstOrDefaultAsync(ct)
            : null;
        return new KnowledgeItemDetails(
            KnowledgeLibraryRules.ToSummary(item, item.Collection?.Name), item.Content, item.Summary, IsExtract(item), item.ContentType,
            item.Language, item.EmbeddingsModel, item.ProcessedAt, duplicateOf, hasOriginal, string.IsNullOrWhiteSpace(createdBy) ? null : createdBy);
    }

    public async Task<Result<IReadOnlyList<ChunkView>>> GetChunksAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<ChunkView>>.From(Result.NotFound("Item"));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.KnowledgeItems.AnyAsync(i => i.Id == id, ct)) return Result<IReadOnlyList<ChunkView>>.From(Result.NotFound("Item"));
        var chunks = await db.KnowledgeChunks.AsNoTracking().Where(c => c.ItemId == id).OrderBy(c => c.Position)
            .Select(c => new ChunkView(c.Id, c.Position, c.HeadingPath, c.PageNumber, c.Text, c.TokenCount)).ToListAsync(ct);
        return chunks;
    }

    public async Task<Result<ItemOriginal>> GetOriginalAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<ItemOriginal>.From(Result.NotFound("Item"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var file = await db.KnowledgeItemFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is not null) return new ItemOriginal(file.FileName, file.ContentType, file.Content);
        var text = await db.KnowledgeItems.AsNoTracking().Where(i => i.Id == id && i.Type == KnowledgeItemType.Text)
            .Select(i => new { i.Title, i.Content }).FirstOrDefaultAsync(ct);
        if (text is null) return Result<ItemOriginal>.From(Result.NotFound("Original file"));
        return new ItemOriginal(SafeFileName(text.Title) + ".md", "text/markdown; charset=utf-8", Encoding.UTF8.GetBytes(text.Content ?? ""));
    }

    public async Task<Result<IReadOnlyList<string>>> SuggestTagsAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<string>>.From(Result.NotFound("Item"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.KnowledgeItems.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Title, i.Content, i.Tags }).FirstOrDefaultAsync(ct);
        if (item is null) return Result<IReadOnlyList<string>>.From(Result.NotFound("Item"));
        var existing = await AllTagsAsync(db, ct);
        var document = new ExtractedDocument(item.Title, Paragraphs(item.Content));
        var suggested = TagSuggester.Suggest(document, item.Title, existing, max: 6 + item.Tags.Count)
            .Where(t => !item.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)).Take(6).ToList();
        return suggested;
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AllTagsAsync(db, ct);
    }

    private static async Task<List<string>> AllTagsAsync(GalaxyDbContext db, CancellationToken ct) =>
        await db.KnowledgeItems.AsNoTracking().SelectMany(i => i.Tags).Distinct().OrderBy(t => t).Take(1000).ToListAsync(ct);

    /// <summary>
    /// No column says who wrote the summary: the extractive one is the document's own first sentences, so it is an
    /// extract when the content contains it (a model's or a person's summary is not a verbatim passage).
    /// </summary>
    internal static bool IsExtract(KnowledgeItem item)
    {
        if (string.IsNullOrWhiteSpace(item.Summary) || string.IsNullOrEmpty(item.Content)) return false;
        var probe = item.Summary.Trim().TrimEnd('…', '.').Trim();
        if (probe.Length > 120) probe = probe[..120];
        return Normalize(item.Content).Contains(Normalize(probe), StringComparison.Ordinal);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static List<DocumentBlock> Paragraphs(string? content) =>
        (content ?? "").Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new DocumentBlock(DocumentBlockKind.Paragraph, p)).ToList();

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    internal static string SafeFileName(string title)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var name = new string(title.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim();
        return name.Length == 0 ? "item" : name.Length > 100 ? name[..100] : name;
    }
}
