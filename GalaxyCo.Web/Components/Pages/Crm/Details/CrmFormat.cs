using System.Globalization;
using System.Text.Json;

namespace GalaxyCo.Web.Components.Pages.Crm.Details;

/// <summary>How the record pages show money, times and audit values (the app shows server-local time, as elsewhere).</summary>
public static class CrmFormat
{
    private static readonly CultureInfo Money = CultureInfo.GetCultureInfo("en-US");
    private static readonly HashSet<string> MoneyFields = new(StringComparer.Ordinal) { "revenue", "estimated_value", "budget", "total" };

    /// <summary>Cents as dollars: 125000 -> $1,250.00.</summary>
    public static string Cents(long cents, string? currency = null) =>
        currency is null or "USD" ? (cents / 100m).ToString("C2", Money) : $"{(cents / 100m).ToString("N2", Money)} {currency}";

    /// <summary>Cents as the plain number an input edits: 125000 -> 1250.00.</summary>
    public static string? CentsForInput(long? cents) => cents is { } c ? (c / 100m).ToString("0.00", CultureInfo.InvariantCulture) : null;

    /// <summary>"1,250.50", "$1250" or "1250" to cents; false when it isn't an amount.</summary>
    public static bool TryParseCents(string? text, out long? cents)
    {
        cents = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var cleaned = text.Trim().Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount > long.MaxValue / 100m) return false;
        cents = (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero);
        return true;
    }

    public static string When(DateTime utc) => utc.ToLocalTime().ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateTime utc) => utc.ToLocalTime().ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"just now", "5 min ago", "3 h ago", "2 days ago", then the date; future times read "in …".</summary>
    public static string Relative(DateTime utc, DateTime nowUtc)
    {
        var span = nowUtc - utc;
        var future = span < TimeSpan.Zero;
        var a = future ? -span : span;
        string text;
        if (a < TimeSpan.FromMinutes(1)) return "just now";
        if (a < TimeSpan.FromHours(1)) text = $"{(int)a.TotalMinutes} min";
        else if (a < TimeSpan.FromDays(1)) text = $"{(int)a.TotalHours} h";
        else if (a < TimeSpan.FromDays(14)) text = $"{(int)a.TotalDays} day{((int)a.TotalDays == 1 ? "" : "s")}";
        else return Day(utc);
        return future ? $"in {text}" : $"{text} ago";
    }

    /// <summary>estimated_value -> Estimated value.</summary>
    public static string FieldLabel(string field)
    {
        var words = field.Replace('_', ' ').Replace('.', ' ').Trim();
        return words switch
        {
            "assigned to" => "Owner",
            "linkedin url" => "LinkedIn",
            "twitter url" => "Twitter",
            "next follow up at" => "Next follow-up",
            "customer id" => "Customer",
            _ => words.Length == 0 ? field : char.ToUpperInvariant(words[0]) + words[1..],
        };
    }

    /// <summary>An audit value as a person reads it: money formatted, JSON (addresses, tags, custom fields) flattened.</summary>
    public static string ChangeValue(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return "empty";
        if (MoneyFields.Contains(field) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cents)) return Cents(cents);
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && value.Contains('T', StringComparison.Ordinal))
            return When(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime());
        if (value[0] is '{' or '[')
        {
            try
            {
                using var json = JsonDocument.Parse(value);
                var parts = Flatten(json.RootElement).Where(p => p.Length > 0).ToList();
                return parts.Count == 0 ? "empty" : string.Join(", ", parts);
            }
            catch (JsonException)
            {
                return value;
            }
        }
        return value;
    }

    private static IEnumerable<string> Flatten(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? $"{p.Name}: {string.Join(", ", Flatten(p.Value))}" : p.Value.ToString()),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Flatten),
        JsonValueKind.Null => [],
        _ => [e.ToString()],
    };
}
