using System.Text;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// A summary without a language model: the first meaningful sentences of the document's prose (paragraphs only — no
/// headings, lists, code or tables; cookie/copyright boilerplate and short fragments skipped), cut at a sentence end.
/// </summary>
public static class ExtractiveSummary
{
    private static readonly string[] Boilerplate =
    [
        "cookie", "copyright", "©", "all rights reserved", "skip to", "javascript", "sign in", "log in", "subscribe", "privacy policy", "terms of use",
    ];

    public static string? From(ExtractedDocument document, int maxChars = 400)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (maxChars < 20) maxChars = 20;
        var sb = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            if (block.Kind != DocumentBlockKind.Paragraph) continue;
            var text = block.Text.Trim();
            if (text.Length < 40 || text.Count(c => c == ' ') < 5 || IsBoilerplate(text)) continue;
            foreach (var sentence in KnowledgeChunker.Sentences(text))
            {
                if (sentence.Length < 15 && sb.Length == 0) continue;
                var needed = sentence.Length + (sb.Length > 0 ? 1 : 0);
                if (sb.Length + needed > maxChars)
                {
                    if (sb.Length == 0) return Truncate(sentence, maxChars);
                    return sb.ToString();
                }
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(sentence);
            }
            // One or two paragraphs read as a summary; more starts to be the document itself.
            if (sb.Length >= maxChars / 2) break;
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    private static bool IsBoilerplate(string text)
    {
        var lower = text.Length > 300 ? text[..300] : text;
        return Boilerplate.Any(b => lower.Contains(b, StringComparison.OrdinalIgnoreCase)) && text.Length < 300;
    }

    private static string Truncate(string text, int maxChars)
    {
        var cut = text.LastIndexOf(' ', Math.Max(0, maxChars - 2));
        return (cut > maxChars / 2 ? text[..cut] : text[..(maxChars - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }
}
