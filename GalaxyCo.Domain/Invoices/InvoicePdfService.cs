using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// The invoice as a PDF (see <see cref="InvoicePdfWriter"/>): the invoice, its customer and the workspace's invoice
/// settings are read in the current workspace, so another workspace's id answers NotFound.
/// </summary>
public sealed class InvoicePdfService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const string ContentType = "application/pdf";

    public async Task<Result<InvoiceFile>> RenderAsync(Guid invoiceId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<InvoiceFile>.From(Result.Forbidden("You can't see the invoices of this workspace."));
        var loaded = await LoadAsync(invoiceId, ct);
        if (loaded is null) return Result<InvoiceFile>.From(Result.NotFound("Invoice"));
        return Render(loaded.Model, loaded.IsNumbered);
    }

    /// <summary>"INV-2026-0042.pdf"; a draft, which has no number yet, "Draft-invoice.pdf".</summary>
    internal static string FileName(string number, bool isNumbered)
    {
        if (!isNumbered) return "Draft-invoice.pdf";
        var safe = string.Concat(number.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')).Trim('.');
        return (safe.Length == 0 ? "invoice" : safe) + ".pdf";
    }

    internal static InvoiceFile Render(InvoicePdfModel model, bool isNumbered) =>
        new(FileName(model.Number, isNumbered), ContentType, InvoicePdfWriter.Write(model));

    /// <summary>What the PDF and the mail need, or null when the invoice is not in this workspace.</summary>
    internal async Task<LoadedInvoice?> LoadAsync(Guid invoiceId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId)
            .Select(i => new
            {
                i.Id, i.InvoiceNumber, i.NumberSequence, i.Status, i.Currency, i.IssueDate, i.DueDate, i.Items, i.Subtotal, i.Tax, i.Total, i.AmountPaid,
                i.Notes, i.Terms, i.CustomerId, CustomerName = i.Customer!.Name, CustomerEmail = i.Customer.Email, CustomerAddress = i.Customer.Address,
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var settings = await db.InvoiceSettings.AsNoTracking()
            .Select(s => new { s.BusinessName, s.BusinessAddress, s.BusinessEmail, s.TaxId, s.Logo })
            .FirstOrDefaultAsync(ct);
        var billingEmail = !string.IsNullOrWhiteSpace(row.CustomerEmail) ? row.CustomerEmail.Trim()
            // No email on the customer: its first contact that has one (contacts have no "primary" flag; the oldest is the main one in practice).
            : await db.Contacts.AsNoTracking().Where(c => c.CustomerId == row.CustomerId && c.Email != "")
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Email).FirstOrDefaultAsync(ct);
        var isNumbered = row.NumberSequence is not null;
        var model = new InvoicePdfModel
        {
            Number = isNumbered ? row.InvoiceNumber : "Draft",
            Status = row.Status,
            Currency = row.Currency,
            IssueDate = row.IssueDate is { } issued ? DateOnly.FromDateTime(issued) : null,
            DueDate = row.DueDate is { } due ? DateOnly.FromDateTime(due) : null,
            BusinessName = string.IsNullOrWhiteSpace(settings?.BusinessName) ? member.WorkspaceName : settings.BusinessName,
            BusinessAddress = settings?.BusinessAddress,
            BusinessEmail = settings?.BusinessEmail,
            TaxId = settings?.TaxId,
            Logo = settings?.Logo,
            CustomerName = row.CustomerName,
            CustomerAddress = AddressLines(row.CustomerAddress),
            CustomerEmail = billingEmail,
            Items = row.Items.Select(l => new InvoiceLineView(l.Description, l.Quantity, l.UnitPriceCents, l.DiscountPercent, l.TaxRatePercent, l.Amount, l.TaxAmount, l.TaskId)).ToList(),
            TaxBreakdown = InvoiceMath.TaxBreakdown(row.Items),
            Subtotal = row.Subtotal,
            Tax = row.Tax,
            Total = row.Total,
            AmountPaid = row.AmountPaid,
            Balance = row.Total - row.AmountPaid,
            Notes = row.Notes,
            Terms = row.Terms,
        };
        return new LoadedInvoice(row.Id, isNumbered, model);
    }

    /// <summary>Street; "City, State Zip"; Country — the lines that have something.</summary>
    internal static IReadOnlyList<string> AddressLines(PostalAddress? address)
    {
        if (address is null) return [];
        var cityLine = string.Join(" ", new[] { string.Join(", ", new[] { address.City, address.State }.Where(s => !string.IsNullOrWhiteSpace(s))), address.Zip }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        return new[] { address.Street, cityLine, address.Country }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList();
    }
}

internal sealed record LoadedInvoice(Guid Id, bool IsNumbered, InvoicePdfModel Model);
