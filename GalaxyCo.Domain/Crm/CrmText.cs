using GalaxyCo.Data;
using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Text rules the CRM lists share. Searches go through <see cref="CrmSearch"/> (word prefixes over the trigger-kept
/// crm_search_terms, which an index serves under row-level security); never ILIKE '%x%' on the record tables, which
/// RLS keeps from using a trigram index.
/// </summary>
internal static class CrmText
{
    public const int MaxSearchLength = 100;

    /// <summary>
    /// The records matching <paramref name="search"/>: every word a prefix of a word of their name, email or company.
    /// Something typed that holds no word at all ("%", "--") matches nothing rather than everything.
    /// </summary>
    public static IQueryable<T> Search<T>(IQueryable<T> records, GalaxyDbContext db, CrmRecordType type, string? search) where T : TenantEntity
    {
        if (string.IsNullOrWhiteSpace(search)) return records;
        var trimmed = search.Trim();
        if (trimmed.Length > MaxSearchLength) trimmed = trimmed[..MaxSearchLength];
        return CrmSearch.Words(trimmed).Count == 0 ? records.Where(_ => false) : CrmSearch.Matching(records, db, type, trimmed);
    }

    /// <summary>The search as it is used: trimmed and cut to <see cref="MaxSearchLength"/>.</summary>
    public static string Clip(string? search)
    {
        var trimmed = (search ?? "").Trim();
        return trimmed.Length > MaxSearchLength ? trimmed[..MaxSearchLength] : trimmed;
    }

    /// <summary>The words <see cref="Search{T}"/> matches for <paramref name="search"/>.</summary>
    public static IReadOnlyList<string> SearchWords(string? search) => CrmSearch.Words(Clip(search));

    /// <summary>A normalised tag for filtering, or null.</summary>
    public static string? Tag(string? tag)
    {
        var t = (tag ?? "").Trim().ToLowerInvariant();
        return t.Length == 0 ? null : t;
    }
}
