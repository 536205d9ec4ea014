using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Runs daily (Hangfire recurring job "invoice-overdue"). In every workspace it marks each sent invoice whose due date
/// has passed (due_date &lt; today, UTC) as overdue and tells its creator (or, when the creator is gone, the owners)
/// in-app. Each batch is one transaction with its notifications, so a rerun after a crash neither misses nor repeats
/// one; the status change goes through SaveChanges and is audited as done by the system.
/// </summary>
public sealed class InvoiceOverdueJob(IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, TimeProvider clock, ILogger<InvoiceOverdueJob> logger)
{
    public const string RecurringJobId = "invoice-overdue";

    private const int BatchSize = 500;

    /// <summary>Marks the invoices past due in every workspace; returns how many it marked.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        tenant.Actor = new AuditActor("system:invoice-overdue");
        List<(Guid Id, string Slug)> workspaces;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            workspaces = (await db.Workspaces.Select(w => new { w.Id, w.Slug }).ToListAsync(ct)).Select(w => (w.Id, w.Slug)).ToList();
        }
        var marked = 0;
        foreach (var (id, slug) in workspaces)
        {
            try
            {
                marked += await RunWorkspaceAsync(id, slug, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken workspace must not stop everyone else's.
                logger.LogError(e, "Marking overdue invoices failed for workspace {WorkspaceId}", id);
            }
        }
        return marked;
    }

    private async Task<int> RunWorkspaceAsync(Guid workspaceId, string slug, CancellationToken ct)
    {
        using var entered = tenant.Enter(workspaceId);
        var today = InvoiceDates.ToColumn(InvoiceDates.Today(clock));
        var sent = Invoice.RankOf(InvoiceStatus.Sent);
        var marked = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            // is_open + due_date is indexed; the rank picks sent (not already overdue) among the open ones.
            var due = await db.Invoices.Include(i => i.Customer)
                .Where(i => i.IsOpen && i.DueDate < today && i.StatusRank == sent)
                .OrderBy(i => i.DueDate).ThenBy(i => i.Id).Take(BatchSize).ToListAsync(ct);
            if (due.Count == 0) return marked;

            var members = await db.WorkspaceMembers.AsNoTracking().Where(m => m.IsActive).Select(m => new { m.UserId, m.Role }).ToListAsync(ct);
            var owners = members.Where(m => m.Role == UserRole.Owner).Select(m => m.UserId).ToList();
            var messages = new List<NotificationMessage>();
            foreach (var invoice in due)
            {
                invoice.Status = InvoiceStatus.Overdue;
                var recipients = invoice.CreatedBy is { } creator && members.Any(m => m.UserId == creator) ? [creator] : owners;
                var dueOn = InvoiceDates.ToDate(invoice.DueDate)!.Value.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
                var balance = Currencies.Format(invoice.Total - invoice.AmountPaid, invoice.Currency);
                messages.AddRange(recipients.Select(userId => new NotificationMessage(userId, NotificationType.Warning,
                    $"Invoice {invoice.InvoiceNumber} is overdue",
                    $"Invoice {invoice.InvoiceNumber} for {invoice.Customer?.Name ?? "a customer"} was due on {dueOn}; {balance} is still open.",
                    $"/w/{slug}/invoices/{invoice.Id}", "Open invoice",
                    new Dictionary<string, string> { ["invoiceId"] = invoice.Id.ToString() }, NotificationCategories.Invoice)));
            }
            await NotificationSender.AddAsync(db, messages, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone paid or cancelled one of them meanwhile: the next pass rereads the batch.
                continue;
            }
            marked += due.Count;
        }
    }
}
