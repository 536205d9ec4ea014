using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// One page of the records of <paramref name="type"/> matching <paramref name="search"/> in name order, and the
    /// exact number of matches, read from the term index alone (index-only: each term row carries its record's sort
    /// key). A common word ("llc", "sons") matches thousands of records; joining them to their table to sort by name
    /// cost 100–170 ms at 100k records, this costs a range scan of the word's terms. Only for a search with no other
    /// filter: anything else needs the records themselves.
    /// </summary>
    public static async Task<(List<Guid> Ids, int Total)> NameOrderedPageAsync(
        GalaxyDbContext db, CrmRecordType type, string search, bool descending, int skip, int take, CancellationToken ct)
    {
        var words = Words(search);
        if (words.Count == 0) return ([], 0);
        // Words come longest first: the likeliest to be rare drives the scan, the others are probed per match.
        var first = words[0];
        var firstUpper = UpperBound(first);
        var terms = db.CrmSearchTerms.AsNoTracking()
            .Where(t => t.RecordType == type && t.Term.CompareTo(first) >= 0 && t.Term.CompareTo(firstUpper) < 0);
        foreach (var word in words.Skip(1))
        {
            var upper = UpperBound(word);
            terms = terms.Where(t => db.CrmSearchTerms.Any(o =>
                o.RecordType == type && o.RecordId == t.RecordId && o.Term.CompareTo(word) >= 0 && o.Term.CompareTo(upper) < 0));
        }
        var matches = terms.GroupBy(t => t.RecordId).Select(g => new { Id = g.Key, Key = g.Max(t => t.SortKey) });
        var total = await matches.CountAsync(ct);
        var ordered = descending
            ? matches.OrderByDescending(m => m.Key).ThenByDescending(m => m.Id)
            : matches.OrderBy(m => m.Key).ThenBy(m => m.Id);
        var ids = total <= skip ? [] : await ordered.Skip(skip).Take(take).Select(m => m.Id).ToListAsync(ct);
        return (ids, total);
    }

    /// <summary><paramref name="rows"/> in the order of <paramref name="ids"/> (rows read with id IN (...) come back in any order).</summary>
    public static List<T> InOrderOf<T>(IReadOnlyList<Guid> ids, IEnumerable<T> rows) where T : TenantEntity
    {
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    /// <summary>
    /// Past this many tagged records a tag filter checks each record's tags array while the list walks its sort
    /// index (a common tag fills a page within a few hundred rows); below it, the few tagged ids come from the term
    /// index (walking the whole sort order for a rare tag would read every record).
    /// </summary>
    public const int CommonTagRecords = 2_000;

    /// <summary>How many records of <paramref name="type"/> carry the tag: an index-only count of its term rows.</summary>
    public static Task<int> TaggedCountAsync(GalaxyDbContext db, CrmRecordType type, string normalisedTag, CancellationToken ct)
    {
        var term = TagTerm(normalisedTag);
        return db.CrmSearchTerms.CountAsync(t => t.RecordType == type && t.Term == term, ct);
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
