using System.Globalization;
using System.Net;
using GalaxyCo.Data;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Mails an invoice's PDF to the customer's billing address (the customer's email, else its first contact's) through
/// <see cref="IMailSender"/>: SMTP when configured, the local outbox folder otherwise. A customer without any email
/// answers Invalid("customerEmail"); a mail server that refuses answers Conflict with what it said.
/// </summary>
public sealed class InvoiceMailer(InvoicePdfService pdfs, CurrentMember member, IMailSender mail, ILogger<InvoiceMailer> logger)
{
    public async Task<Result> MailAsync(Guid invoiceId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result.Forbidden("You can't send invoices in this workspace.");
        var loaded = await pdfs.LoadAsync(invoiceId, ct);
        if (loaded is null) return Result.NotFound("Invoice");
        var m = loaded.Model;
        if (!loaded.IsNumbered) return Result.Conflict("A draft can't be mailed: send the invoice first so it gets its number.");
        if (string.IsNullOrWhiteSpace(m.CustomerEmail))
            return Result.Invalid("customerEmail", $"{m.CustomerName} has no email address. Add one to the customer (or to one of its contacts) and try again.");

        var file = InvoicePdfService.Render(m, loaded.IsNumbered);
        var outgoing = Compose(m, file);
        try
        {
            await mail.SendAsync(outgoing, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not mail invoice {InvoiceId}", invoiceId);
            return Result.Conflict($"The invoice could not be mailed: {ex.Message}");
        }
        return Result.Ok();
    }

    internal static OutgoingMail Compose(InvoicePdfModel m, InvoiceFile file)
    {
        var total = Currencies.Format(m.Total, m.Currency);
        var balance = Currencies.Format(m.Balance, m.Currency);
        var due = m.DueDate?.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        var business = InvoicePdfWriter.Clean(m.BusinessName, 200).Replace('\n', ' ');
        var subject = $"Invoice {m.Number} from {business}";
        var lines = new List<string>
        {
            $"Hello {InvoicePdfWriter.Clean(m.CustomerName, 200).Replace('\n', ' ')},",
            "",
            $"Please find attached invoice {m.Number} for {total}." + (m.Status == InvoiceStatus.Paid ? " It has been paid in full, thank you." : due is null ? "" : $" It is due on {due}."),
        };
        if (m.Status != InvoiceStatus.Paid && m.Balance != m.Total) lines.Add($"Balance due: {balance}.");
        lines.Add("");
        lines.Add(m.BusinessEmail is { Length: > 0 } email ? $"Questions? Reply to {email}." : "Thank you for your business.");
        lines.Add("");
        lines.Add(business);
        var text = string.Join("\n", lines);
        var html = "<div style=\"font-family:sans-serif;font-size:14px;color:#222\">"
            + string.Concat(lines.Select(l => l.Length == 0 ? "<br>" : $"<p style=\"margin:0 0 4px\">{WebUtility.HtmlEncode(l)}</p>"))
            + $"<table style=\"margin-top:12px;border-collapse:collapse\"><tr><td style=\"padding:2px 12px 2px 0;color:#666\">Invoice</td><td><b>{WebUtility.HtmlEncode(m.Number)}</b></td></tr>"
            + $"<tr><td style=\"padding:2px 12px 2px 0;color:#666\">Total</td><td><b>{WebUtility.HtmlEncode(total)}</b></td></tr>"
            + (due is null ? "" : $"<tr><td style=\"padding:2px 12px 2px 0;color:#666\">Due</td><td>{WebUtility.HtmlEncode(due)}</td></tr>")
            + "</table></div>";
        return new OutgoingMail(m.CustomerEmail!, subject, html, text, [new MailAttachment(file.FileName, file.ContentType, file.Content)]);
    }
}
