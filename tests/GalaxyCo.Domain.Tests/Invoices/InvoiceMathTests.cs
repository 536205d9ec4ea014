using System.Numerics;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Invoices;

namespace GalaxyCo.Domain.Tests.Invoices;

public sealed class InvoiceMathTests
{
    private static readonly int[] AllExponents = [0, 2, 3];

    /// <summary>Half away from zero on exact decimals, independent of the Int128 code under test.</summary>
    private static BigInteger RoundHalfAway(decimal value) => new(Math.Round(value, 0, MidpointRounding.AwayFromZero));

    private static decimal RandomScaled(Random r, long maxUnits, int decimals) => r.NextInt64(0, maxUnits + 1) / (decimal)Math.Pow(10, decimals);

    [Fact]
    public void Apply_ThousandsOfRandomInvoicesInAllExponents_TotalsAgreeWithIndependentDecimalComputation()
    {
        var r = new Random(20261126);
        string[] currencies = ["JPY", "KRW", "USD", "EUR", "KWD", "BHD", "VND", "TND"];
        var exponentsSeen = new HashSet<int>();
        for (var n = 0; n < 5000; n++)
        {
            var currency = currencies[r.Next(currencies.Length)];
            exponentsSeen.Add(Currencies.Digits(currency));
            var factor = Currencies.Factor(currency);
            var lines = Enumerable.Range(0, 1 + r.Next(r.Next(10) == 0 ? 200 : 12)).Select(_ => new InvoiceLineItem
            {
                Description = "x",
                // Mix small and huge: 0.001–1,000,000 units at 0–100,000 major units each.
                Quantity = Math.Max(0.001m, r.Next(4) == 0 ? RandomScaled(r, 1_000_000_000, 3) : RandomScaled(r, 100_000, 3)),
                UnitPriceCents = r.Next(5) == 0 ? r.NextInt64(0, 100_000 * factor) : r.NextInt64(0, 500 * factor),
                DiscountPercent = r.Next(3) == 0 ? RandomScaled(r, 10_000, 2) : 0,
                TaxRatePercent = r.Next(4) switch { 0 => 0, 1 => 8.25m, 2 => 19m, _ => RandomScaled(r, 100_000, 3) },
            }).ToList();

            var (subtotal, tax, total) = InvoiceMath.Apply(lines);

            BigInteger expectedSubtotal = 0, expectedTax = 0;
            foreach (var l in lines)
            {
                var amount = RoundHalfAway(l.Quantity * l.UnitPriceCents * (100m - l.DiscountPercent) / 100m);
                var lineTax = RoundHalfAway((decimal)amount * l.TaxRatePercent / 100m);
                Assert.Equal(amount, (BigInteger)l.Amount);
                Assert.Equal(lineTax, (BigInteger)l.TaxAmount);
                expectedSubtotal += amount;
                expectedTax += lineTax;
            }
            Assert.Equal(expectedSubtotal, (BigInteger)subtotal);
            Assert.Equal(expectedTax, (BigInteger)tax);
            Assert.Equal(subtotal + tax, total);
            Assert.Equal(lines.Sum(l => l.Amount), subtotal);
            Assert.Equal(lines.Sum(l => l.TaxAmount), tax);
            var breakdown = InvoiceMath.TaxBreakdown(lines);
            Assert.Equal(tax, breakdown.Sum(b => b.Tax));
            Assert.Equal(subtotal, breakdown.Sum(b => b.Taxable));
            Assert.Equal(InvoiceMath.Totals(lines), (subtotal, tax, total));
        }
        Assert.Equal(AllExponents, exponentsSeen.Order());
    }

    [Theory]
    [InlineData("0.5", 1, "0", "0", 1, 0)]         // 0.5 -> 1 (half away from zero, not to even)
    [InlineData("2.5", 1, "0", "0", 3, 0)]         // 2.5 -> 3 (banker's rounding would give 2)
    [InlineData("1.005", 100, "0", "0", 101, 0)]   // 100.5 -> 101
    [InlineData("3", 333, "10", "0", 899, 0)]      // 999 * 0.9 = 899.1 -> 899
    [InlineData("1", 1000, "0", "8.25", 1000, 83)] // 82.5 -> 83
    [InlineData("1", 1999, "0", "7.5", 1999, 150)] // 149.925 -> 150
    [InlineData("1", 10, "0", "5", 10, 1)]         // 0.5 -> 1
    [InlineData("1", 500, "100", "20", 0, 0)]      // a full discount
    public void Line_KnownCases_RoundHalfAwayFromZeroPerLine(string quantity, long unitPrice, string discount, string rate, long amount, long tax)
    {
        var q = decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture);
        var d = decimal.Parse(discount, System.Globalization.CultureInfo.InvariantCulture);
        var t = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((amount, tax), InvoiceMath.Line(q, unitPrice, d, t));
    }

    [Fact]
    public void Line_LargestAllowedValues_DoNotOverflow()
    {
        var (amount, tax) = InvoiceMath.Line(1_000_000m, 1_000_000_000, 0, 100);
        Assert.Equal(1_000_000_000_000_000, amount);
        Assert.Equal(amount, tax);
    }

    [Fact]
    public void RoundHalfAway_NegativeHalves_RoundAwayFromZero()
    {
        Assert.Equal(-3, (long)InvoiceMath.RoundHalfAway(-5, 2));
        Assert.Equal(-2, (long)InvoiceMath.RoundHalfAway(-7, 4));
        Assert.Equal(2, (long)InvoiceMath.RoundHalfAway(7, 4));
    }
}

public sealed class CurrenciesTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("VND", 0)]
    [InlineData("CLP", 0)]
    [InlineData("ISK", 0)]
    [InlineData("UGX", 0)]
    [InlineData("BHD", 3)]
    [InlineData("IQD", 3)]
    [InlineData("JOD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("LYD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("TND", 3)]
    public void Digits_KnownCodes_MatchIso4217(string code, int digits)
    {
        Assert.True(Currencies.IsKnown(code));
        Assert.Equal(digits, Currencies.Digits(code));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("XYZ")]
    [InlineData("XAU")]
    [InlineData("US")]
    [InlineData("")]
    [InlineData(null)]
    public void IsKnown_NotAnInvoiceableIsoCode_False(string? code) => Assert.False(Currencies.IsKnown(code));

    [Fact]
    public void Codes_FullActiveList_SortedAndComplete()
    {
        Assert.True(Currencies.Codes.Count >= 150);
        Assert.Equal(Currencies.Codes.Order(StringComparer.Ordinal), Currencies.Codes);
        Assert.All(Currencies.Codes, c => Assert.Matches("^[A-Z]{3}$", c));
    }

    [Fact]
    public void FormatAndConvert_EachExponent_RoundTrips()
    {
        Assert.Equal("USD 1,234.50", Currencies.Format(123_450, "USD"));
        Assert.Equal("JPY 1,235", Currencies.Format(1235, "JPY"));
        Assert.Equal("KWD 1.250", Currencies.Format(1250, "KWD"));
        Assert.Equal(1250, Currencies.ToMinor(1.25m, "KWD"));
        Assert.Equal(13, Currencies.ToMinor(12.5m, "JPY"));
        Assert.Equal(12.34m, Currencies.ToMajor(1234, "USD"));
    }
}
