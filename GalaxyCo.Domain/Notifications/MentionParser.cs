namespace GalaxyCo.Domain.Notifications;

/// <summary>A member who can be @mentioned.</summary>
public sealed record MentionCandidate(Guid UserId, string? FirstName, string? LastName, string Email);

/// <summary>
/// Finds the members a text @mentions: "@First Last", "@first" or "@email@example.com", case-insensitive, the longest
/// form that matches winning ("@Ann Lee" is Ann Lee, not any Ann). An @ inside a word or an email address
/// ("foo@bar.com") is no mention, and a match must end at a word boundary ("@annabel" is not Ann). A form that fits
/// two members (two people called Ann) mentions neither: guessing would notify the wrong person.
/// </summary>
public static class MentionParser
{
    public static IReadOnlyList<Guid> Parse(string text, IReadOnlyList<MentionCandidate> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (string.IsNullOrEmpty(text) || members.Count == 0 || !text.Contains('@', StringComparison.Ordinal)) return [];

        var keys = Keys(members);
        var found = new List<Guid>();
        var i = 0;
        while ((i = text.IndexOf('@', i)) >= 0)
        {
            if (i > 0 && IsWordChar(text[i - 1]))
            {
                i++;
                continue;
            }
            var rest = text.AsSpan(i + 1);
            var matched = 0;
            foreach (var (key, ids) in keys)
            {
                if (!rest.StartsWith(key, StringComparison.OrdinalIgnoreCase) || !EndsAtBoundary(rest, key.Length)) continue;
                matched = key.Length;
                if (ids.Count == 1 && !found.Contains(ids[0])) found.Add(ids[0]);
                break;
            }
            i += 1 + matched;
        }
        return found;
    }

    /// <summary>Every form a member can be mentioned by, longest first, with the people each fits.</summary>
    private static List<(string Key, List<Guid> Ids)> Keys(IReadOnlyList<MentionCandidate> members)
    {
        var map = new Dictionary<string, List<Guid>>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in members)
        {
            var first = Clean(m.FirstName);
            var last = Clean(m.LastName);
            var forms = new[] { first is null || last is null ? null : $"{first} {last}", first, Clean(m.Email) };
            foreach (var form in forms.Where(f => f is not null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!map.TryGetValue(form!, out var ids)) map[form!] = ids = [];
                if (!ids.Contains(m.UserId)) ids.Add(m.UserId);
            }
        }
        return map.Select(kv => (kv.Key, kv.Value)).OrderByDescending(k => k.Key.Length).ToList();
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // Collapse inner whitespace so "Mary  Ann" is typed as "Mary Ann".
        return string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// The match ends where the next character can't continue a name or address: punctuation after it is fine
    /// ("@Ann, see"), but "@ann.lee" or "@ann-marie" is someone else.
    /// </summary>
    private static bool EndsAtBoundary(ReadOnlySpan<char> rest, int length)
    {
        if (length >= rest.Length) return true;
        var next = rest[length];
        if (IsWordChar(next)) return false;
        if (next is '.' or '-' or '@' or '\'' && length + 1 < rest.Length && IsWordChar(rest[length + 1])) return false;
        return true;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
