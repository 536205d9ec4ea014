using System.Text;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>A document is past the configured text limit; extraction stops as soon as it is seen.</summary>
internal sealed class ExtractionLimitException(string message) : Exception(message);

/// <summary>Collects blocks in reading order, normalising whitespace and enforcing the text limit as it goes.</summary>
internal sealed class BlockCollector(int maxChars)
{
    private readonly List<DocumentBlock> _blocks = [];
    private long _chars;

    public IReadOnlyList<DocumentBlock> Blocks => _blocks;

    public void Add(DocumentBlockKind kind, string? text, int headingLevel = 0, int? page = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        var clean = kind == DocumentBlockKind.Code || kind == DocumentBlockKind.Table ? TrimLines(text) : CollapseWhitespace(text);
        if (clean.Length == 0) return;
        _chars += clean.Length + 2;
        if (_chars > maxChars)
            throw new ExtractionLimitException($"The document has more than {maxChars:N0} characters of text; split it into smaller files.");
        _blocks.Add(new DocumentBlock(kind, clean, kind == DocumentBlockKind.Heading ? Math.Clamp(headingLevel, 1, 6) : 0, page));
    }

    public void RemoveLast()
    {
        _chars -= _blocks[^1].Text.Length + 2;
        _blocks.RemoveAt(_blocks.Count - 1);
    }

    /// <summary>Runs of whitespace (including newlines) become one space; control characters are dropped.</summary>
    public static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                space = sb.Length > 0;
                continue;
            }
            if (char.IsControl(c) || c == '\uFFFD' && sb.Length == 0) continue;
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Keeps line structure (code, tables) but trims trailing spaces and surrounding blank lines.</summary>
    public static string TrimLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var sb = new StringBuilder(text.Length);
        foreach (var line in lines)
        {
            var l = line.TrimEnd();
            if (sb.Length > 0) sb.Append('\n');
            foreach (var c in l)
                if (!char.IsControl(c) || c == '\t') sb.Append(c);
        }
        return sb.ToString().Trim('\n');
    }
}
