using GalaxyCo.Data;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Invoices.InvoiceTestData;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoicePaymentServiceTests(PostgresDatabase db)
{
    [Fact]
    public async Task RecordAsync_PartialThenFull_FollowsAmountPaidAndMarksPaidOnTheLastPaymentsDate()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Pay Full");
        var customer = await host.CustomerAsync(w, "Payer");
        await using var owner = await host.OwnerOfAsync(w);
        var sent = await SentAsync(owner, Draft(customer, host.Today.AddDays(-10))); // 2 × 100.00 + 10 % = 220.00
        Assert.Equal(22_000, sent.Total);

        var partial = Ok(await owner.Payments.RecordAsync(sent.Id, new PaymentInput(5_000, host.Today.AddDays(-2), PaymentMethods.Card, "ch_1")));
        Assert.Equal((InvoiceStatus.Sent, 5_000L, 17_000L), (partial.Status, partial.AmountPaid, partial.Balance));
        Assert.Null(partial.PaidAt);

        var over = await owner.Payments.RecordAsync(sent.Id, new PaymentInput(17_001, host.Today, PaymentMethods.Cash));
        Assert.Equal(ResultStatus.Invalid, over.Status);
        Assert.Contains("overpayments", over.ErrorFor("amount"), StringComparison.Ordinal);

        var full = Ok(await owner.Payments.RecordAsync(sent.Id, new PaymentInput(17_000, host.Today.AddDays(-1), PaymentMethods.BankTransfer)));
        Assert.Equal((InvoiceStatus.Paid, 22_000L, 0L), (full.Status, full.AmountPaid, full.Balance));
        Assert.Equal(InvoiceDates.ToColumn(host.Today.AddDays(-1)), full.PaidAt);
        Assert.Equal(2, full.Payments.Count);
        Assert.False(full.CanRecordPayment || full.CanCancel);

        var afterPaid = await owner.Payments.RecordAsync(sent.Id, new PaymentInput(1, host.Today, PaymentMethods.Cash));
        Assert.Equal(ResultStatus.Conflict, afterPaid.Status);
        Assert.Contains("already paid", afterPaid.Message, StringComparison.Ordinal);

        var stored = await host.ReadAsync(w.Id, c => c.Invoices.SingleAsync());
        Assert.Equal((22_000L, 0L), (stored.AmountPaid, stored.Balance));
        Assert.Equal(2, await host.ReadAsync(w.Id, c => c.AuditLogs.CountAsync(a => a.ResourceType == "invoice_payment" && a.Action == "create")));
    }

    [Fact]
    public async Task RecordAsync_InvalidInputOrWrongStatus_Refused()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Pay Invalid");
        var customer = await host.CustomerAsync(w, "Payer");
        await using var owner = await host.OwnerOfAsync(w);
        var draft = Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today)));
        var onDraft = await owner.Payments.RecordAsync(draft.Id, new PaymentInput(100, host.Today, PaymentMethods.Cash));
        Assert.Equal(ResultStatus.Conflict, onDraft.Status);
        Assert.Contains("Send the invoice", onDraft.Message, StringComparison.Ordinal);

        var sent = Ok(await owner.Invoices.SendAsync(draft.Id, draft.Version));
        var bad = await owner.Payments.RecordAsync(sent.Id, new PaymentInput(0, host.Today.AddDays(3), "bitcoin"));
        Assert.Equal(ResultStatus.Invalid, bad.Status);
        Assert.NotNull(bad.ErrorFor("amount"));
        Assert.NotNull(bad.ErrorFor("paidOn"));
        Assert.NotNull(bad.ErrorFor("method"));
        Assert.NotNull((await owner.Payments.RecordAsync(sent.Id, new PaymentInput(-5, host.Today, PaymentMethods.Cash))).ErrorFor("amount"));

        var cancelled = Ok(await owner.Invoices.CancelAsync(sent.Id, sent.Version));
        var onVoid = await owner.Payments.RecordAsync(cancelled.Id, new PaymentInput(100, host.Today, PaymentMethods.Cash));
        Assert.Equal(ResultStatus.Conflict, onVoid.Status);
        Assert.Contains("cancelled", onVoid.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.ReadAsync(w.Id, c => c.InvoicePayments.CountAsync()));
    }

    [Fact]
    public async Task ReverseAsync_PaymentOfPaidInvoice_ReopensBySentOrOverdueAndAllowsCancel()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Pay Reverse");
        var customer = await host.CustomerAsync(w, "Payer");
        await using var owner = await host.OwnerOfAsync(w);
        var notDue = await SentAsync(owner, Draft(customer, host.Today));
        var pastDue = await SentAsync(owner, Draft(customer, host.Today.AddDays(-60))); // due 30 days ago

        var paid = Ok(await owner.Payments.RecordAsync(notDue.Id, new PaymentInput(notDue.Total, host.Today, PaymentMethods.Check)));
        var reopened = Ok(await owner.Payments.ReverseAsync(notDue.Id, paid.Payments[0].Id, "Bounced"));
        Assert.Equal((InvoiceStatus.Sent, 0L, notDue.Total), (reopened.Status, reopened.AmountPaid, reopened.Balance));
        Assert.Null(reopened.PaidAt);
        var reversed = Assert.Single(reopened.Payments);
        Assert.True(reversed.IsReversed);
        Assert.Equal("Bounced", reversed.ReversalReason);
        Assert.Equal(ResultStatus.Conflict, (await owner.Payments.ReverseAsync(notDue.Id, reversed.Id, null)).Status);

        var late = Ok(await owner.Payments.RecordAsync(pastDue.Id, new PaymentInput(pastDue.Total, host.Today, PaymentMethods.Card)));
        Assert.Equal(InvoiceStatus.Paid, late.Status);
        var lateReopened = Ok(await owner.Payments.ReverseAsync(pastDue.Id, late.Payments[0].Id, null));
        Assert.Equal(InvoiceStatus.Overdue, lateReopened.Status);

        // With every payment reversed the invoice can be voided; a payment of another invoice is not found here.
        Assert.Equal(ResultStatus.NotFound, (await owner.Payments.ReverseAsync(notDue.Id, late.Payments[0].Id, null)).Status);
        Assert.Equal(InvoiceStatus.Cancelled, Ok(await owner.Invoices.CancelAsync(notDue.Id, reopened.Version)).Status);
    }

    [Fact]
    public async Task CancelAsync_WithUnreversedPartialPayment_Refused()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Pay Cancel");
        var customer = await host.CustomerAsync(w, "Payer");
        await using var owner = await host.OwnerOfAsync(w);
        var sent = await SentAsync(owner, Draft(customer, host.Today));
        var partly = Ok(await owner.Payments.RecordAsync(sent.Id, new PaymentInput(100, host.Today, PaymentMethods.Cash)));
        Assert.False(partly.CanCancel);

        var cancel = await owner.Invoices.CancelAsync(sent.Id, partly.Version);
        Assert.Equal(ResultStatus.Conflict, cancel.Status);
        Assert.Contains("reverse them", cancel.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_ZeroAndThreeDecimalCurrencies_PaysToTheLastMinorUnit()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Pay Exponents");
        var customer = await host.CustomerAsync(w, "Payer");
        await using var owner = await host.OwnerOfAsync(w);
        var yen = await SentAsync(owner, Draft(customer, host.Today, "JPY", new LineItemInput("Yen", 3, 333, 0, 10)));
        var fils = await SentAsync(owner, Draft(customer, host.Today, "KWD", new LineItemInput("Fils", 0.333m, 1_001, 0, 5)));
        Assert.Equal((999L, 100L, 1_099L), (yen.Subtotal, yen.Tax, yen.Total));
        Assert.Equal((333L, 17L, 350L), (fils.Subtotal, fils.Tax, fils.Total));

        Assert.Equal(InvoiceStatus.Paid, Ok(await owner.Payments.RecordAsync(yen.Id, new PaymentInput(1_099, host.Today, PaymentMethods.Cash))).Status);
        Ok(await owner.Payments.RecordAsync(fils.Id, new PaymentInput(349, host.Today, PaymentMethods.Cash)));
        Assert.Equal(InvoiceStatus.Paid, Ok(await owner.Payments.RecordAsync(fils.Id, new PaymentInput(1, host.Today, PaymentMethods.Cash))).Status);
    }
}
