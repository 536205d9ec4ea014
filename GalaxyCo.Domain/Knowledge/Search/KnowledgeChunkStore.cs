using System.Buffers.Binary;
using System.Runtime.InteropServices;
using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Domain.Knowledge.Search;

/// <summary>
/// Writes an item's chunks: all of them in two statements (delete, then one insert over unnested arrays), with
/// PostgreSQL computing search_vector in the item's language — title weight A, heading path B, text D — so full-text
/// ranking uses the same stemming as the query. Runs inside the caller's transaction and context (tenant entered).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An injected service: callers (ingestion, re-embed) take it from DI and tests can wrap it.")]
public sealed class KnowledgeChunkStore
{
    private const string Workspace = RowLevelSecurity.CurrentWorkspace;

    public async Task ReplaceChunksAsync(
        GalaxyDbContext db, Guid itemId, string title, string language, IReadOnlyList<ChunkDraft> chunks, float[][] vectors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Length != chunks.Count) throw new ArgumentException("One vector per chunk.", nameof(vectors));
        await db.Database.ExecuteSqlRawAsync("DELETE FROM knowledge_chunks WHERE item_id = @item", [new NpgsqlParameter("item", itemId)], ct);
        if (chunks.Count == 0) return;

        var n = chunks.Count;
        var ids = new Guid[n];
        var positions = new int[n];
        var headings = new string?[n];
        var pages = new int?[n];
        var texts = new string[n];
        var tokens = new int[n];
        var embeddings = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            var c = chunks[i];
            ids[i] = Guid.CreateVersion7();
            positions[i] = c.Position;
            headings[i] = Clean(c.HeadingPath);
            pages[i] = c.PageNumber;
            texts[i] = Clean(c.Text) ?? "";
            tokens[i] = c.TokenCount;
            embeddings[i] = ToBytes(vectors[i]);
        }
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO knowledge_chunks (id, workspace_id, item_id, position, heading_path, page_number, text, token_count, embedding, search_vector)
            SELECT u.id, {Workspace}, @item, u.position, u.heading_path, u.page, u.text, u.tokens, u.embedding, {SearchVector}
            FROM unnest(@ids, @positions, @headings, @pages, @texts, @tokens, @embeddings)
                 AS u(id, position, heading_path, page, text, tokens, embedding)
            """,
            [
                new NpgsqlParameter("item", itemId),
                .. SearchVectorParameters(title, language),
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids },
                new NpgsqlParameter("positions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = positions },
                new NpgsqlParameter("headings", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = headings },
                new NpgsqlParameter("pages", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = pages },
                new NpgsqlParameter("texts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts },
                new NpgsqlParameter("tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = tokens },
                new NpgsqlParameter("embeddings", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = embeddings },
            ], ct);
    }

    /// <summary>
    /// Re-weighs the item's chunks after its title changed (weight A of every chunk's search_vector), with the same
    /// expression the chunks were written with. Inside the caller's transaction.
    /// </summary>
    public async Task ReweighTitleAsync(GalaxyDbContext db, Guid itemId, string title, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE knowledge_chunks SET search_vector = {SearchVector} WHERE item_id = @item",
            [new NpgsqlParameter("item", itemId), .. SearchVectorParameters(title, language)], ct);
    }

    /// <summary>
    /// search_vector: title (weight A), heading path (B) and text (D), stemmed with @lang. Over columns named
    /// heading_path and text: the table's own (re-weighing) or the unnested input's (insert).
    /// </summary>
    private const string SearchVector =
        "setweight(to_tsvector(@lang::regconfig, @title), 'A') || setweight(to_tsvector(@lang::regconfig, coalesce(heading_path, '')), 'B') || to_tsvector(@lang::regconfig, text)";

    private static NpgsqlParameter[] SearchVectorParameters(string title, string language) =>
    [
        new NpgsqlParameter("lang", NpgsqlDbType.Text) { Value = string.IsNullOrWhiteSpace(language) ? "simple" : language },
        new NpgsqlParameter("title", NpgsqlDbType.Text) { Value = Clean(title) ?? "" },
    ];

    /// <summary>Replaces the vectors of existing chunks (re-embedding with another model) in one statement.</summary>
    public async Task UpdateEmbeddingsAsync(GalaxyDbContext db, IReadOnlyList<(Guid ChunkId, float[] Vector)> vectors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0) return;
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE knowledge_chunks AS c SET embedding = u.embedding
            FROM unnest(@ids, @embeddings) AS u(id, embedding)
            WHERE c.id = u.id
            """,
            [
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = vectors.Select(v => v.ChunkId).ToArray() },
                new NpgsqlParameter("embeddings", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = vectors.Select(v => ToBytes(v.Vector)).ToArray() },
            ], ct);
    }

    /// <summary>A vector as little-endian float32s (the embedding column's format).</summary>
    public static byte[] ToBytes(float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var bytes = new byte[vector.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < vector.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
        }
        return bytes;
    }

    public static float[] FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var vector = new float[bytes.Length / sizeof(float)];
        ReadInto(bytes, vector);
        return vector;
    }

    internal static void ReadInto(ReadOnlySpan<byte> bytes, Span<float> target)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes[..(target.Length * sizeof(float))]).CopyTo(target);
        }
        else
        {
            for (var i = 0; i < target.Length; i++) target[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }
    }

    // PostgreSQL text cannot hold NUL; the index's highlight markers are private-use characters and must not occur in text.
    private static string? Clean(string? text) =>
        text is null ? null : text.Replace("\0", "", StringComparison.Ordinal)
            .Replace(KnowledgeHighlighter.Start, ' ').Replace(KnowledgeHighlighter.Stop, ' ');
}
