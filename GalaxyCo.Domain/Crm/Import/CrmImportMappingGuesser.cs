namespace GalaxyCo.Domain.Crm.Import;

/// <summary>
/// Guesses which field each CSV column goes to from its header: first every exact key or label match, then each
/// field's synonyms in order of strength, each field taking at most one column. A column nothing matches is left out
/// (null), for the person to map or leave.
/// </summary>
public static class CrmImportMappingGuesser
{
    public static Dictionary<string, string?> Guess(IReadOnlyList<string> headers, IReadOnlyList<CrmImportField> fields)
    {
        var mapping = headers.ToDictionary(h => h, _ => (string?)null, StringComparer.Ordinal);
        var normalised = headers.Select(h => (Header: h, Key: CrmImportFields.Normalise(h))).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);

        void Claim(CrmImportField field, Func<string, bool> matches)
        {
            if (taken.Contains(field.Key)) return;
            var column = normalised.FirstOrDefault(c => mapping[c.Header] is null && matches(c.Key));
            if (column.Header is null) return;
            mapping[column.Header] = field.Key;
            taken.Add(field.Key);
        }

        foreach (var field in fields)
            Claim(field, k => k == CrmImportFields.Normalise(field.Key) || k == CrmImportFields.Normalise(field.Label));
        var maxSynonyms = fields.Max(f => f.Synonyms?.Count ?? 0);
        for (var rank = 0; rank < maxSynonyms; rank++)
        {
            foreach (var field in fields)
            {
                if (field.Synonyms is not { } synonyms || rank >= synonyms.Count) continue;
                Claim(field, k => k == synonyms[rank]);
            }
        }
        // A full name next to separate first/last columns would fight them: keep the separate ones.
        if (taken.Contains("full_name") && (taken.Contains("first_name") || taken.Contains("last_name")))
        {
            foreach (var header in mapping.Where(m => m.Value == "full_name").Select(m => m.Key).ToList()) mapping[header] = null;
        }
        return mapping;
    }
}
