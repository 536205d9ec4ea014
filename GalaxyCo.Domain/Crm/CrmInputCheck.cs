using System.Text.RegularExpressions;
using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Validates and normalises CRM input field by field, collecting one clear message per field so the UI can show each
/// next to its field. Every method returns the normalised value (trimmed, empty as null) to save.
/// </summary>
internal sealed partial class CrmInputCheck
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;
    public const int MaxEmailLength = 256;
    public const int MaxUrlLength = 2048;
    public const int MaxCustomFields = 50;

    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    public bool Failed => errors.Count > 0;

    public bool Has(string field) => errors.ContainsKey(field);

    public void Add(string field, string message) => errors.TryAdd(field, message);

    public Result Invalid() => Result.Invalid(errors);

    public string Required(string field, string? value, int max, string missing)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0) Add(field, missing);
        else if (text.Length > max) Add(field, $"Use at most {max} characters.");
        return text;
    }

    public string? Optional(string field, string? value, int max)
    {
        var text = (value ?? "").Trim();
        if (text.Length > max) Add(field, $"Use at most {max} characters.");
        return text.Length == 0 ? null : text;
    }

    public string? Email(string field, string? value, bool required)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            if (required) Add(field, "Enter an email address.");
            return null;
        }
        if (text.Length > MaxEmailLength) Add(field, $"Use at most {MaxEmailLength} characters.");
        else if (!EmailShape().IsMatch(text)) Add(field, "Enter a valid email address, like name@example.com.");
        return text;
    }

    /// <summary>An http(s) address; "acme.com" is read as https://acme.com.</summary>
    public string? Url(string field, string? value)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0) return null;
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (candidate.Length > MaxUrlLength) Add(field, $"Use at most {MaxUrlLength} characters.");
        else if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                 || !uri.Host.Contains('.', StringComparison.Ordinal) || candidate.Any(char.IsWhiteSpace))
            Add(field, "Enter a web address, like https://example.com.");
        return candidate;
    }

    public long? NonNegativeCents(string field, long? cents)
    {
        if (cents < 0) Add(field, "Enter an amount of zero or more.");
        return cents;
    }

    public int? Score(string field, int? score)
    {
        if (score is < 0 or > 100) Add(field, "A score goes from 0 to 100.");
        return score;
    }

    /// <summary>Trimmed, lower-cased, distinct, empty ones dropped; at most 20 tags of at most 40 characters.</summary>
    public List<string> Tags(string field, IEnumerable<string>? tags)
    {
        var normalised = (tags ?? []).Select(t => (t ?? "").Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var tooLong = normalised.FirstOrDefault(t => t.Length > MaxTagLength);
        if (tooLong is not null) Add(field, $"Keep each tag to {MaxTagLength} characters or fewer (\"{tooLong[..20]}…\" is longer).");
        else if (normalised.Count > MaxTags) Add(field, $"Use at most {MaxTags} tags.");
        return normalised;
    }

    public PostalAddress Address(string field, PostalAddress? address)
    {
        address ??= new PostalAddress();
        return new PostalAddress
        {
            Street = Optional($"{field}.street", address.Street, 200),
            City = Optional($"{field}.city", address.City, 100),
            State = Optional($"{field}.state", address.State, 100),
            Zip = Optional($"{field}.zip", address.Zip, 20),
            Country = Optional($"{field}.country", address.Country, 100),
        };
    }

    public Dictionary<string, string> CustomFields(string field, IReadOnlyDictionary<string, string>? values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            var k = (key ?? "").Trim();
            if (k.Length == 0 || k.Length > 100) { Add(field, "Custom field names have 1 to 100 characters."); continue; }
            if ((value ?? "").Length > 2000) { Add(field, $"The value of \"{k}\" is longer than 2000 characters."); continue; }
            result[k] = value ?? "";
        }
        if (result.Count > MaxCustomFields) Add(field, $"Use at most {MaxCustomFields} custom fields.");
        return result;
    }

    [GeneratedRegex(@"^[^@\s""(),:;<>\[\]\\]+@[^@\s""(),:;<>\[\]\\]+\.[^@\s""(),:;<>\[\]\\.]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
