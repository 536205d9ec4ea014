namespace GalaxyCo.Domain.Knowledge;

/// <summary>The "Knowledge" configuration section: limits for what is accepted and how ingestion uses the machine.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>Largest file accepted for upload (default 50 MB). Larger uploads are refused before anything is saved.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most text kept from one item after extraction (default 5 million characters); past it the item fails clearly.</summary>
    public int MaxExtractedChars { get; set; } = 5_000_000;

    /// <summary>Most bytes a .docx (zip) may expand to (default 200 MB): a zip bomb fails instead of filling memory.</summary>
    public long MaxDocxExpandedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Url items: the most bytes read from the page (default 10 MB) and how long the fetch may take (default 20 s).</summary>
    public long MaxUrlBytes { get; set; } = 10L * 1024 * 1024;
    public TimeSpan UrlFetchTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Threads the local embedding model may use (default 1): ingestion then leaves the other cores to the web requests,
    /// so pages stay responsive while a large manual is embedded. Raise it on a machine doing only ingestion.
    /// </summary>
    public int EmbeddingThreads { get; set; } = 1;

    /// <summary>Texts per embedding call (default 32).</summary>
    public int EmbeddingBatchSize { get; set; } = 32;
}
