using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// Word documents with DocumentFormat.OpenXml: Heading 1..n (and Title) styles or outline levels become headings,
/// numbered/bulleted paragraphs list items, tables rows of "cell | cell". Before the SDK opens the package, every
/// entry is inflated with a byte budget, so a zip bomb fails after at most the configured bytes instead of filling memory.
/// </summary>
internal static class DocxTextExtractor
{
    private const int MaxEntries = 10_000;
    private const double MaxRatio = 200;

    public static Result<ExtractedDocument> Extract(byte[] content, long maxExpandedBytes, int maxChars)
    {
        if (CheckArchive(content, maxExpandedBytes) is { } problem) return DocumentExtractor.Invalid(problem);

        using var stream = new MemoryStream(content, writable: false);
        using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = maxExpandedBytes });
        var main = document.MainDocumentPart;
        var body = main?.Document?.Body;
        if (main is null || body is null) return DocumentExtractor.Invalid("This file is not a valid Word (.docx) document.");

        var styleNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var styleOutline = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (main.StyleDefinitionsPart?.Styles is { } styles)
        {
            foreach (var style in styles.Elements<Style>())
            {
                if (style.StyleId?.Value is not { } id) continue;
                if (style.StyleName?.Val?.Value is { } name) styleNames[id] = name;
                if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline) styleOutline[id] = outline + 1;
            }
        }

        var collector = new BlockCollector(maxChars);
        Walk(body, collector, styleNames, styleOutline);

        var title = document.PackageProperties.Title;
        if (string.IsNullOrWhiteSpace(title)) title = collector.Blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading)?.Text;
        return Result<ExtractedDocument>.Ok(new ExtractedDocument(string.IsNullOrWhiteSpace(title) ? null : title.Trim(), collector.Blocks));
    }

    /// <summary>Null when the archive is safe to open, else why not (declared sizes, ratio and actual inflated bytes).</summary>
    private static string? CheckArchive(byte[] content, long maxExpandedBytes)
    {
        const string bomb = "This file expands to far more data than a Word document holds (a zip bomb?), so it was refused.";
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            return "This file is not a valid Word (.docx) document.";
        }
        using (archive)
        {
            if (archive.Entries.Count > MaxEntries) return bomb;
            if (archive.GetEntry("word/document.xml") is null) return "This file is not a valid Word (.docx) document.";
            long declared = 0;
            foreach (var entry in archive.Entries)
            {
                declared += entry.Length;
                if (declared > maxExpandedBytes) return bomb;
                if (entry.Length > 1024 * 1024 && entry.Length > entry.CompressedLength * MaxRatio) return bomb;
            }
            // Declared sizes can lie; inflate every entry with a budget to count what it really holds.
            long actual = 0;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                using var s = entry.Open();
                long entryBytes = 0;
                int n;
                while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                {
                    actual += n;
                    entryBytes += n;
                    if (actual > maxExpandedBytes) return bomb;
                    if (entryBytes > 1024 * 1024 && entryBytes > Math.Max(entry.CompressedLength, 1) * MaxRatio) return bomb;
                }
            }
        }
        return null;
    }

    private static void Walk(OpenXmlElement container, BlockCollector collector, Dictionary<string, string> styleNames, Dictionary<string, int> styleOutline)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    AddParagraph(paragraph, collector, styleNames, styleOutline);
                    break;
                case Table table:
                    AddTable(table, collector);
                    break;
                case SdtBlock or CustomXmlBlock:
                    Walk(element, collector, styleNames, styleOutline);
                    break;
                default:
                    if (element.LocalName == "sdtContent") Walk(element, collector, styleNames, styleOutline);
                    break;
            }
        }
    }

    private static void AddParagraph(Paragraph paragraph, BlockCollector collector, Dictionary<string, string> styleNames, Dictionary<string, int> styleOutline)
    {
        var text = ParagraphText(paragraph);
        if (string.IsNullOrWhiteSpace(text)) return;
        var properties = paragraph.ParagraphProperties;
        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        var level = HeadingLevel(styleId, styleNames, styleOutline, properties?.OutlineLevel?.Val?.Value);
        if (level > 0)
        {
            collector.Add(DocumentBlockKind.Heading, text, level);
            return;
        }
        var isList = properties?.NumberingProperties is not null
            || styleId is not null && (styleNames.GetValueOrDefault(styleId) ?? styleId).Contains("list", StringComparison.OrdinalIgnoreCase);
        collector.Add(isList ? DocumentBlockKind.ListItem : DocumentBlockKind.Paragraph, text);
    }

    private static int HeadingLevel(string? styleId, Dictionary<string, string> styleNames, Dictionary<string, int> styleOutline, int? outline)
    {
        if (styleId is not null)
        {
            var name = styleNames.GetValueOrDefault(styleId) ?? styleId;
            if (name.Equals("Title", StringComparison.OrdinalIgnoreCase)) return 1;
            var compact = name.Replace(" ", "", StringComparison.Ordinal);
            if (compact.StartsWith("heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(compact.AsSpan(7), out var n) && n is >= 1 and <= 9)
                return Math.Min(n, 6);
            if (styleOutline.TryGetValue(styleId, out var styleLevel) && styleLevel is >= 1 and <= 9) return Math.Min(styleLevel, 6);
        }
        return outline is >= 0 and <= 8 ? Math.Min(outline.Value + 1, 6) : 0;
    }

    private static string ParagraphText(OpenXmlElement paragraph)
    {
        var sb = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t:
                    sb.Append(t.Text);
                    break;
                case TabChar:
                    sb.Append(' ');
                    break;
                case Break or CarriageReturn:
                    sb.Append(' ');
                    break;
            }
        }
        return sb.ToString();
    }

    private static void AddTable(Table table, BlockCollector collector)
    {
        var sb = new StringBuilder();
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = row.Elements<TableCell>()
                .Select(cell => BlockCollector.CollapseWhitespace(string.Join(' ', cell.Elements<Paragraph>().Select(ParagraphText))))
                .ToList();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(string.Join(" | ", cells));
        }
        collector.Add(DocumentBlockKind.Table, sb.ToString());
    }
}
