using System.Linq.Expressions;

namespace GalaxyCo.Domain.Crm;

public enum SortDirection { Ascending, Descending }

/// <summary>What every CRM list shares: search, tag, owner, direction and page. Sizes are kept to 1..200 so no request reads a whole table.</summary>
public abstract record CrmListQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Matched literally (a % or _ typed into the box is not a wildcard) against name, email and company.</summary>
    public string? Search { get; init; }
    public string? Tag { get; init; }
    public Guid? AssignedTo { get; init; }
    public SortDirection Direction { get; init; } = SortDirection.Ascending;
    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    internal int EffectivePage => Math.Max(1, Page);
    internal int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    internal IOrderedQueryable<T> Order<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key) =>
        Direction == SortDirection.Descending ? query.OrderByDescending(key) : query.OrderBy(key);
}
