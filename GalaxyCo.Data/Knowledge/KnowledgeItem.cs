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
    /// <summary>Document-level embedding vector (chunk vectors live with the chunks).</summary>
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
}
