namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// Tag suggestions: the workspace's existing tags the document mentions (most mentioned first), then its most
/// frequent meaningful keywords and two-word phrases (title words count more), lower-case, without stopwords.
/// </summary>
public static class TagSuggester
{
    private const int SampleChars = 200_000;
    private const int MaxTagChars = 50;

    public static IReadOnlyList<string> Suggest(ExtractedDocument document, string? title, IReadOnlyCollection<string> existingTags, int max = 6)
    {
        ArgumentNullException.ThrowIfNull(document);
        existingTags ??= [];
        if (max <= 0) return [];
        var text = document.Text;
        if (text.Length > SampleChars) text = text[..SampleChars];
        var words = Words(text);
        var titleWords = Words(title ?? document.Title ?? "");

        var result = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);

        // Existing tags first, so the library's vocabulary is reused rather than near-duplicates invented.
        var joined = " " + string.Join(' ', titleWords.Concat(words)) + " ";
        var mentioned = existingTags
            .Select(t => t.Trim().ToLowerInvariant())
            .Where(t => t.Length > 0 && taken.Add(t))
            .Select(t => (Tag: t, Count: CountOccurrences(joined, " " + string.Join(' ', Words(t)) + " ")))
            .Where(x => x.Count > 0)
            .OrderByDescending(x => x.Count).ThenBy(x => x.Tag, StringComparer.Ordinal)
            .Select(x => x.Tag);
        result.AddRange(mentioned.Take(max));
        if (result.Count >= max) return result;

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        void Score(List<string> list, double weight)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var w = list[i];
                if (!IsKeyword(w)) continue;
                scores[w] = scores.GetValueOrDefault(w) + weight;
                if (i + 1 < list.Count && IsKeyword(list[i + 1]))
                {
                    var phrase = w + " " + list[i + 1];
                    scores[phrase] = scores.GetValueOrDefault(phrase) + weight * 2;
                }
            }
        }
        Score(words, 1);
        Score(titleWords, 3);

        var minScore = words.Count > 200 ? 3 : 2;
        foreach (var (candidate, _) in scores.Where(kv => kv.Value >= minScore).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (result.Count >= max) break;
            if (candidate.Length > MaxTagChars || taken.Contains(candidate)) continue;
            // A phrase or word already covered by a chosen tag would be a near-duplicate.
            if (result.Any(r => r.Split(' ').Contains(candidate) || candidate.Split(' ').Contains(r))) continue;
            result.Add(candidate);
            taken.Add(candidate);
        }
        return result;
    }

    private static bool IsKeyword(string word) =>
        word.Length >= 3 && !Stopwords.All.Contains(word) && !word.All(c => char.IsDigit(c) || c == '-' || c == '.');

    private static List<string> Words(string text)
    {
        var list = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '-' or '+' or '#' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])))) i++;
            list.Add(text[start..i].ToLowerInvariant());
        }
        return list;
    }

    private static int CountOccurrences(string haystack, string needle)
    {
        if (needle.Trim().Length == 0) return 0;
        var count = 0;
        var at = 0;
        while ((at = haystack.IndexOf(needle, at, StringComparison.Ordinal)) >= 0)
        {
            count++;
            at += needle.Length - 1;
        }
        return count;
    }
}
