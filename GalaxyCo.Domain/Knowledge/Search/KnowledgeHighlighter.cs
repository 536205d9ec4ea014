using System.Net;
using System.Text;

namespace GalaxyCo.Domain.Knowledge.Search;

/// <summary>
/// Turns ts_headline's output (query words wrapped in two private-use marker characters, which the chunk store strips
/// from stored text) into safe HTML: everything HTML-encoded, then the markers become &lt;mark&gt; tags.
/// </summary>
internal static class KnowledgeHighlighter
{
    public const char Start = '\uE000';
    public const char Stop = '\uE001';

    public static string ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        var run = new StringBuilder();
        foreach (var ch in marked)
        {
            if (ch is Start or Stop)
            {
                html.Append(WebUtility.HtmlEncode(run.ToString()));
                run.Clear();
                if (ch == Start && !open) html.Append("<mark>");
                if (ch == Stop && open) html.Append("</mark>");
                open = ch == Start;
                continue;
            }
            run.Append(ch);
        }
        html.Append(WebUtility.HtmlEncode(run.ToString()));
        if (open) html.Append("</mark>");
        return html.ToString();
    }

    /// <summary>A tsquery text matching any of <paramref name="lexemes"/> (already normalised, so no further stemming).</summary>
    public static string AnyOf(IEnumerable<string> lexemes) =>
        string.Join(" | ", lexemes.Select(l => "'" + l.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'"));
}
