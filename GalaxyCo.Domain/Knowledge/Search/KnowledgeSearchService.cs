using System.Diagnostics;
using GalaxyCo.Data;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Domain.Knowledge.Search;

/// <summary>
/// Hybrid retrieval over the workspace's library: BM25 over PostgreSQL's lexemes and cosine similarity of the query's
/// embedding, fused with weighted reciprocal rank fusion (<see cref="KnowledgeRanking"/>), or either side alone for
/// the "why this result" comparison. Results are chunks, best first, each with its passage highlighted (safe HTML).
/// </summary>
public sealed class KnowledgeSearchService(
    IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, KnowledgeSearchIndex index, KnowledgeEmbedder embedder)
{
    public const int MaxQueryLength = 500;
    public const int MaxK = 50;

    public async Task<Result<KnowledgeSearchResults>> SearchAsync(KnowledgeSearchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!member.Can(Permissions.RecordsRead)) return Result<KnowledgeSearchResults>.From(Result.Forbidden("You cannot read this workspace's library."));
        var query = request.Query?.Trim() ?? "";
        if (query.Length == 0) return Result<KnowledgeSearchResults>.From(Result.Invalid("query", "Type something to search for."));
        if (query.Length > MaxQueryLength) return Result<KnowledgeSearchResults>.From(Result.Invalid("query", $"Keep the search under {MaxQueryLength} characters."));
        if (request.K is < 1 or > MaxK) return Result<KnowledgeSearchResults>.From(Result.Invalid("k", $"Ask for between 1 and {MaxK} results."));
        return await SearchCoreAsync(query, request.K, request.Filter, request.Mode, ct);
    }

    /// <summary>The search without validation (the ask service validates its own question).</summary>
    internal async Task<KnowledgeSearchResults> SearchCoreAsync(string query, int k, KnowledgeFilter? filter, RetrievalMode mode, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var workspaceId = member.WorkspaceId;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var snapshot = await index.GetAsync(db, workspaceId, ct);
        var model = await embedder.ModelAsync(workspaceId, ct);
        if (snapshot.Items.Length == 0)
        {
            return new KnowledgeSearchResults(query, mode, [], 0, model, watch.Elapsed);
        }

        var lexemes = await QueryLexemesAsync(db, query, snapshot.Languages, ct);
        float[]? vector = null;
        if (mode != RetrievalMode.FullText)
        {
            var embedded = await embedder.EmbedAsync(workspaceId, [query], ct);
            vector = embedded.Vectors[0];
            model = embedded.Model;
        }
        var depth = Math.Max(KnowledgeRanking.CandidateDepth, k);
        var outcome = KnowledgeSearchIndex.Search(snapshot, mode == RetrievalMode.Vector ? new Dictionary<string, string[]>() : lexemes, vector, model, filter, depth);

        var fused = Fuse(outcome, mode).Take(k).ToList();
        var hits = await HitsAsync(db, fused, lexemes, ct);
        return new KnowledgeSearchResults(query, mode, hits, outcome.ChunksSearched, model, watch.Elapsed);
    }

    private sealed record Candidate(Ranked Ranked, int? FullTextRank, double? FullTextScore, int? VectorRank, double? VectorSimilarity, double Score);

    private static IEnumerable<Candidate> Fuse(SearchOutcome outcome, RetrievalMode mode)
    {
        var byChunk = new Dictionary<Guid, (Ranked Ranked, int? FtRank, double? FtScore, int? VRank, double? VSim)>();
        for (var i = 0; i < outcome.FullText.Count; i++)
        {
            var r = outcome.FullText[i];
            byChunk[r.ChunkId] = (r, i + 1, r.Score, null, null);
        }
        for (var i = 0; i < outcome.Vector.Count; i++)
        {
            var r = outcome.Vector[i];
            byChunk[r.ChunkId] = byChunk.TryGetValue(r.ChunkId, out var seen) ? seen with { VRank = i + 1, VSim = r.Score } : (r, null, null, i + 1, r.Score);
        }
        var candidates = byChunk.Values.Select(c => new Candidate(c.Ranked, c.FtRank, c.FtScore, c.VRank, c.VSim, mode switch
        {
            RetrievalMode.FullText => c.FtScore ?? double.NegativeInfinity,
            RetrievalMode.Vector => c.VSim ?? double.NegativeInfinity,
            _ => KnowledgeRanking.Fuse(c.FtRank, c.VRank),
        }));
        // Ties (same fused score) go to the better vector rank, then the better full-text rank, then the chunk id: stable.
        return candidates.Where(c => !double.IsNegativeInfinity(c.Score))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.VectorRank ?? int.MaxValue)
            .ThenBy(c => c.FullTextRank ?? int.MaxValue)
            .ThenBy(c => c.Ranked.ChunkId);
    }

    /// <summary>The query's lexemes as each language present in the library normalises them (to_tsvector, so stemming matches the chunks').</summary>
    private static async Task<Dictionary<string, string[]>> QueryLexemesAsync(GalaxyDbContext db, string query, string[] languages, CancellationToken ct)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            SELECT l, coalesce((SELECT array_agg(lexeme) FROM unnest(to_tsvector(l::regconfig, @q))), '{}')
            FROM unnest(@langs) AS l
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = query.Replace("\0", "", StringComparison.Ordinal) });
        command.Parameters.Add(new NpgsqlParameter("langs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = languages });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var lexemes = reader.GetFieldValue<string[]>(1);
            if (lexemes.Length > 0) result[reader.GetString(0)] = lexemes;
        }
        return result;
    }

    private static async Task<IReadOnlyList<KnowledgeHit>> HitsAsync(
        GalaxyDbContext db, List<Candidate> fused, Dictionary<string, string[]> lexemes, CancellationToken ct)
    {
        if (fused.Count == 0) return [];
        var ids = fused.Select(f => f.Ranked.ChunkId).ToArray();
        var queries = fused.Select(f => lexemes.TryGetValue(f.Ranked.Item.Meta.Language, out var l) ? KnowledgeHighlighter.AnyOf(l) : "").ToArray();
        var languages = fused.Select(f => f.Ranked.Item.Meta.Language).ToArray();
        var rows = new Dictionary<Guid, (string Text, string Marked, string? Heading, int? Page, int Position)>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // ts_headline marks with private-use characters (stripped from stored text); the passage is HTML-encoded after.
        await using var command = new NpgsqlCommand($"""
            SELECT c.id, c.text,
                   CASE WHEN u.q = '' THEN c.text
                        ELSE ts_headline(u.lang::regconfig, c.text, u.q::tsquery,
                                         'HighlightAll=true, StartSel={KnowledgeHighlighter.Start}, StopSel={KnowledgeHighlighter.Stop}') END,
                   c.heading_path, c.page_number, c.position
            FROM unnest(@ids, @queries, @langs) AS u(id, q, lang)
            JOIN knowledge_chunks AS c ON c.id = u.id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
        command.Parameters.Add(new NpgsqlParameter("queries", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = queries });
        command.Parameters.Add(new NpgsqlParameter("langs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = languages });
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows[reader.GetGuid(0)] = (reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetInt32(5));
            }
        }

        var hits = new List<KnowledgeHit>(fused.Count);
        foreach (var f in fused)
        {
            // A chunk replaced since the snapshot was taken is skipped rather than shown with stale ranks.
            if (!rows.TryGetValue(f.Ranked.ChunkId, out var row)) continue;
            var meta = f.Ranked.Item.Meta;
            hits.Add(new KnowledgeHit(
                f.Ranked.ChunkId, meta.Id, meta.Title, meta.FileName, meta.Type, row.Heading, row.Page, row.Position, row.Text,
                KnowledgeHighlighter.ToHtml(row.Marked), f.FullTextRank, f.FullTextScore, f.VectorRank, f.VectorSimilarity,
                hits.Count + 1, f.Score));
        }
        return hits;
    }
}
