using System.Collections.Concurrent;
using System.Numerics.Tensors;
using GalaxyCo.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Domain.Knowledge.Search;

/// <summary>
/// Per-workspace in-memory search index over the chunks of ready, non-archived items: vectors in one contiguous float
/// array per item (dot products with TensorPrimitives, normalised vectors so dot = cosine) and a BM25 index over the
/// lexemes and weights of PostgreSQL's search_vector. It exists because under forced RLS `@@` is not leakproof, so
/// PostgreSQL never uses a GIN index for a tenant-scoped full-text query, and no vector extension is installable.
/// Freshness: each use reads count(*) and max(updated_at) of the workspace's items; on a change only items whose
/// chunks changed are reloaded (one streamed query), metadata (title, tags, collection...) is refreshed for all,
/// removed items are dropped. Entries are per workspace (loaded through a context entered into that workspace, so RLS
/// guarantees nothing else is read) and are released after <see cref="IdleLifetime"/> without use.
/// </summary>
public sealed class KnowledgeSearchIndex(TimeProvider clock)
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<Guid, WorkspaceEntry> _entries = new();

    /// <summary>Forgets the workspace's index: the next search reloads it.</summary>
    public void Invalidate(Guid workspaceId) => _entries.TryRemove(workspaceId, out _);

    /// <summary>The workspace's current snapshot; <paramref name="db"/> must be entered into <paramref name="workspaceId"/>.</summary>
    internal async Task<IndexSnapshot> GetAsync(GalaxyDbContext db, Guid workspaceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.CurrentWorkspaceId != workspaceId) throw new InvalidOperationException("The context is not entered into the workspace searched.");
        var now = clock.GetUtcNow();
        ReleaseIdle(now, workspaceId);
        var entry = _entries.GetOrAdd(workspaceId, _ => new WorkspaceEntry());
        entry.LastUsed = now;
        // One aggregate row (RLS scopes it to the workspace); an index-only scan of (workspace_id, updated_at).
        var stamp = (await db.Database.SqlQuery<Stamp>($"SELECT count(*)::int AS count, max(updated_at) AS max_updated_at FROM knowledge_items")
            .ToListAsync(ct)).Single();
        var current = entry.Snapshot;
        if (current is not null && current.Stamp == stamp) return current;

        await entry.Gate.WaitAsync(ct);
        try
        {
            current = entry.Snapshot;
            if (current is not null && current.Stamp == stamp) return current;
            var fresh = await RefreshAsync(db, entry, current, ct);
            entry.Snapshot = fresh;
            return fresh;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private void ReleaseIdle(DateTimeOffset now, Guid keep)
    {
        foreach (var (id, entry) in _entries)
        {
            if (id != keep && now - entry.LastUsed > IdleLifetime) _entries.TryRemove(id, out _);
        }
    }

    private static async Task<IndexSnapshot> RefreshAsync(GalaxyDbContext db, WorkspaceEntry entry, IndexSnapshot? previous, CancellationToken ct)
    {
        // The stamp is read again with the rows, so a change racing the load makes the next search reload, never miss it.
        var rows = await db.KnowledgeItems.AsNoTracking()
            .Select(i => new
            {
                i.Id, i.Title, i.FileName, i.Type, i.CollectionId, i.Tags, i.IsFavorite, i.Language, i.EmbeddingsModel,
                i.ProcessedAt, i.ChunkCount, i.UpdatedAt, i.Status, i.IsArchived,
            })
            .ToListAsync(ct);
        var stamp = new Stamp(rows.Count, rows.Count == 0 ? null : rows.Max(r => r.UpdatedAt));
        var old = previous?.Items.ToDictionary(i => i.Meta.Id) ?? [];
        var metas = rows.Where(r => r.Status == KnowledgeItemStatus.Ready && !r.IsArchived)
            .Select(r => new ItemMeta(r.Id, r.Title, r.FileName, r.Type, r.CollectionId, r.Tags.ToArray(), r.IsFavorite,
                string.IsNullOrWhiteSpace(r.Language) ? "simple" : r.Language, r.EmbeddingsModel, r.ProcessedAt, r.ChunkCount))
            .ToList();

        var kept = new Dictionary<Guid, ChunkData>();
        var load = new List<Guid>();
        foreach (var meta in metas)
        {
            if (old.TryGetValue(meta.Id, out var was) && was.Meta.SameChunks(meta)) kept[meta.Id] = was.Chunks;
            else load.Add(meta.Id);
        }
        var loaded = load.Count == 0 ? [] : await LoadChunksAsync(db, entry, load, ct);

        var df = previous is null ? new int[entry.Terms.Count] : new int[Math.Max(entry.Terms.Count, previous.Df.Length)];
        var items = new List<IndexedItem>(metas.Count);
        foreach (var meta in metas)
        {
            var chunks = kept.GetValueOrDefault(meta.Id) ?? loaded.GetValueOrDefault(meta.Id) ?? ChunkData.Empty;
            if (chunks.Count == 0) continue;
            items.Add(new IndexedItem(meta, chunks));
        }
        // Document frequencies are recounted from the item term lists (cheap: one pass over distinct terms per item).
        long totalChunks = 0;
        double totalLength = 0;
        var maxChunks = 0;
        foreach (var item in items)
        {
            var c = item.Chunks;
            for (var t = 0; t < c.TermIds.Length; t++) df[c.TermIds[t]] += c.TermStarts[t + 1] - c.TermStarts[t];
            totalChunks += c.Count;
            for (var i = 0; i < c.Count; i++) totalLength += c.Lengths[i];
            maxChunks = Math.Max(maxChunks, c.Count);
        }
        return new IndexSnapshot(stamp, [.. items], df, totalChunks, totalChunks == 0 ? 1 : totalLength / totalChunks, maxChunks,
            items.Select(i => i.Meta.Language).Distinct(StringComparer.Ordinal).ToArray(), entry.Terms);
    }

    private static async Task<Dictionary<Guid, ChunkData>> LoadChunksAsync(GalaxyDbContext db, WorkspaceEntry entry, List<Guid> itemIds, CancellationToken ct)
    {
        var builders = new Dictionary<Guid, ChunkDataBuilder>();
        var wasOpen = db.Database.GetDbConnection().State == System.Data.ConnectionState.Open;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var command = new NpgsqlCommand(
                "SELECT item_id, id, embedding, search_vector FROM knowledge_chunks WHERE item_id = ANY(@ids)", connection);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = itemIds.ToArray() });
            command.CommandTimeout = 300;
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
            var buffer = new byte[4096];
            while (await reader.ReadAsync(ct))
            {
                var itemId = reader.GetGuid(0);
                var chunkId = reader.GetGuid(1);
                var length = reader.IsDBNull(2) ? 0 : (int)reader.GetBytes(2, 0, null, 0, 0);
                if (length > buffer.Length) buffer = new byte[length];
                if (length > 0) reader.GetBytes(2, 0, buffer, 0, length);
                var vector = buffer.AsSpan(0, length);
                var terms = reader.IsDBNull(3) ? null : reader.GetFieldValue<NpgsqlTsVector>(3);
                if (!builders.TryGetValue(itemId, out var builder)) builders[itemId] = builder = new ChunkDataBuilder();
                builder.Add(chunkId, vector, terms, entry.Terms);
            }
        }
        finally
        {
            if (!wasOpen) await db.Database.CloseConnectionAsync();
        }
        return builders.ToDictionary(b => b.Key, b => b.Value.Build());
    }

    /// <summary>
    /// Ranks chunks of <paramref name="snapshot"/>'s items that pass <paramref name="filter"/>: BM25 with the query's
    /// lexemes per item language (<paramref name="lexemesByLanguage"/>), and cosine similarity with
    /// <paramref name="queryVector"/> over items embedded with <paramref name="queryModel"/>. Each list best first, at most
    /// <paramref name="depth"/> long.
    /// </summary>
    internal static SearchOutcome Search(
        IndexSnapshot snapshot, IReadOnlyDictionary<string, string[]> lexemesByLanguage, float[]? queryVector, string? queryModel,
        KnowledgeFilter? filter, int depth)
    {
        var items = snapshot.Items.Where(i => Passes(i.Meta, filter)).ToArray();
        var searched = items.Sum(i => i.Chunks.Count);
        var fullText = lexemesByLanguage.Count == 0 ? [] : FullText(snapshot, items, lexemesByLanguage, depth);
        var vector = queryVector is null ? [] : Vector(items, queryVector, queryModel, depth, searched);
        return new SearchOutcome(fullText, vector, searched);
    }

    private static bool Passes(ItemMeta meta, KnowledgeFilter? filter)
    {
        if (filter is null) return true;
        if (filter.CollectionId is { } c && meta.CollectionId != c) return false;
        if (filter.Type is { } t && meta.Type != t) return false;
        if (filter.Favorite is { } f && meta.IsFavorite != f) return false;
        if (!string.IsNullOrWhiteSpace(filter.Tag) && !meta.Tags.Contains(filter.Tag.Trim(), StringComparer.OrdinalIgnoreCase)) return false;
        if (filter.ItemIds is { } ids && !ids.Contains(meta.Id)) return false;
        return true;
    }

    private static List<Ranked> FullText(IndexSnapshot snapshot, IndexedItem[] items, IReadOnlyDictionary<string, string[]> lexemesByLanguage, int depth)
    {
        var k1 = KnowledgeRanking.Bm25K1;
        var b = KnowledgeRanking.Bm25B;
        var n = (double)snapshot.TotalChunks;
        var queryTerms = new Dictionary<string, (int Term, double Idf)[]>(StringComparer.Ordinal);
        foreach (var (language, lexemes) in lexemesByLanguage)
        {
            queryTerms[language] = lexemes.Distinct(StringComparer.Ordinal)
                .Select(l => snapshot.Terms.TryGetValue(l, out var id) && id < snapshot.Df.Length && snapshot.Df[id] > 0 ? id : -1)
                .Where(id => id >= 0)
                .Select(id => (id, Math.Log(1 + (n - snapshot.Df[id] + 0.5) / (snapshot.Df[id] + 0.5))))
                .ToArray();
        }
        var heap = new TopK(depth);
        var scores = new double[Math.Max(1, snapshot.MaxChunks)];
        var touched = new List<int>();
        for (var itemIndex = 0; itemIndex < items.Length; itemIndex++)
        {
            var item = items[itemIndex];
            if (!queryTerms.TryGetValue(item.Meta.Language, out var terms) || terms.Length == 0) continue;
            var c = item.Chunks;
            foreach (var (term, idf) in terms)
            {
                var at = Array.BinarySearch(c.TermIds, term);
                if (at < 0) continue;
                for (var p = c.TermStarts[at]; p < c.TermStarts[at + 1]; p++)
                {
                    var chunk = c.PostChunks[p];
                    var tf = (double)c.PostTfs[p];
                    var norm = k1 * (1 - b + b * c.Lengths[chunk] / snapshot.AverageLength);
                    if (scores[chunk] == 0) touched.Add(chunk);
                    scores[chunk] += idf * tf * (k1 + 1) / (tf + norm);
                }
            }
            foreach (var chunk in touched)
            {
                heap.Offer(item, chunk, scores[chunk]);
                scores[chunk] = 0;
            }
            touched.Clear();
        }
        return heap.Drain();
    }

    private static List<Ranked> Vector(IndexedItem[] items, float[] query, string? model, int depth, int searched)
    {
        var usable = items.Where(i => i.Chunks.Vectors is not null && i.Chunks.Dimensions == query.Length
            && string.Equals(i.Meta.EmbeddingsModel ?? model, model, StringComparison.Ordinal)).ToArray();
        if (searched < KnowledgeRanking.ParallelScanThreshold || usable.Length < 2) return Scan(usable, 0, usable.Length, query, depth).Drain();

        // Two partitions of about equal chunk counts, one per core.
        var half = searched / 2;
        var split = 0;
        for (var sum = 0; split < usable.Length && sum < half; split++) sum += usable[split].Chunks.Count;
        TopK? left = null, right = null;
        Parallel.Invoke(() => left = Scan(usable, 0, split, query, depth), () => right = Scan(usable, split, usable.Length, query, depth));
        left!.Merge(right!);
        return left.Drain();
    }

    private static TopK Scan(IndexedItem[] items, int from, int to, float[] query, int depth)
    {
        var heap = new TopK(depth);
        var q = query.AsSpan();
        for (var i = from; i < to; i++)
        {
            var c = items[i].Chunks;
            var vectors = c.Vectors.AsSpan();
            var dims = c.Dimensions;
            for (var chunk = 0; chunk < c.Count; chunk++)
            {
                if (c.MissingVector is { } missing && missing[chunk]) continue;
                heap.Offer(items[i], chunk, TensorPrimitives.Dot(vectors.Slice(chunk * dims, dims), q));
            }
        }
        return heap;
    }

    private sealed class WorkspaceEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile IndexSnapshot? Snapshot;
        public ConcurrentDictionary<string, int> Terms { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset LastUsed { get; set; }
    }
}

internal sealed record Stamp(int Count, DateTime? MaxUpdatedAt);

internal sealed record ItemMeta(
    Guid Id, string Title, string? FileName, KnowledgeItemType Type, Guid? CollectionId, string[] Tags, bool IsFavorite,
    string Language, string? EmbeddingsModel, DateTime? ProcessedAt, int ChunkCount)
{
    /// <summary>
    /// Whether the item's chunks are the ones indexed before: reprocessing or re-embedding changes these, and so does a
    /// new title (weight A of every chunk's search_vector, re-weighed in place).
    /// </summary>
    public bool SameChunks(ItemMeta other) =>
        ProcessedAt == other.ProcessedAt && string.Equals(Title, other.Title, StringComparison.Ordinal) && ChunkCount == other.ChunkCount
        && string.Equals(EmbeddingsModel, other.EmbeddingsModel, StringComparison.Ordinal)
        && string.Equals(Language, other.Language, StringComparison.Ordinal);
}

internal sealed record IndexedItem(ItemMeta Meta, ChunkData Chunks);

internal sealed record IndexSnapshot(
    Stamp Stamp, IndexedItem[] Items, int[] Df, long TotalChunks, double AverageLength, int MaxChunks, string[] Languages,
    ConcurrentDictionary<string, int> Terms)
{
    /// <summary>Approximate managed memory of the chunk data (vectors, postings, ids), for sizing.</summary>
    public long ApproximateBytes => Items.Sum(i => i.Chunks.ApproximateBytes) + Df.Length * 4L;
}

internal sealed record Ranked(IndexedItem Item, int Chunk, double Score)
{
    public Guid ChunkId => Item.Chunks.ChunkIds[Chunk];
}

internal sealed record SearchOutcome(IReadOnlyList<Ranked> FullText, IReadOnlyList<Ranked> Vector, int ChunksSearched);

/// <summary>
/// One item's chunks, compactly: ids, BM25 lengths, postings grouped by term (sorted term ids, binary-searched) with the
/// chunk as ushort and the weighted term frequency as Half, and the vectors back to back in one array.
/// </summary>
internal sealed class ChunkData
{
    public static readonly ChunkData Empty = new([], [], [], [0], [], [], null, 0, null);

    public ChunkData(Guid[] chunkIds, float[] lengths, int[] termIds, int[] termStarts, ushort[] postChunks, Half[] postTfs,
        float[]? vectors, int dimensions, bool[]? missingVector)
    {
        ChunkIds = chunkIds;
        Lengths = lengths;
        TermIds = termIds;
        TermStarts = termStarts;
        PostChunks = postChunks;
        PostTfs = postTfs;
        Vectors = vectors;
        Dimensions = dimensions;
        MissingVector = missingVector;
    }

    public int Count => ChunkIds.Length;
    public Guid[] ChunkIds { get; }
    public float[] Lengths { get; }
    public int[] TermIds { get; }
    public int[] TermStarts { get; }
    public ushort[] PostChunks { get; }
    public Half[] PostTfs { get; }
    public float[]? Vectors { get; }
    public int Dimensions { get; }
    public bool[]? MissingVector { get; }

    public long ApproximateBytes =>
        ChunkIds.Length * 16L + Lengths.Length * 4L + TermIds.Length * 4L + TermStarts.Length * 4L + PostChunks.Length * 2L
        + PostTfs.Length * 2L + (Vectors?.Length ?? 0) * 4L + (MissingVector?.Length ?? 0) + 200;
}

internal sealed class ChunkDataBuilder
{
    // An item never has this many chunks (text is capped at a few million characters); more would not fit the ushort.
    private const int MaxChunks = ushort.MaxValue;

    private readonly List<Guid> _ids = [];
    private readonly List<float> _lengths = [];
    private readonly List<(int Term, ushort Chunk, float Tf)> _postings = [];
    private readonly List<float> _vectors = [];
    private readonly List<bool> _missing = [];
    private int _dimensions = -1;

    public void Add(Guid chunkId, ReadOnlySpan<byte> embedding, NpgsqlTsVector? terms, ConcurrentDictionary<string, int> dictionary)
    {
        if (_ids.Count >= MaxChunks) return;
        var chunk = (ushort)_ids.Count;
        _ids.Add(chunkId);
        float length = 0;
        if (terms is not null)
        {
            foreach (var lexeme in terms)
            {
                float tf = 0;
                if (lexeme.Count == 0) tf = KnowledgeRanking.TextWeight;
                for (var p = 0; p < lexeme.Count; p++) tf += Weight(lexeme[p].Weight);
                if (!dictionary.TryGetValue(lexeme.Text, out var id))
                {
                    // Single writer (the refresh holds the workspace's gate); readers only look up.
                    id = dictionary.Count;
                    dictionary[lexeme.Text] = id;
                }
                _postings.Add((id, chunk, tf));
                length += tf;
            }
        }
        _lengths.Add(length);

        var dims = embedding.Length / sizeof(float);
        if (_dimensions < 0 && dims > 0) _dimensions = dims;
        if (dims > 0 && dims == _dimensions)
        {
            var start = _vectors.Count;
            System.Runtime.InteropServices.CollectionsMarshal.SetCount(_vectors, start + dims);
            KnowledgeChunkStore.ReadInto(embedding, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_vectors).Slice(start, dims));
            _missing.Add(false);
        }
        else
        {
            var start = _vectors.Count;
            System.Runtime.InteropServices.CollectionsMarshal.SetCount(_vectors, start + Math.Max(_dimensions, 0));
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_vectors)[start..].Clear();
            _missing.Add(true);
        }
    }

    private static float Weight(NpgsqlTsVector.Lexeme.Weight weight) => weight switch
    {
        NpgsqlTsVector.Lexeme.Weight.A => KnowledgeRanking.TitleWeight,
        NpgsqlTsVector.Lexeme.Weight.B => KnowledgeRanking.HeadingWeight,
        NpgsqlTsVector.Lexeme.Weight.C => KnowledgeRanking.CWeight,
        _ => KnowledgeRanking.TextWeight,
    };

    public ChunkData Build()
    {
        _postings.Sort((x, y) => x.Term != y.Term ? x.Term.CompareTo(y.Term) : x.Chunk.CompareTo(y.Chunk));
        var termIds = new List<int>();
        var starts = new List<int>();
        for (var i = 0; i < _postings.Count; i++)
        {
            if (i == 0 || _postings[i].Term != _postings[i - 1].Term)
            {
                termIds.Add(_postings[i].Term);
                starts.Add(i);
            }
        }
        starts.Add(_postings.Count);
        var hasVectors = _dimensions > 0 && _missing.Contains(false);
        // Chunks before the first vector got no padding (dimensions were unknown): rebuild the array with them zeroed.
        float[]? vectors = null;
        if (hasVectors)
        {
            vectors = new float[_ids.Count * _dimensions];
            var offset = _vectors.Count - vectors.Length;
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_vectors)[offset..].CopyTo(vectors.AsSpan(Math.Max(0, -offset)));
        }
        return new ChunkData(
            [.. _ids], [.. _lengths], [.. termIds], [.. starts],
            _postings.Select(p => p.Chunk).ToArray(), _postings.Select(p => (Half)p.Tf).ToArray(),
            vectors, hasVectors ? _dimensions : 0, hasVectors && _missing.Contains(true) ? [.. _missing] : null);
    }
}

/// <summary>The best <c>capacity</c> scores seen: a bounded min-heap.</summary>
internal sealed class TopK(int capacity)
{
    private readonly PriorityQueue<(IndexedItem Item, int Chunk), double> _heap = new(capacity + 1);

    public void Offer(IndexedItem item, int chunk, double score)
    {
        if (_heap.Count < capacity) _heap.Enqueue((item, chunk), score);
        else if (_heap.TryPeek(out _, out var worst) && score > worst) _heap.DequeueEnqueue((item, chunk), score);
    }

    public void Merge(TopK other)
    {
        while (other._heap.TryDequeue(out var e, out var score)) Offer(e.Item, e.Chunk, score);
    }

    /// <summary>Best first.</summary>
    public List<Ranked> Drain()
    {
        var list = new List<Ranked>(_heap.Count);
        while (_heap.TryDequeue(out var e, out var score)) list.Add(new Ranked(e.Item, e.Chunk, score));
        list.Reverse();
        return list;
    }
}
