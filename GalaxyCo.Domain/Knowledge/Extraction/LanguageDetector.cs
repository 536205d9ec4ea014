namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// Guesses the language of a text by stopword frequency and answers the PostgreSQL text search configuration to use
/// for it (english, german, ...). "simple" (no stemming) when the text is short or no language clearly leads, which is
/// always safe for search.
/// </summary>
public static class LanguageDetector
{
    public const string Simple = "simple";
    private const int SampleChars = 20_000;
    private const int MinHits = 5;

    public static string Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Simple;
        var sample = text.AsSpan(0, Math.Min(text.Length, SampleChars));
        var hits = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = 0;
        Span<char> lower = stackalloc char[32];
        var i = 0;
        while (i < sample.Length)
        {
            if (!char.IsLetter(sample[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < sample.Length && (char.IsLetter(sample[i]) || sample[i] == '\'')) i++;
            words++;
            var word = sample[start..i];
            if (word.Length > lower.Length) continue;
            var w = lower[..word.Length];
            word.ToLowerInvariant(w);
            foreach (var (language, stopwords) in Stopwords.ByLanguage)
                if (stopwords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(w))
                    hits[language] = hits.GetValueOrDefault(language) + 1;
        }
        if (hits.Count == 0) return Simple;
        var ranked = hits.OrderByDescending(kv => kv.Value).ToList();
        var best = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        // Clear lead and a plausible share of function words; otherwise a mixed or technical text stays unstemmed.
        if (best.Value < MinHits || best.Value < second * 1.3 || best.Value * 100 < words * 8) return Simple;
        return best.Key;
    }
}
