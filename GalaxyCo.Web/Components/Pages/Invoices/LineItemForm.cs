using System.Globalization;
using GalaxyCo.Domain.Invoices;

namespace GalaxyCo.Web.Components.Pages.Invoices;

/// <summary>A tax rate's share of the invoice, as the totals panel lists it.</summary>
public sealed record TaxShare(decimal RatePercent, long Taxable, long Tax);

/// <summary>What the editor shows under the lines; computed with <see cref="InvoiceMath"/> so it matches the server.</summary>
public sealed record LineTotals(long Subtotal, long Tax, IReadOnlyList<TaxShare> Breakdown)
{
    public long Total => Subtotal + Tax;
}

/// <summary>
/// Parsing, validation and totals for the line-item editor. Error keys are the server's (items[2].quantity), so a
/// client-side check and a server answer land next to the same field.
/// </summary>
public static class LineItemForm
{
    // The server's limits (InvoiceInputCheck, internal to the domain): the client says the same thing sooner.
    public const int MaxQuantityDecimals = 3;
    public const int DescriptionMaxLength = 1000;
    private const decimal MaxQuantity = 1_000_000m;

    // Far beyond any real invoice line, low enough that quantity x price in minor units stays inside a long.
    private const decimal MaxUnitPrice = 1_000_000_000m;

    public static string Key(int index, string field) => $"items[{index}].{field}";

    /// <summary>The parsed line, or null with the reasons (by field name) when it cannot be used.</summary>
    public static LineItemInput? Parse(LineItemRow row, string currency, IDictionary<string, string>? errors = null, int index = 0)
    {
        var ok = true;
        void Fail(string field, string message)
        {
            ok = false;
            errors?.TryAdd(Key(index, field), message);
        }

        var description = row.Description.Trim();
        if (description.Length == 0) Fail("description", "Describe the line.");
        else if (description.Length > DescriptionMaxLength) Fail("description", $"At most {DescriptionMaxLength} characters.");

        if (!TryNumber(row.Quantity, out var quantity)) Fail("quantity", "Enter a quantity like 1 or 2.5.");
        else if (quantity <= 0) Fail("quantity", "The quantity must be more than 0.");
        else if (quantity > MaxQuantity) Fail("quantity", "At most 1,000,000.");
        else if (Scale(quantity) > MaxQuantityDecimals) Fail("quantity", "Use at most 3 decimals.");

        var digits = Currencies.Digits(currency);
        long unitPrice = 0;
        if (!TryNumber(row.UnitPrice, out var price)) Fail("unitPrice", "Enter a price like 120 or 99.50.");
        else if (price < 0) Fail("unitPrice", "The price cannot be negative.");
        else if (price > MaxUnitPrice) Fail("unitPrice", "The price is too large.");
        else if (Scale(price) > digits) Fail("unitPrice", digits == 0 ? $"{currency} has no decimals." : $"{currency} allows at most {digits} decimals.");
        else unitPrice = Currencies.ToMinor(price, currency);

        // The server's limits (InvoiceMath): discounts with 2 decimals, tax rates with 3.
        var discount = Percent(row.Discount, "discountPercent", 2, Fail);
        var tax = Percent(row.TaxRate, "taxRatePercent", 3, Fail);
        return ok ? new LineItemInput(description, quantity, unitPrice, discount, tax, row.TaskId) : null;
    }

    /// <summary>Every non-blank row's errors, keyed like the server's.</summary>
    public static Dictionary<string, string> Validate(IReadOnlyList<LineItemRow> rows, string currency)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!rows[i].IsBlank) Parse(rows[i], currency, errors, i);
        }
        if (rows.All(r => r.IsBlank)) errors["items"] = "Add at least one line.";
        return errors;
    }

    /// <summary>The lines to send: blank rows dropped. Only call after <see cref="Validate"/> found nothing.</summary>
    public static IReadOnlyList<LineItemInput> ToInputs(IReadOnlyList<LineItemRow> rows, string currency) =>
        rows.Where(r => !r.IsBlank).Select(r => Parse(r, currency)).OfType<LineItemInput>().ToList();

    /// <summary>The line's amount and tax, or null while it does not parse.</summary>
    public static (long Amount, long Tax)? Line(LineItemRow row, string currency)
    {
        if (row.IsBlank || Parse(row, currency) is not { } input) return null;
        return InvoiceMath.Line(input.Quantity, input.UnitPrice, input.DiscountPercent, input.TaxRatePercent);
    }

    /// <summary>Totals over the rows that parse; per-line rounding as on the server, so sums agree to the minor unit.</summary>
    public static LineTotals Totals(IReadOnlyList<LineItemRow> rows, string currency)
    {
        long subtotal = 0, tax = 0;
        var byRate = new SortedDictionary<decimal, (long Taxable, long Tax)>();
        foreach (var row in rows)
        {
            if (row.IsBlank || Parse(row, currency) is not { } input) continue;
            var (amount, lineTax) = InvoiceMath.Line(input.Quantity, input.UnitPrice, input.DiscountPercent, input.TaxRatePercent);
            subtotal += amount;
            tax += lineTax;
            if (input.TaxRatePercent != 0)
            {
                var (taxable, sum) = byRate.GetValueOrDefault(input.TaxRatePercent);
                byRate[input.TaxRatePercent] = (taxable + amount, sum + lineTax);
            }
        }
        return new LineTotals(subtotal, tax, byRate.Select(r => new TaxShare(r.Key, r.Value.Taxable, r.Value.Tax)).ToList());
    }

    private static decimal Percent(string text, string field, int decimals, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        if (!TryNumber(text, out var value)) fail(field, "Enter a percentage like 10 or 7.5.");
        else if (value is < 0 or > 100) fail(field, "Between 0 and 100.");
        else if (Scale(value) > decimals) fail(field, $"Use at most {decimals} decimals.");
        else return value;
        return 0;
    }

    private static bool TryNumber(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim().Replace("%", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>Decimals actually used: 1.50 counts as 1, so a typed trailing zero is no error.</summary>
    private static int Scale(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.TrimEnd('0').Length - dot - 1;
    }
}
