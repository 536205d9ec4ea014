using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// Readable text of an HTML page with AngleSharp (no scripting engine, so nothing on the page runs): script, style,
/// navigation, header/footer chrome, forms and hidden elements are dropped; the page's main/article element is used
/// when there is one; h1-h6 become headings, p/li/pre/table their blocks, loose text in divs paragraphs.
/// </summary>
internal static class HtmlTextExtractor
{
    private const int MaxDepth = 256;

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "select", "option", "textarea",
        "input", "iframe", "object", "embed", "svg", "canvas", "video", "audio", "map", "head", "dialog", "menu",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "header", "hgroup", "hr", "html", "legend", "main", "ol", "section", "summary", "ul", "caption", "tr", "td", "th",
    };

    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false };

    public static Result<ExtractedDocument> Extract(byte[] content, int maxChars)
    {
        var parser = new HtmlParser(ParserOptions);
        using var stream = new MemoryStream(content, writable: false);
        // Parsing from bytes lets AngleSharp honour the BOM and <meta charset>.
        using var document = parser.ParseDocument(stream);
        var title = document.Title;
        if (string.IsNullOrWhiteSpace(title))
            title = document.QuerySelector("meta[property='og:title']")?.GetAttribute("content");

        // Removed up front so no TextContent (pre, tables, deep nesting) can ever carry script or style source.
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToList()) element.Remove();
        var root = PickRoot(document);
        var collector = new BlockCollector(maxChars);
        if (root is not null)
        {
            var walker = new Walker(collector);
            walker.Visit(root, 0);
            walker.Flush(DocumentBlockKind.Paragraph);
        }
        if (string.IsNullOrWhiteSpace(title))
            title = collector.Blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading)?.Text;
        return Result<ExtractedDocument>.Ok(new ExtractedDocument(string.IsNullOrWhiteSpace(title) ? null : BlockCollector.CollapseWhitespace(title), collector.Blocks));
    }

    /// <summary>The text of an HTML fragment (e.g. raw HTML inside Markdown), with scripts and styles dropped.</summary>
    public static string PlainTextOf(string html)
    {
        var parser = new HtmlParser(ParserOptions);
        using var document = parser.ParseDocument("<body>" + html + "</body>");
        if (document.Body is null) return "";
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToList()) element.Remove();
        var collector = new BlockCollector(int.MaxValue);
        var walker = new Walker(collector);
        walker.Visit(document.Body, 0);
        walker.Flush(DocumentBlockKind.Paragraph);
        return string.Join(' ', collector.Blocks.Select(b => b.Text));
    }

    private static IElement? PickRoot(IDocument document)
    {
        var mains = document.QuerySelectorAll("main, [role=main]");
        if (mains.Length == 1) return mains[0];
        var articles = document.QuerySelectorAll("article");
        if (articles.Length == 1) return articles[0];
        return document.Body;
    }

    private static bool IsDropped(IElement element)
    {
        if (Dropped.Contains(element.LocalName)) return true;
        if (element.HasAttribute("hidden")) return true;
        if (element.GetAttribute("aria-hidden") == "true") return true;
        var role = element.GetAttribute("role");
        if (role is "navigation" or "banner" or "contentinfo" or "search" or "complementary") return true;
        var style = element.GetAttribute("style");
        return style is not null && style.Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase);
    }

    private sealed class Walker(BlockCollector collector)
    {
        private readonly StringBuilder _inline = new();

        public void Flush(DocumentBlockKind kind)
        {
            if (_inline.Length == 0) return;
            collector.Add(kind, _inline.ToString());
            _inline.Clear();
        }

        public void Visit(INode node, int depth)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    _inline.Append(text.Data);
                    continue;
                }
                if (child is not IElement element || IsDropped(element)) continue;
                if (depth >= MaxDepth)
                {
                    // Past a sane nesting depth the rest is read flat instead of recursing further.
                    _inline.Append(' ').Append(element.TextContent);
                    continue;
                }
                var name = element.LocalName;
                switch (name)
                {
                    case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                        Flush(DocumentBlockKind.Paragraph);
                        Visit(element, depth + 1);
                        Flush(DocumentBlockKind.Heading, name[1] - '0');
                        break;
                    case "p":
                        Flush(DocumentBlockKind.Paragraph);
                        Visit(element, depth + 1);
                        Flush(DocumentBlockKind.Paragraph);
                        break;
                    case "li":
                        Flush(DocumentBlockKind.Paragraph);
                        Visit(element, depth + 1);
                        Flush(DocumentBlockKind.ListItem);
                        break;
                    case "pre":
                        Flush(DocumentBlockKind.Paragraph);
                        collector.Add(DocumentBlockKind.Code, element.TextContent);
                        break;
                    case "table":
                        Flush(DocumentBlockKind.Paragraph);
                        collector.Add(DocumentBlockKind.Table, TableText(element));
                        break;
                    case "br":
                        _inline.Append(' ');
                        break;
                    case "img":
                        if (element.GetAttribute("alt") is { Length: > 0 } alt) _inline.Append(' ').Append(alt).Append(' ');
                        break;
                    default:
                        if (BlockElements.Contains(name))
                        {
                            Flush(DocumentBlockKind.Paragraph);
                            Visit(element, depth + 1);
                            Flush(DocumentBlockKind.Paragraph);
                        }
                        else Visit(element, depth + 1);
                        break;
                }
            }
        }

        private void Flush(DocumentBlockKind kind, int level)
        {
            if (_inline.Length == 0) return;
            collector.Add(kind, _inline.ToString(), level);
            _inline.Clear();
        }

        private static string TableText(IElement table)
        {
            var sb = new StringBuilder();
            foreach (var row in table.QuerySelectorAll("tr"))
            {
                var cells = row.Children.Where(c => c.LocalName is "td" or "th" && !IsDropped(c))
                    .Select(c => BlockCollector.CollapseWhitespace(c.TextContent)).ToList();
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                if (sb.Length > 0) sb.Append('\n');
                sb.Append(string.Join(" | ", cells));
            }
            return sb.ToString();
        }
    }
}
