namespace GalaxyCo.Data.Knowledge;

/// <summary>
/// The original bytes of an uploaded file (or a fetched page), kept for "download the original" and for re-processing.
/// One row per item, keyed by the item's id; in PostgreSQL so every app node sees it and backups include it.
/// </summary>
public class KnowledgeItemFile : TenantEntity
{
    public byte[] Content { get; set; } = [];
    public string ContentType { get; set; } = "application/octet-stream";
    public string FileName { get; set; } = "";
}
