using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

public enum SortDirection { Ascending, Descending }

/// <summary>What every CRM list shares: search, tag, owner or "mine", direction and page. Sizes are kept to 1..200 so no request reads a whole table.</summary>
public abstract record CrmListQuery
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// Totals are counted up to this many (and one more, so a list can say "10,000+"): counting every one of 100k
    /// filtered rows on each page costs more than the page itself.
    /// </summary>
    public const int CountCap = 10_000;

    /// <summary>
    /// The count cap while searching. A common word ("llc", a shared email domain) matches most of a workspace, and
    /// every counted match is a join with the search terms: 1,000 of them cost ~8 ms where 10,000 cost ~90 ms.
    /// </summary>
    public const int SearchCountCap = 1_000;

    /// <summary>The count cap for a list, searched (<paramref name="search"/> has words) or not.</summary>
    public static int CountCapFor(string? search) => CrmSearch.Words(search).Count > 0 ? SearchCountCap : CountCap;

    /// <summary>
    /// Word-prefix search over name, email and company (<see cref="CrmSearch"/>): every word typed must start a word
    /// of the record. Punctuation only separates words, so a % or _ typed into the box is never a wildcard, and a
    /// search with no letters or digits at all matches nothing.
    /// </summary>
    public string? Search { get; init; }
    public string? Tag { get; init; }
    public Guid? AssignedTo { get; init; }
    /// <summary>Only the signed-in person's records (wins over <see cref="AssignedTo"/>).</summary>
    public bool Mine { get; init; }
    /// <summary>Records to leave out, e.g. those waiting out a delete's undo window (at most <see cref="CrmBulkService.MaxIds"/> are used).</summary>
    public IReadOnlyCollection<Guid>? Except { get; init; }
    public SortDirection Direction { get; init; } = SortDirection.Ascending;
    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    internal int EffectivePage => Math.Max(1, Page);
    internal int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    /// <summary>The owner to filter on, if any: the signed-in person for "mine", else <see cref="AssignedTo"/>.</summary>
    internal Guid? Owner(Guid currentUserId) => Mine ? currentUserId : AssignedTo;

    internal IQueryable<T> Without<T>(IQueryable<T> query) where T : GalaxyCo.Data.TenantEntity
    {
        if (Except is not { Count: > 0 }) return query;
        var except = Except.Take(CrmBulkService.MaxIds).ToList();
        return query.Where(r => !except.Contains(r.Id));
    }

    internal IOrderedQueryable<T> Order<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key) =>
        Direction == SortDirection.Descending ? query.OrderByDescending(key) : query.OrderBy(key);

    /// <summary>Counts at most <see cref="CountCap"/> + 1 rows: a total above the cap means "more than 10,000".</summary>
    internal static Task<int> CappedCountAsync<T>(IQueryable<T> query, CancellationToken ct) => CappedCountAsync(query, CountCap, ct);

    /// <summary>Counts at most <paramref name="cap"/> + 1 rows.</summary>
    internal static Task<int> CappedCountAsync<T>(IQueryable<T> query, int cap, CancellationToken ct) => query.Take(cap + 1).CountAsync(ct);

    /// <summary>One page of <paramref name="sorted"/> (already ordered, including a unique tie-breaker).</summary>
    internal Task<List<T>> PageOf<T>(IQueryable<T> sorted, CancellationToken ct)
    {
        var size = EffectivePageSize;
        return sorted.Skip((EffectivePage - 1) * size).Take(size).ToListAsync(ct);
    }
}
