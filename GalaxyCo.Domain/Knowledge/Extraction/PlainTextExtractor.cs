using System.Text;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>Plain text: paragraphs separated by blank lines; lines inside a paragraph are joined.</summary>
internal static class PlainTextExtractor
{
    public static Result<ExtractedDocument> Extract(string text, int maxChars)
    {
        if (text.Length > maxChars)
            throw new ExtractionLimitException($"The document has more than {maxChars:N0} characters of text; split it into smaller files.");
        var collector = new BlockCollector(maxChars);
        var paragraph = new StringBuilder();
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).TrimEnd('\r');
            if (line.IsWhiteSpace())
            {
                collector.Add(DocumentBlockKind.Paragraph, paragraph.ToString());
                paragraph.Clear();
                continue;
            }
            if (paragraph.Length > 0) paragraph.Append(' ');
            paragraph.Append(line.Trim());
        }
        collector.Add(DocumentBlockKind.Paragraph, paragraph.ToString());
        var first = collector.Blocks.Count > 0 ? collector.Blocks[0].Text : null;
        // A short first line reads as the document's title.
        var title = first is { Length: > 0 and <= 120 } && !first.EndsWith('.') ? first : null;
        return Result<ExtractedDocument>.Ok(new ExtractedDocument(title, collector.Blocks));
    }
}
