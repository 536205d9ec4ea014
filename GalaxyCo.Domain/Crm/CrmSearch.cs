using GalaxyCo.Data;
using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Search by name, email and company: every word typed must be the start of a word of the record (so "acme jan"
/// finds Jane at Acme Corp). It reads crm_search_terms, which triggers keep, with a b-tree range per word: under
/// row-level security PostgreSQL only uses an index for leakproof operators, and text &gt;= / &lt; in the "C"
/// collation are, where ILIKE and trigram matching are not.
/// </summary>
public static class CrmSearch
{
    public const int MaxWords = 6;
    public const int MaxWordLength = 200;

    /// <summary>The words of a search box, lower-cased and split the way the trigger splits record text.</summary>
    public static IReadOnlyList<string> Words(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return [];
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var ch in search.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch)) { current.Append(ch); continue; }
            Flush();
        }
        Flush();
        return words.Distinct().OrderByDescending(w => w.Length).Take(MaxWords).ToList();

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString(0, Math.Min(current.Length, MaxWordLength)));
            current.Clear();
        }
    }

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> (code point order, as in "C").</summary>
    public static string UpperBound(string prefix)
    {
        var last = prefix[^1];
        return last == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(last + 1);
    }

    /// <summary>Keeps the records of <paramref name="type"/> whose words start with every word of <paramref name="search"/>.</summary>
    public static IQueryable<T> Matching<T>(IQueryable<T> records, GalaxyDbContext db, CrmRecordType type, string? search) where T : TenantEntity
    {
        foreach (var word in Words(search))
        {
            var upper = UpperBound(word);
            records = records.Where(r => db.CrmSearchTerms.Any(t =>
                t.RecordType == type && t.RecordId == r.Id && t.Term.CompareTo(word) >= 0 && t.Term.CompareTo(upper) < 0));
        }
        return records;
    }

    /// <summary>The search term a tag is kept under (see the CrmTagTerms migration).</summary>
    public static string TagTerm(string normalisedTag) => "#" + normalisedTag[..Math.Min(normalisedTag.Length, 199)];

    /// <summary>
    /// Keeps the records of <paramref name="type"/> that carry <paramref name="normalisedTag"/>, through the terms
    /// index: <c>tags @&gt; array[...]</c> cannot use an index under row-level security.
    /// </summary>
    public static IQueryable<T> WithTag<T>(IQueryable<T> records, GalaxyDbContext db, CrmRecordType type, string normalisedTag) where T : TenantEntity
    {
        var term = TagTerm(normalisedTag);
        return records.Where(r => db.CrmSearchTerms.Any(t => t.RecordType == type && t.Term == term && t.RecordId == r.Id));
    }
}
