using NpgsqlTypes;

namespace GalaxyCo.Data.Knowledge;

/// <summary>
/// A passage of an item, cut along the document's structure (headings, paragraphs, pages). Written by the ingestion
/// pipeline in one statement per item (search_vector is computed by PostgreSQL with the item's language), never edited.
/// </summary>
public class KnowledgeChunk : TenantEntity
{
    public Guid ItemId { get; set; }
    /// <summary>0-based order within the item.</summary>
    public int Position { get; set; }
    /// <summary>The headings above the passage, outermost first, joined with " › ".</summary>
    public string? HeadingPath { get; set; }
    /// <summary>1-based page of a paged document (PDF), else null.</summary>
    public int? PageNumber { get; set; }
    public string Text { get; set; } = "";
    public int TokenCount { get; set; }
    /// <summary>The embedding as little-endian float32s (384 of them for all-MiniLM-L6-v2), L2-normalised.</summary>
    public byte[]? Embedding { get; set; }
    /// <summary>Item title (weight A), heading path (B) and text (D), stemmed with the item's language.</summary>
    public NpgsqlTsVector? SearchVector { get; set; }
}
