using GalaxyCo.Data;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>Calendar dates live in timestamptz columns as midnight UTC; these convert both ways.</summary>
public static class InvoiceDates
{
    public static DateTime ToColumn(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public static DateOnly? ToDate(DateTime? column) => column is { } c ? DateOnly.FromDateTime(c.ToUniversalTime()) : null;

    /// <summary>Today as the invoices count days: the UTC calendar date.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

/// <summary>Builds <see cref="InvoiceView"/>s, with what the member may do now.</summary>
internal static class InvoiceViews
{
    public static string DisplayNumber(Invoice invoice) => invoice.NumberSequence is null && invoice.Status == InvoiceStatus.Draft ? "Draft" : invoice.InvoiceNumber;

    /// <summary>Loads the invoice (tenant filtered) with its customer, project name and payments; null when not found.</summary>
    public static async Task<InvoiceView?> LoadAsync(GalaxyDbContext db, Guid id, CurrentMember member, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Customer).Include(i => i.Payments).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return null;
        var project = invoice.ProjectId is { } pid ? await db.Projects.AsNoTracking().Where(p => p.Id == pid).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        return From(invoice, project, member);
    }

    public static InvoiceView From(Invoice invoice, string? projectName, CurrentMember member)
    {
        var billing = member.Can(Permissions.InvoicesSend);
        var open = invoice.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue;
        var unreversed = invoice.Payments.Any(p => p.ReversedAt is null);
        var balance = invoice.Total - invoice.AmountPaid;
        return new InvoiceView
        {
            Id = invoice.Id,
            Number = DisplayNumber(invoice),
            IsNumbered = invoice.NumberSequence is not null || invoice.Status != InvoiceStatus.Draft,
            Status = invoice.Status,
            CustomerId = invoice.CustomerId,
            CustomerName = invoice.Customer?.Name ?? "",
            CustomerEmail = invoice.Customer?.Email,
            ProjectId = invoice.ProjectId,
            ProjectName = projectName,
            Currency = invoice.Currency,
            Items = invoice.Items.Select(l => new InvoiceLineView(l.Description, l.Quantity, l.UnitPriceCents, l.DiscountPercent, l.TaxRatePercent, l.Amount, l.TaxAmount, l.TaskId)).ToList(),
            TaxBreakdown = InvoiceMath.TaxBreakdown(invoice.Items),
            Subtotal = invoice.Subtotal,
            Tax = invoice.Tax,
            Total = invoice.Total,
            AmountPaid = invoice.AmountPaid,
            Balance = balance,
            IssueDate = InvoiceDates.ToDate(invoice.IssueDate),
            DueDate = InvoiceDates.ToDate(invoice.DueDate),
            SentAt = invoice.SentAt,
            PaidAt = invoice.PaidAt,
            CancelledAt = invoice.CancelledAt,
            Notes = invoice.Notes,
            Terms = invoice.Terms,
            Payments = invoice.Payments.OrderBy(p => p.PaidOn).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id)
                .Select(p => new PaymentView(p.Id, p.Amount, p.PaidOn, p.Method, p.Reference, p.Note, p.CreatedAt, p.ReversedAt is not null, p.ReversedAt, p.ReversalReason))
                .ToList(),
            Version = invoice.Version,
            CanEdit = billing && invoice.Status == InvoiceStatus.Draft,
            CanDelete = billing && invoice.Status == InvoiceStatus.Draft,
            CanSend = billing && invoice.Status == InvoiceStatus.Draft,
            CanCancel = billing && open && !unreversed,
            CanRecordPayment = billing && open && balance > 0,
        };
    }
}
