using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Invoice amounts from line items, in whole cents: each line is quantity × unit price, its tax is rounded per line
/// (half away from zero), and the invoice adds them up — so subtotal + tax == total to the cent.
/// </summary>
internal static class InvoiceMath
{
    public static long LineAmount(InvoiceLineItem line) =>
        (long)Math.Round(line.Quantity * line.UnitPriceCents, MidpointRounding.AwayFromZero);

    public static long LineTax(InvoiceLineItem line) =>
        (long)Math.Round(LineAmount(line) * line.TaxRatePercent / 100m, MidpointRounding.AwayFromZero);

    public static (long Subtotal, long Tax, long Total) Totals(IEnumerable<InvoiceLineItem> items)
    {
        long subtotal = 0, tax = 0;
        foreach (var line in items)
        {
            subtotal += LineAmount(line);
            tax += LineTax(line);
        }
        return (subtotal, tax, subtotal + tax);
    }
}
