namespace GalaxyCo.Domain.Knowledge;

/// <summary>What a block of an extracted document is; the chunker cuts along these.</summary>
public enum DocumentBlockKind { Heading, Paragraph, ListItem, Code, Table }

/// <summary>
/// One structural block of a document, in reading order. Headings carry their level (1 = top); blocks of paged
/// documents (PDF) carry their 1-based page.
/// </summary>
public sealed record DocumentBlock(DocumentBlockKind Kind, string Text, int HeadingLevel = 0, int? Page = null);

/// <summary>
/// A document turned into readable text: the title it names for itself (HTML &lt;title&gt;, first heading, PDF/DOCX
/// metadata), its blocks, and the plain text (blocks joined by blank lines) stored as knowledge_items.content.
/// </summary>
public sealed record ExtractedDocument(string? Title, IReadOnlyList<DocumentBlock> Blocks)
{
    public string Text => string.Join("\n\n", Blocks.Select(b => b.Text));
}

/// <summary>A passage cut by the chunker, ready to embed and store as a knowledge_chunks row.</summary>
public sealed record ChunkDraft(int Position, string Text, string? HeadingPath, int? PageNumber, int TokenCount);
