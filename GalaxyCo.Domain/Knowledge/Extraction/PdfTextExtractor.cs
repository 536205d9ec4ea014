using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// PDF text with PdfPig: words grouped into lines by baseline, lines into paragraphs by vertical gaps, and lines set
/// noticeably larger than the body text become headings (the largest size level 1). Blocks carry their page.
/// </summary>
internal static class PdfTextExtractor
{
    private sealed record Line(string Text, double Size, double Top, double Bottom, int Page);

    public static Result<ExtractedDocument> Extract(byte[] content, int maxChars)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            return DocumentExtractor.Invalid("This PDF is password-protected; remove the password and upload it again.");
        }
        using (document)
        {
            if (document.IsEncrypted && document.NumberOfPages == 0)
                return DocumentExtractor.Invalid("This PDF is password-protected; remove the password and upload it again.");
            var lines = new List<Line>();
            var sizeWeights = new Dictionary<double, int>();
            long chars = 0;
            for (var p = 1; p <= document.NumberOfPages; p++)
            {
                var page = document.GetPage(p);
                foreach (var line in ReadLines(page, p))
                {
                    chars += line.Text.Length;
                    if (chars > maxChars)
                        throw new ExtractionLimitException($"The document has more than {maxChars:N0} characters of text; split it into smaller files.");
                    lines.Add(line);
                    sizeWeights[line.Size] = sizeWeights.GetValueOrDefault(line.Size) + line.Text.Length;
                }
            }
            if (lines.Count == 0)
                return DocumentExtractor.Invalid("No text could be found in this PDF (it may be a scanned image).");

            var body = sizeWeights.MaxBy(kv => kv.Value).Key;
            // Sizes clearly above the body size are heading levels, largest first (at most three levels).
            var headingSizes = sizeWeights.Keys.Where(s => s >= body * 1.15).OrderByDescending(s => s).ToList();
            int LevelOf(double size)
            {
                var i = headingSizes.FindIndex(s => Math.Abs(s - size) < 0.01);
                return i < 0 ? 0 : Math.Min(i + 1, 3);
            }

            var collector = new BlockCollector(maxChars);
            var paragraph = new StringBuilder();
            var paragraphPage = 0;
            Line? previous = null;
            void Flush()
            {
                if (paragraph.Length > 0) collector.Add(DocumentBlockKind.Paragraph, paragraph.ToString(), page: paragraphPage);
                paragraph.Clear();
            }
            foreach (var line in lines)
            {
                var level = LevelOf(line.Size);
                if (level > 0 && line.Text.Length <= 200)
                {
                    Flush();
                    // A heading wrapped over two lines of the same size stays one heading.
                    if (collector.Blocks.Count > 0 && previous is not null && LevelOf(previous.Size) == level && previous.Page == line.Page
                        && collector.Blocks[^1] is { Kind: DocumentBlockKind.Heading } last && last.HeadingLevel == level
                        && previous.Bottom - line.Top < line.Size * 0.8)
                    {
                        collector.RemoveLast();
                        collector.Add(DocumentBlockKind.Heading, last.Text + " " + line.Text, level, line.Page);
                    }
                    else collector.Add(DocumentBlockKind.Heading, line.Text, level, line.Page);
                    previous = line;
                    continue;
                }
                var newParagraph = previous is null || previous.Page != line.Page || LevelOf(previous.Size) > 0
                    || Math.Abs(previous.Size - line.Size) > 0.5
                    || previous.Bottom - line.Top > line.Size * 0.9;
                if (newParagraph) Flush();
                if (paragraph.Length == 0) paragraphPage = line.Page;
                else
                {
                    // Words hyphenated at the end of a line are joined again.
                    if (paragraph[^1] == '-' && paragraph.Length > 1 && char.IsLetter(paragraph[^2]) && line.Text.Length > 0 && char.IsLower(line.Text[0]))
                        paragraph.Length--;
                    else paragraph.Append(' ');
                }
                paragraph.Append(line.Text);
                previous = line;
            }
            Flush();

            var title = document.Information?.Title;
            if (string.IsNullOrWhiteSpace(title))
                title = collector.Blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading)?.Text;
            return Result<ExtractedDocument>.Ok(new ExtractedDocument(string.IsNullOrWhiteSpace(title) ? null : title.Trim(), collector.Blocks));
        }
    }

    private static IEnumerable<Line> ReadLines(Page page, int pageNumber)
    {
        var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        if (words.Count == 0) yield break;
        // Content-stream order is reading order for nearly every generated PDF; sorting by position would interleave
        // columns. Consecutive words whose baselines are within half their height share a line.
        var current = new List<Word>();
        foreach (var word in words)
        {
            if (current.Count > 0 && Math.Abs(current[0].BoundingBox.Bottom - word.BoundingBox.Bottom) > Math.Max(1, word.BoundingBox.Height * 0.5))
            {
                yield return ToLine(current, pageNumber);
                current.Clear();
            }
            current.Add(word);
        }
        if (current.Count > 0) yield return ToLine(current, pageNumber);
    }

    private static Line ToLine(List<Word> words, int page)
    {
        var text = string.Join(' ', words.Select(w => w.Text));
        var size = Math.Round(words.Max(w => w.Letters.Count == 0 ? 0 : w.Letters.Average(l => l.PointSize)), 1);
        var top = words.Max(w => w.BoundingBox.Top);
        var bottom = words.Min(w => w.BoundingBox.Bottom);
        return new Line(text, size, top, bottom, page);
    }
}
