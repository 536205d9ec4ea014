namespace GalaxyCo.Domain.Crm;

/// <summary>One page of a server-side paged list, with the total across all pages for the pager.</summary>
public sealed record CrmPage<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    /// <summary>The most <see cref="Total"/> counts to: a Total above it means "more than this many".</summary>
    public int CountCap { get; init; } = CrmListQuery.CountCap;
}
