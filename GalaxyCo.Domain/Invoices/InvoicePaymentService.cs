using GalaxyCo.Data;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Payments against sent and overdue invoices. invoices.amount_paid is always the sum of the payments not reversed:
/// it is recomputed from the payments table in the same save that adds or reverses one, and the invoice's row version
/// makes two concurrent payments on one invoice conflict instead of both passing the balance check. Reaching the total
/// marks the invoice paid (paid_at = that payment's date); reversing a payment of a paid invoice reopens it as sent or
/// overdue by its due date. Payments and reversals are audited through SaveChanges like every other change.
/// </summary>
public sealed class InvoicePaymentService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public const int ReferenceMaxLength = 200;
    public const int NoteMaxLength = 1000;

    private const string NoBilling = "You need the billing permission to record payments in this workspace.";
    private const string Stale = "Someone else changed this invoice in the meantime. Reload to see their change, then try again.";

    public async Task<Result<InvoiceView>> RecordAsync(Guid invoiceId, PaymentInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceView>.From(Result.Forbidden(NoBilling));
        await using var db = await factory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return Result<InvoiceView>.From(Result.NotFound("Invoice"));
        var refusal = invoice.Status switch
        {
            InvoiceStatus.Draft => "Send the invoice before recording a payment against it.",
            InvoiceStatus.Cancelled => $"Invoice {invoice.InvoiceNumber} is cancelled (void); it takes no payments.",
            InvoiceStatus.Paid => $"Invoice {invoice.InvoiceNumber} is already paid in full.",
            _ => null,
        };
        if (refusal is not null) return Result<InvoiceView>.From(Result.Conflict(refusal));

        var paid = await UnreversedSumAsync(db, invoiceId, ct);
        var balance = invoice.Total - paid;
        var errors = new Dictionary<string, string>();
        if (input.Amount <= 0) errors["amount"] = "The amount must be more than zero.";
        else if (input.Amount > balance)
            errors["amount"] = $"That is more than the balance of {Currencies.Format(balance, invoice.Currency)}; overpayments can't be recorded.";
        if (input.PaidOn == default) errors["paidOn"] = "Give the payment date.";
        // A day of slack: in zones ahead of UTC "today" is already tomorrow's UTC date.
        else if (input.PaidOn > InvoiceDates.Today(clock).AddDays(1)) errors["paidOn"] = "The payment date can't be in the future.";
        if (input.Method is null || !PaymentMethods.All.Contains(input.Method)) errors["method"] = "Pick a payment method.";
        var reference = Clip(input.Reference, ReferenceMaxLength, "reference", errors);
        var note = Clip(input.Note, NoteMaxLength, "note", errors);
        if (errors.Count > 0) return Result<InvoiceView>.From(Result.Invalid(errors));

        db.InvoicePayments.Add(new InvoicePayment
        {
            InvoiceId = invoiceId,
            Amount = input.Amount,
            PaidOn = input.PaidOn,
            Method = input.Method!,
            Reference = reference,
            Note = note,
            RecordedBy = member.UserId,
        });
        invoice.AmountPaid = paid + input.Amount;
        if (invoice.AmountPaid == invoice.Total)
        {
            invoice.Status = InvoiceStatus.Paid;
            invoice.PaidAt = InvoiceDates.ToColumn(input.PaidOn);
            await NotifyPaidAsync(db, invoice, ct);
        }
        return await SaveAsync(db, invoiceId, ct);
    }

    public async Task<Result<InvoiceView>> ReverseAsync(Guid invoiceId, Guid paymentId, string? reason, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceView>.From(Result.Forbidden(NoBilling));
        await using var db = await factory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return Result<InvoiceView>.From(Result.NotFound("Invoice"));
        var payment = await db.InvoicePayments.FirstOrDefaultAsync(p => p.Id == paymentId && p.InvoiceId == invoiceId, ct);
        if (payment is null) return Result<InvoiceView>.From(Result.NotFound("Payment"));
        if (payment.ReversedAt is not null) return Result<InvoiceView>.From(Result.Conflict("That payment was already reversed."));
        var errors = new Dictionary<string, string>();
        var why = Clip(reason, NoteMaxLength, "reason", errors);
        if (errors.Count > 0) return Result<InvoiceView>.From(Result.Invalid(errors));

        payment.ReversedAt = clock.GetUtcNow().UtcDateTime;
        payment.ReversedBy = member.UserId;
        payment.ReversalReason = why;
        invoice.AmountPaid = await UnreversedSumAsync(db, invoiceId, ct) - payment.Amount;
        if (invoice.Status == InvoiceStatus.Paid)
        {
            invoice.Status = InvoiceDates.ToDate(invoice.DueDate) is { } due && due < InvoiceDates.Today(clock) ? InvoiceStatus.Overdue : InvoiceStatus.Sent;
            invoice.PaidAt = null;
        }
        return await SaveAsync(db, invoiceId, ct);
    }

    /// <summary>
    /// Tells the invoice's creator it was paid in full, in the same save as the payment (so a save that conflicts or
    /// fails tells nobody). Nobody is told when the creator recorded the payment themselves or has left.
    /// </summary>
    private async Task NotifyPaidAsync(GalaxyDbContext db, Invoice invoice, CancellationToken ct)
    {
        if (invoice.CreatedBy is not { } creator || creator == member.UserId) return;
        if (!await db.WorkspaceMembers.AnyAsync(m => m.UserId == creator && m.IsActive, ct)) return;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == invoice.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        await NotificationSender.AddAsync(db, [new NotificationMessage(creator, NotificationType.Success,
            $"Invoice {invoice.InvoiceNumber} was paid",
            $"{Currencies.Format(invoice.Total, invoice.Currency)} from {customer ?? "a customer"} received in full.",
            $"/w/{member.WorkspaceSlug}/invoices/{invoice.Id}", "Open invoice",
            new Dictionary<string, string> { ["invoiceId"] = invoice.Id.ToString() }, NotificationCategories.Invoice)], ct);
    }

    private static Task<long> UnreversedSumAsync(GalaxyDbContext db, Guid invoiceId, CancellationToken ct) =>
        db.InvoicePayments.Where(p => p.InvoiceId == invoiceId && p.ReversedAt == null).SumAsync(p => p.Amount, ct);

    private async Task<Result<InvoiceView>> SaveAsync(GalaxyDbContext db, Guid invoiceId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<InvoiceView>.From(Result.Conflict(Stale));
        }
        db.ChangeTracker.Clear();
        var view = await InvoiceViews.LoadAsync(db, invoiceId, member, ct);
        return view is null ? Result<InvoiceView>.From(Result.NotFound("Invoice")) : view;
    }

    private static string? Clip(string? value, int max, string field, Dictionary<string, string> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > max) errors[field] = $"Keep it under {max} characters.";
        return trimmed;
    }
}
