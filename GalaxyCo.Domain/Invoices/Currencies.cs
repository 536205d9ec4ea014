using System.Collections.Frozen;
using System.Globalization;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// The active ISO 4217 currency codes and their minor-unit digits (0: JPY, KRW…; 3: BHD, KWD…; 4: the CLF and UYW
/// units of account; 2 for the rest). Precious metals, SDRs and test codes have no minor unit and are not
/// invoiceable, so they are left out.
/// </summary>
public static class Currencies
{
    private static readonly string[] ZeroDigits =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];

    private static readonly string[] ThreeDigits = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    private static readonly string[] FourDigits = ["CLF", "UYW"];

    private static readonly string[] TwoDigits =
    [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BOV",
        "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
        "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL",
        "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
        "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO",
        "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK",
        "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS",
        "UAH", "USD", "USN", "UYU", "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
    ];

    private static readonly FrozenDictionary<string, int> DigitsByCode =
        ZeroDigits.Select(c => (c, 0)).Concat(TwoDigits.Select(c => (c, 2))).Concat(ThreeDigits.Select(c => (c, 3))).Concat(FourDigits.Select(c => (c, 4)))
            .ToFrozenDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Every invoiceable code, alphabetical.</summary>
    public static IReadOnlyList<string> Codes { get; } = DigitsByCode.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Exact, upper-case codes only: "usd" is not a code (the caller normalises input first).</summary>
    public static bool IsKnown(string? code) => code is not null && DigitsByCode.ContainsKey(code);

    /// <summary>Minor-unit digits of <paramref name="code"/>; 2 for an unknown code so displays never fail.</summary>
    public static int Digits(string code) => DigitsByCode.TryGetValue(code, out var digits) ? digits : 2;

    /// <summary>10^digits: how many minor units make one major unit.</summary>
    public static long Factor(string code) => Digits(code) switch { 0 => 1, 3 => 1000, 4 => 10000, _ => 100 };

    /// <summary>"USD 1,234.50", "JPY 1,235", "KWD 1.250" — invariant digits, the code before the amount so no symbol is ambiguous.</summary>
    public static string Format(long minor, string code)
    {
        var digits = Digits(code);
        var major = ToMajor(minor, code);
        return code + " " + major.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A major amount (12.34) to minor units, rounded half away from zero to the currency's digits.</summary>
    public static long ToMinor(decimal major, string code) =>
        (long)Math.Round(major * Factor(code), MidpointRounding.AwayFromZero);

    public static decimal ToMajor(long minor, string code) => (decimal)minor / Factor(code);
}
