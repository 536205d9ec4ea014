namespace GalaxyCo.Domain.Knowledge.Search;

/// <summary>
/// The retrieval constants, in one place so the retrieval benchmark can tune them (internal setters: the benchmark
/// project sees internals). Full text is BM25 over the lexemes of PostgreSQL's search_vector, each occurrence counted
/// with its field's weight; hybrid is weighted reciprocal rank fusion:
/// score = <see cref="VectorWeight"/>/(<see cref="RrfK"/> + vector rank) + <see cref="FullTextWeight"/>/(<see cref="RrfK"/> + full-text rank).
/// </summary>
public static class KnowledgeRanking
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public static double Bm25K1 { get; internal set; } = 1.2;

    /// <summary>BM25 length normalisation (0 = none, 1 = full).</summary>
    public static double Bm25B { get; internal set; } = 0.75;

    /// <summary>Weight of one occurrence in the title (tsvector weight A).</summary>
    public static float TitleWeight { get; internal set; } = 2.5f;

    /// <summary>Weight of one occurrence in the heading path (weight B).</summary>
    public static float HeadingWeight { get; internal set; } = 2f;

    /// <summary>Weight of one occurrence in weight C (unused by the chunk store, kept for completeness).</summary>
    public static float CWeight { get; internal set; } = 1.2f;

    /// <summary>Weight of one occurrence in the passage text (weight D).</summary>
    public static float TextWeight { get; internal set; } = 1f;

    /// <summary>Reciprocal rank fusion's k: larger flattens the difference between top ranks.</summary>
    public static double RrfK { get; internal set; } = 60;

    public static double VectorWeight { get; internal set; } = 1;

    /// <summary>
    /// Full text counts for much less than vectors: on the retrieval benchmark (questions typed the way people ask)
    /// BM25 alone finds a right page in the top 5 about half as often as the embeddings (recall@5 0.51 vs 0.91), so an
    /// equal vote drags good vector results down; at 0.15 it keeps the vectors' recall and lifts the exact-term matches
    /// they rank lower (MRR 0.87 -> 0.90). Measured by `--only knowledge-tune`; 0.05-0.2 all keep recall at 0.91.
    /// </summary>
    public static double FullTextWeight { get; internal set; } = 0.15;

    /// <summary>How deep each ranking goes before fusion (at least the requested k).</summary>
    public static int CandidateDepth { get; internal set; } = 100;

    /// <summary>Above this many chunks the vector scan runs on two partitions in parallel.</summary>
    public static int ParallelScanThreshold { get; internal set; } = 20_000;

    internal static double Fuse(int? fullTextRank, int? vectorRank) =>
        (fullTextRank is { } f ? FullTextWeight / (RrfK + f) : 0) + (vectorRank is { } v ? VectorWeight / (RrfK + v) : 0);
}
