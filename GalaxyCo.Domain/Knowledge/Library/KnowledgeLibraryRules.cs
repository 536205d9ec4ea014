using System.Security.Cryptography;
using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Knowledge.Library;

/// <summary>The library's shared shapes and input rules, so the list, the item page, edits and ingestion agree.</summary>
internal static class KnowledgeLibraryRules
{
    public const int MaxTitleLength = 500;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;

    public static KnowledgeItemSummary ToSummary(KnowledgeItem i, string? collectionName) => new(
        i.Id, i.Title, i.Type, i.Status, i.FileName, i.FileSize, i.SourceUrl, i.CollectionId, collectionName, [.. i.Tags],
        i.IsFavorite, i.IsArchived, i.ProcessingError, i.ChunkCount, i.CreatedAt, i.UpdatedAt, i.Version);

    /// <summary>The summary of a tracked or loaded item, with its collection's name read when not loaded.</summary>
    public static async Task<KnowledgeItemSummary> SummaryAsync(GalaxyDbContext db, KnowledgeItem item, CancellationToken ct)
    {
        var name = item.Collection?.Name;
        if (name is null && item.CollectionId is { } collectionId)
            name = await db.KnowledgeCollections.AsNoTracking().Where(c => c.Id == collectionId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        return ToSummary(item, name);
    }

    /// <summary>Lower-case, trimmed, distinct; null when fine, else why not.</summary>
    public static (List<string> Tags, string? Error) NormalizeTags(IEnumerable<string>? tags)
    {
        var clean = (tags ?? []).Select(t => (t ?? "").Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (clean.Count > MaxTags) return (clean, $"Use at most {MaxTags} tags.");
        var tooLong = clean.FirstOrDefault(t => t.Length > MaxTagLength);
        return tooLong is null ? (clean, null) : (clean, $"Tags are at most {MaxTagLength} characters (\"{tooLong[..20]}…\").");
    }

    public static string? CheckTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "Enter a title."
        : title.Trim().Length > MaxTitleLength ? $"The title is at most {MaxTitleLength} characters." : null;

    public static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A collection of this workspace (the query filter and RLS keep others out), or a field error.</summary>
    public static async Task<string?> CheckCollectionAsync(GalaxyDbContext db, Guid? collectionId, CancellationToken ct) =>
        collectionId is null || await db.KnowledgeCollections.AnyAsync(c => c.Id == collectionId, ct) ? null : "That collection was not found.";

    /// <summary>An existing item with the same content (not failed: a failed one may be added again).</summary>
    public static Task<KnowledgeItem?> FindDuplicateAsync(GalaxyDbContext db, string hash, CancellationToken ct) =>
        db.KnowledgeItems.AsNoTracking().Include(i => i.Collection)
            .Where(i => i.ContentHash == hash && i.Status != KnowledgeItemStatus.Failed)
            .OrderBy(i => i.CreatedAt).FirstOrDefaultAsync(ct);
}
