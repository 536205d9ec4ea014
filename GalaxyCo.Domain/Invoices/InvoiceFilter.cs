using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Domain.Crm;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// The invoice list's filters and sorts, shared by the list page (<see cref="InvoiceService.ListAsync"/>) and the CSV
/// export, so an export holds exactly what the list showed.
/// </summary>
internal static class InvoiceFilter
{
    /// <summary>
    /// Customer, issue dates and search (every filter but the status, which the list applies after counting its tabs).
    /// Search matches the number as a prefix, as typed or upper-cased (inv-2026 finds INV-2026-0042), through a text
    /// range (leakproof, so the number index serves it under RLS), or a customer name through the CRM's word-prefix
    /// term index; at most <paramref name="maxCustomers"/> matching customers are taken.
    /// </summary>
    public static async Task<IQueryable<Invoice>> WhereAsync(GalaxyDbContext db, InvoiceQuery query, int maxCustomers, CancellationToken ct)
    {
        var q = db.Invoices.AsNoTracking();
        if (query.CustomerId is { } customerId) q = q.Where(i => i.CustomerId == customerId);
        if (query.IssuedFrom is { } from)
        {
            var f = InvoiceDates.ToColumn(from);
            q = q.Where(i => i.IssueDate >= f);
        }
        if (query.IssuedTo is { } to)
        {
            var t = InvoiceDates.ToColumn(to.AddDays(1));
            q = q.Where(i => i.IssueDate < t);
        }
        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            if (search.Length > 100) search = search[..100];
            var upper = search.ToUpperInvariant();
            var upperEnd = CrmSearch.UpperBound(upper);
            var asTyped = search;
            var asTypedEnd = CrmSearch.UpperBound(search);
            var customers = CrmSearch.Words(search).Count == 0
                ? []
                : await CrmSearch.Matching(db.Customers.AsNoTracking(), db, CrmRecordType.Customer, search).Select(c => c.Id).OrderBy(id => id).Take(maxCustomers).ToListAsync(ct);
            q = q.Where(i => (i.InvoiceNumber.CompareTo(upper) >= 0 && i.InvoiceNumber.CompareTo(upperEnd) < 0)
                || (i.InvoiceNumber.CompareTo(asTyped) >= 0 && i.InvoiceNumber.CompareTo(asTypedEnd) < 0)
                || customers.Contains(i.CustomerId));
        }
        return q;
    }

    public static IQueryable<Invoice> WithStatus(IQueryable<Invoice> q, InvoiceStatus? status)
    {
        if (status is not { } s) return q;
        var rank = Invoice.RankOf(s);
        return q.Where(i => i.StatusRank == rank);
    }

    /// <summary>The list's orders, each ending on the id so pages never overlap (and served by an index).</summary>
    public static IQueryable<Invoice> Sorted(IQueryable<Invoice> q, InvoiceSort sort) => sort switch
    {
        InvoiceSort.IssueDateAsc => q.OrderBy(i => i.IssueDate).ThenBy(i => i.Id),
        InvoiceSort.DueDateAsc => q.OrderBy(i => i.DueDate).ThenBy(i => i.Id),
        InvoiceSort.TotalDesc => q.OrderByDescending(i => i.Total).ThenByDescending(i => i.Id),
        InvoiceSort.NumberDesc => q.OrderByDescending(i => i.NumberSequence).ThenByDescending(i => i.Id),
        _ => q.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id),
    };
}
