using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Invoice arithmetic, in integer minor units of the invoice's currency. The one rounding rule, applied per line:
/// <code>
/// amount = round_half_away_from_zero(quantity × unitPrice × (1 − discount/100))
/// tax    = round_half_away_from_zero(amount × taxRate/100)
/// subtotal = Σ amount, tax = Σ tax, total = subtotal + tax, balance = total − amountPaid
/// </code>
/// Quantities have at most 3 decimals, discounts 2 and tax rates 3, so each product is an exact integer ratio: it is
/// computed in <see cref="Int128"/> with no floating point and rounded once, which is why subtotal + tax == total
/// holds to the last minor unit and the printed lines add up to the printed totals.
/// </summary>
public static class InvoiceMath
{
    /// <summary>The largest unit price, line amount or invoice total accepted (10^15 minor units): far beyond any real invoice, far inside a long.</summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    /// <summary>The line's net amount and tax. Inputs must be validated first (quantity ≤ 3 decimals, discount ≤ 2, rate ≤ 3).</summary>
    public static (long Amount, long Tax) Line(decimal quantity, long unitPrice, decimal discountPercent, decimal taxRatePercent)
    {
        // quantity × 1000, (100 − discount) × 100 and rate × 1000 are whole numbers after validation.
        var q = (Int128)decimal.Truncate(quantity * 1000m);
        var keep = (Int128)decimal.Truncate((100m - discountPercent) * 100m);
        var amount = RoundHalfAway(q * unitPrice * keep, 1000 * 10_000);
        var rate = (Int128)decimal.Truncate(taxRatePercent * 1000m);
        var tax = RoundHalfAway(amount * rate, 100 * 1000);
        return (checked((long)amount), checked((long)tax));
    }

    public static (long Amount, long Tax) Line(InvoiceLineItem line) =>
        Line(line.Quantity, line.UnitPriceCents, line.DiscountPercent, line.TaxRatePercent);

    /// <summary>Writes each line's Amount and TaxAmount and returns the invoice's totals.</summary>
    public static (long Subtotal, long Tax, long Total) Apply(IEnumerable<InvoiceLineItem> items)
    {
        long subtotal = 0, tax = 0;
        foreach (var line in items)
        {
            (line.Amount, line.TaxAmount) = Line(line);
            subtotal = checked(subtotal + line.Amount);
            tax = checked(tax + line.TaxAmount);
        }
        return (subtotal, tax, checked(subtotal + tax));
    }

    /// <summary>Totals of lines whose Amount and TaxAmount were already written by <see cref="Apply"/>.</summary>
    public static (long Subtotal, long Tax, long Total) Totals(IEnumerable<InvoiceLineItem> items)
    {
        long subtotal = 0, tax = 0;
        foreach (var line in items)
        {
            subtotal = checked(subtotal + line.Amount);
            tax = checked(tax + line.TaxAmount);
        }
        return (subtotal, tax, checked(subtotal + tax));
    }

    /// <summary>Tax per rate (ascending): the lines' amounts it applies to and the sum of their rounded taxes.</summary>
    public static IReadOnlyList<TaxLine> TaxBreakdown(IEnumerable<InvoiceLineItem> items) =>
        items.GroupBy(l => l.TaxRatePercent / 1.000m) // normalises 8.25 and 8.250 to one group
            .OrderBy(g => g.Key)
            .Select(g => new TaxLine(g.Key, g.Sum(l => l.Amount), g.Sum(l => l.TaxAmount)))
            .ToList();

    /// <summary>numerator / denominator (denominator &gt; 0) rounded to the nearest integer, halves away from zero.</summary>
    public static Int128 RoundHalfAway(Int128 numerator, Int128 denominator)
    {
        var quotient = Int128.DivRem(Int128.Abs(numerator), denominator);
        var rounded = quotient.Quotient + (quotient.Remainder * 2 >= denominator ? 1 : 0);
        return numerator < 0 ? -rounded : rounded;
    }
}
