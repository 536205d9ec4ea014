namespace GalaxyCo.Data.Knowledge;

public class KnowledgeItem : EditableTenantEntity
{
    public string Title { get; set; } = "";
    public KnowledgeItemType Type { get; set; } = KnowledgeItemType.Text;
    public KnowledgeItemStatus Status { get; set; } = KnowledgeItemStatus.Processing;
    public string? SourceUrl { get; set; }
    public string? FileName { get; set; }
    public int? FileSize { get; set; }
    public string? Content { get; set; }
    public string? Summary { get; set; }
    /// <summary>Document-level embedding: the normalised mean of the chunk vectors (chunk vectors live with the chunks).</summary>
    public List<float> Embeddings { get; set; } = [];
    public string? EmbeddingsModel { get; set; }
    public Guid? CollectionId { get; set; }
    public KnowledgeCollection? Collection { get; set; }
    public List<string> Tags { get; set; } = [];
    public bool IsFavorite { get; set; }
    public bool IsArchived { get; set; }
    public string? ProcessingError { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public Guid? CreatedBy { get; set; }

    /// <summary>SHA-256 (hex) of the original bytes (files), the fetched body (url) or the Markdown (text): finds duplicates.</summary>
    public string? ContentHash { get; set; }
    /// <summary>MIME type of the original (application/pdf, text/html, image/png, ...).</summary>
    public string? ContentType { get; set; }
    /// <summary>PostgreSQL text search configuration the chunks were indexed with (english, german, ..., simple).</summary>
    public string Language { get; set; } = "simple";
    public int ChunkCount { get; set; }
}
