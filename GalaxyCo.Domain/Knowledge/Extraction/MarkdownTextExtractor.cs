using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>Markdown through Markdig's syntax tree: headings, paragraphs, list items, code blocks and pipe tables.</summary>
internal static class MarkdownTextExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseGridTables().UseYamlFrontMatter().UseAutoLinks().UseEmphasisExtras().UseTaskLists().UseFootnotes()
        .Build();

    private const int MaxDepth = 64;

    public static Result<ExtractedDocument> Extract(string markdown, int maxChars)
    {
        if (markdown.Length > maxChars)
            throw new ExtractionLimitException($"The document has more than {maxChars:N0} characters of text; split it into smaller files.");
        var document = Markdown.Parse(markdown, Pipeline);
        var collector = new BlockCollector(maxChars);
        Walk(document, collector, inList: false, depth: 0);
        var title = collector.Blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading && b.HeadingLevel == 1)?.Text
            ?? collector.Blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading)?.Text;
        return Result<ExtractedDocument>.Ok(new ExtractedDocument(title, collector.Blocks));
    }

    private static void Walk(ContainerBlock container, BlockCollector collector, bool inList, int depth)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    collector.Add(DocumentBlockKind.Heading, InlineText(heading.Inline), heading.Level);
                    break;
                case ParagraphBlock paragraph:
                    collector.Add(inList ? DocumentBlockKind.ListItem : DocumentBlockKind.Paragraph, InlineText(paragraph.Inline));
                    break;
                case Table table:
                    collector.Add(DocumentBlockKind.Table, TableText(table));
                    break;
                case FencedCodeBlock or CodeBlock:
                    collector.Add(DocumentBlockKind.Code, ((LeafBlock)block).Lines.ToString());
                    break;
                case HtmlBlock html:
                    collector.Add(DocumentBlockKind.Paragraph, HtmlTextExtractor.PlainTextOf(html.Lines.ToString()));
                    break;
                case ListItemBlock item when depth < MaxDepth:
                    Walk(item, collector, inList: true, depth + 1);
                    break;
                case ContainerBlock nested when depth < MaxDepth:
                    Walk(nested, collector, inList || nested is ListBlock, depth + 1);
                    break;
            }
        }
    }

    private static string TableText(Table table)
    {
        var sb = new StringBuilder();
        foreach (var row in table.OfType<TableRow>())
        {
            if (sb.Length > 0) sb.Append('\n');
            var first = true;
            foreach (var cell in row.OfType<TableCell>())
            {
                if (!first) sb.Append(" | ");
                first = false;
                var text = new StringBuilder();
                foreach (var leaf in cell.Descendants<ParagraphBlock>()) text.Append(InlineText(leaf.Inline)).Append(' ');
                sb.Append(BlockCollector.CollapseWhitespace(text.ToString()));
            }
        }
        return sb.ToString();
    }

    internal static string InlineText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var sb = new StringBuilder();
        Append(inline, sb, 0);
        return sb.ToString();
    }

    private static void Append(Inline inline, StringBuilder sb, int depth)
    {
        switch (inline)
        {
            case LiteralInline literal:
                sb.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                sb.Append(code.Content);
                break;
            case LineBreakInline:
                sb.Append(' ');
                break;
            case AutolinkInline auto:
                sb.Append(auto.Url);
                break;
            case HtmlEntityInline entity:
                sb.Append(entity.Transcoded.AsSpan());
                break;
            case HtmlInline:
                // Raw HTML tags in Markdown are markup, not text.
                break;
            case LinkInline { IsImage: true } image:
                // An image's alt text is the readable part.
                foreach (var child in image) Append(child, sb, depth + 1);
                break;
            case ContainerInline container when depth < MaxDepth:
                foreach (var child in container) Append(child, sb, depth + 1);
                break;
        }
    }
}
