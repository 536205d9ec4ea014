using System.Text;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// Cuts an extracted document into passages that follow its structure: a heading starts a new chunk (its path
/// "H1 › H2" goes with every chunk under it), a chunk never spans two PDF pages, paragraphs are packed up to
/// <see cref="TargetTokens"/>, over-long paragraphs split at sentence ends (then at words), and consecutive chunks of
/// one section share about <see cref="OverlapTokens"/> tokens. Token counts use MiniLM's WordPiece vocabulary, so no
/// chunk exceeds the model's window. Linear in the document's length.
/// </summary>
public sealed class KnowledgeChunker
{
    public const int TargetTokens = 200;
    public const int OverlapTokens = 40;

    /// <summary>MiniLM's window is 256 tokens including [CLS] and [SEP].</summary>
    public const int MaxTokens = 254;

    public const string PathSeparator = " › ";

    private sealed record Piece(string Text, int Tokens, bool StartsParagraph);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An injected service, so callers don't depend on a static.")]
    public IReadOnlyList<ChunkDraft> Chunk(ExtractedDocument document, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var chunks = new List<ChunkDraft>();
        var headings = new List<(int Level, string Text)>();
        var current = new List<Piece>();
        var currentTokens = 0;
        var hasNew = false;
        int? page = null;
        string? path = null;

        void Emit(bool keepOverlap)
        {
            if (hasNew && current.Count > 0)
                chunks.Add(new ChunkDraft(chunks.Count, Join(current), path, page, currentTokens));
            var overlap = keepOverlap && hasNew ? Overlap(current) : [];
            current.Clear();
            current.AddRange(overlap);
            currentTokens = overlap.Sum(p => p.Tokens);
            hasNew = false;
        }

        void Add(Piece piece)
        {
            if (hasNew && currentTokens + piece.Tokens > TargetTokens) Emit(keepOverlap: true);
            if (currentTokens + piece.Tokens > MaxTokens)
            {
                // The overlap would push this piece past the model's window: drop it.
                current.Clear();
                currentTokens = 0;
            }
            current.Add(piece);
            currentTokens += piece.Tokens;
            hasNew = true;
        }

        foreach (var block in document.Blocks)
        {
            if (block.Kind == DocumentBlockKind.Heading)
            {
                Emit(keepOverlap: false);
                current.Clear();
                currentTokens = 0;
                while (headings.Count > 0 && headings[^1].Level >= block.HeadingLevel) headings.RemoveAt(headings.Count - 1);
                headings.Add((block.HeadingLevel, block.Text));
                path = BuildPath(headings, title);
                if (block.Page is not null) page = block.Page;
                continue;
            }
            if (block.Page != page)
            {
                // Never across pages: what was gathered on the previous page is a chunk of its own.
                Emit(keepOverlap: false);
                current.Clear();
                currentTokens = 0;
                page = block.Page;
            }
            var tokens = WordPieceCounter.Count(block.Text);
            if (tokens <= TargetTokens - OverlapTokens)
            {
                Add(new Piece(block.Text, tokens, true));
                continue;
            }
            var first = true;
            foreach (var part in SplitLong(block.Text))
            {
                Add(part with { StartsParagraph = first });
                first = false;
            }
        }
        Emit(keepOverlap: false);
        return chunks;
    }

    private static string? BuildPath(List<(int Level, string Text)> headings, string? title)
    {
        var parts = headings.Select(h => h.Text).ToList();
        // The item's title is already searched with the highest weight; a top heading repeating it adds nothing.
        if (parts.Count > 1 && title is not null && string.Equals(parts[0].Trim(), title.Trim(), StringComparison.OrdinalIgnoreCase)) parts.RemoveAt(0);
        var joined = string.Join(PathSeparator, parts);
        return joined.Length == 0 ? null : joined.Length > 1000 ? joined[..1000] : joined;
    }

    private static string Join(List<Piece> pieces)
    {
        var sb = new StringBuilder();
        foreach (var piece in pieces)
        {
            if (sb.Length > 0) sb.Append(piece.StartsParagraph ? "\n\n" : " ");
            sb.Append(piece.Text);
        }
        return sb.ToString();
    }

    /// <summary>The trailing sentences (or words) of a chunk worth about <see cref="OverlapTokens"/> tokens.</summary>
    private static List<Piece> Overlap(List<Piece> pieces)
    {
        var result = new List<Piece>();
        var tokens = 0;
        for (var i = pieces.Count - 1; i >= 0; i--)
        {
            var piece = pieces[i];
            if (tokens + piece.Tokens <= OverlapTokens)
            {
                result.Insert(0, piece);
                tokens += piece.Tokens;
                if (piece.StartsParagraph && tokens >= OverlapTokens / 2) break;
                continue;
            }
            // Take the tail of this piece: whole sentences when they fit, else words.
            var sentences = Sentences(piece.Text);
            var tail = new List<string>();
            for (var s = sentences.Count - 1; s >= 0; s--)
            {
                var t = WordPieceCounter.Count(sentences[s]);
                if (tokens + t > OverlapTokens) break;
                tail.Insert(0, sentences[s]);
                tokens += t;
            }
            if (tail.Count == 0 && result.Count == 0)
            {
                var words = piece.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var start = words.Length;
                var wordTokens = 0;
                while (start > 0)
                {
                    var t = WordPieceCounter.Count(words[start - 1]);
                    if (wordTokens + t > OverlapTokens) break;
                    wordTokens += t;
                    start--;
                }
                if (start < words.Length)
                {
                    tail.Add(string.Join(' ', words, start, words.Length - start));
                    tokens += wordTokens;
                }
            }
            if (tail.Count > 0) result.Insert(0, new Piece(string.Join(' ', tail), WordPieceCounter.Count(string.Join(' ', tail)), false));
            break;
        }
        return result;
    }

    /// <summary>A paragraph too long for one chunk, as pieces of at most <see cref="TargetTokens"/> - overlap tokens.</summary>
    private static IEnumerable<Piece> SplitLong(string text)
    {
        const int limit = TargetTokens - OverlapTokens;
        var sb = new StringBuilder();
        var tokens = 0;
        foreach (var sentence in Sentences(text))
        {
            var t = WordPieceCounter.Count(sentence);
            if (t > limit)
            {
                if (sb.Length > 0) yield return new Piece(sb.ToString(), tokens, false);
                sb.Clear();
                tokens = 0;
                foreach (var part in SplitWords(sentence, limit)) yield return part;
                continue;
            }
            if (tokens + t > limit && sb.Length > 0)
            {
                yield return new Piece(sb.ToString(), tokens, false);
                sb.Clear();
                tokens = 0;
            }
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(sentence);
            tokens += t;
        }
        if (sb.Length > 0) yield return new Piece(sb.ToString(), tokens, false);
    }

    private static IEnumerable<Piece> SplitWords(string sentence, int limit)
    {
        var sb = new StringBuilder();
        var tokens = 0;
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var t = WordPieceCounter.Count(word);
            if (t > limit)
            {
                // A single "word" longer than a chunk (a hash, a URL run): cut by characters.
                if (sb.Length > 0) yield return new Piece(sb.ToString(), tokens, false);
                sb.Clear();
                tokens = 0;
                for (var i = 0; i < word.Length; i += 200)
                {
                    var slice = word.Substring(i, Math.Min(200, word.Length - i));
                    yield return new Piece(slice, Math.Min(WordPieceCounter.Count(slice), MaxTokens), false);
                }
                continue;
            }
            if (tokens + t > limit && sb.Length > 0)
            {
                yield return new Piece(sb.ToString(), tokens, false);
                sb.Clear();
                tokens = 0;
            }
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(word);
            tokens += t;
        }
        if (sb.Length > 0) yield return new Piece(sb.ToString(), tokens, false);
    }

    /// <summary>Sentences: ends at . ! ? (or their full-width forms) followed by whitespace, or at a newline.</summary>
    internal static List<string> Sentences(string text)
    {
        var result = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c == '\n' || (c is '.' or '!' or '?' or '。' or '！' or '？' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (!end) continue;
            // "e.g. " and "Dr. " style abbreviations: a single lower-case letter or short capitalised word before the dot.
            if (c == '.' && i + 2 < text.Length && char.IsLower(text[i + 2])) continue;
            var s = text.AsSpan(start, i + 1 - start).Trim();
            if (s.Length > 0) result.Add(s.ToString());
            start = i + 1;
        }
        var rest = text.AsSpan(start).Trim();
        if (rest.Length > 0) result.Add(rest.ToString());
        return result;
    }
}
