using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Validates a draft's fields, one message per field (keys: customerId, projectId, currency, issueDate, dueDate, items,
/// items[3].quantity …), and turns the lines into stored line items with their amounts worked out by <see cref="InvoiceMath"/>.
/// </summary>
internal sealed class InvoiceInputCheck
{
    public const int MaxItems = 200;
    public const decimal MaxQuantity = 1_000_000m;
    public const int DescriptionMaxLength = 1000;
    public const int NotesMaxLength = 5000;

    private readonly Dictionary<string, string> errors = [];

    public bool Failed => errors.Count > 0;

    public void Add(string field, string message) => errors.TryAdd(field, message);

    public Result Invalid() => Result.Invalid(errors);

    /// <summary>The normalised values to save, or null with the errors collected.</summary>
    public static async Task<(Checked? Value, Result? Invalid)> RunAsync(GalaxyDbContext db, InvoiceInput input, CancellationToken ct)
    {
        var check = new InvoiceInputCheck();
        var currency = (input.Currency ?? "").Trim().ToUpperInvariant();
        if (!Currencies.IsKnown(currency)) check.Add("currency", "Pick an ISO 4217 currency code, e.g. USD, EUR or JPY.");
        if (input.IssueDate == default) check.Add("issueDate", "Give the issue date.");
        if (input.DueDate == default) check.Add("dueDate", "Give the due date.");
        else if (input.IssueDate != default && input.DueDate < input.IssueDate) check.Add("dueDate", "The due date can't be before the issue date.");
        var items = check.Items(input.Items);
        var notes = check.Optional("notes", input.Notes, NotesMaxLength);
        var terms = check.Optional("terms", input.Terms, NotesMaxLength);

        // Query filters and RLS hide other workspaces' rows, so another workspace's id reads as "not found" here:
        // the same message as a mistyped id, which tells nothing about the other workspace.
        if (input.CustomerId == Guid.Empty) check.Add("customerId", "Pick a customer.");
        else if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) check.Add("customerId", "That customer was not found.");
        if (input.ProjectId is { } projectId && !await db.Projects.AnyAsync(p => p.Id == projectId, ct))
            check.Add("projectId", "That project was not found.");

        if (check.Failed) return (null, check.Invalid());
        var (subtotal, tax, total) = InvoiceMath.Totals(items);
        if (total > InvoiceMath.MaxAmount) return (null, Result.Invalid("items", "The invoice total is too large."));
        return (new Checked(currency, items, notes, terms, subtotal, tax, total), null);
    }

    private string? Optional(string field, string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > max) Add(field, $"Keep it under {max} characters.");
        return trimmed;
    }

    private List<InvoiceLineItem> Items(IReadOnlyList<LineItemInput>? lines)
    {
        var items = new List<InvoiceLineItem>();
        if (lines is null || lines.Count == 0)
        {
            Add("items", "Add at least one line.");
            return items;
        }
        if (lines.Count > MaxItems)
        {
            Add("items", $"An invoice can have at most {MaxItems} lines.");
            return items;
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var key = $"items[{i}]";
            var description = line.Description?.Trim() ?? "";
            if (description.Length == 0) Add(key + ".description", "Describe the line.");
            else if (description.Length > DescriptionMaxLength) Add(key + ".description", $"Keep the description under {DescriptionMaxLength} characters.");
            var ok = true;
            if (line.Quantity <= 0 || line.Quantity > MaxQuantity || Scale(line.Quantity) > 3)
            {
                Add(key + ".quantity", "The quantity must be more than 0 and at most 1,000,000, with up to 3 decimals.");
                ok = false;
            }
            if (line.UnitPrice < 0 || line.UnitPrice > InvoiceMath.MaxAmount)
            {
                Add(key + ".unitPrice", line.UnitPrice < 0 ? "The unit price can't be negative." : "The unit price is too large.");
                ok = false;
            }
            if (line.DiscountPercent < 0 || line.DiscountPercent > 100 || Scale(line.DiscountPercent) > 2)
            {
                Add(key + ".discountPercent", "The discount must be between 0 and 100 %, with up to 2 decimals.");
                ok = false;
            }
            if (line.TaxRatePercent < 0 || line.TaxRatePercent > 100 || Scale(line.TaxRatePercent) > 3)
            {
                Add(key + ".taxRatePercent", "The tax rate must be between 0 and 100 %, with up to 3 decimals.");
                ok = false;
            }
            var item = new InvoiceLineItem
            {
                Description = description,
                Quantity = line.Quantity,
                UnitPriceCents = line.UnitPrice,
                DiscountPercent = line.DiscountPercent,
                TaxRatePercent = line.TaxRatePercent,
                TaskId = line.TaskId,
            };
            // quantity × price fits a decimal exactly (≤ 10^21), so the bound is checked before the long arithmetic.
            if (ok && line.Quantity * line.UnitPrice > InvoiceMath.MaxAmount)
            {
                Add(key + ".quantity", "This line's amount is too large.");
                ok = false;
            }
            if (ok) (item.Amount, item.TaxAmount) = InvoiceMath.Line(item);
            items.Add(item);
        }
        return items;
    }

    /// <summary>Significant decimals: 1.500 has 1, 1.25 has 2 (trailing zeros don't count).</summary>
    internal static int Scale(decimal value)
    {
        var normalised = value / 1.000000000000000000000000000000000m;
        return normalised.Scale;
    }

    public sealed record Checked(string Currency, List<InvoiceLineItem> Items, string? Notes, string? Terms, long Subtotal, long Tax, long Total);
}
