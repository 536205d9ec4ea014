using System.Globalization;
using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm.CustomFields;

/// <summary>
/// Checks and normalises the values of custom fields against their definitions, for record services, the import and
/// the form editor alike. Stored forms (all text in custom_fields jsonb): numbers in invariant culture ("1234.5"),
/// dates yyyy-MM-dd, checkboxes "true"/"false", multi-selects the chosen options joined by ", " in option order,
/// urls as absolute http(s) addresses. An empty value removes the key; a required field must not be empty (a required checkbox needs true or false).
/// </summary>
public static class CustomFieldValues
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string MultiSelectSeparator = ", ";
    public const int MaxValueLength = 2000;

    public static CustomFieldValidation Validate(IEnumerable<CustomFieldDefinition> definitions, IReadOnlyDictionary<string, string>? values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        values ??= new Dictionary<string, string>();
        var defined = definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            // Keys no admin defined (a lost reason, an older field, an import's extras) are kept as they are.
            if (!defined.ContainsKey(key)) result[key] = value ?? "";
        }
        foreach (var definition in defined.Values)
        {
            var raw = (values.TryGetValue(definition.Key, out var v) ? v : null)?.Trim() ?? "";
            if (raw.Length == 0)
            {
                if (definition.Required) errors[definition.Key] = $"{definition.Label} is required.";
                continue;
            }
            if (raw.Length > MaxValueLength)
            {
                errors[definition.Key] = $"Keep {definition.Label} to {MaxValueLength} characters.";
                continue;
            }
            var (normalised, error) = Normalise(definition, raw);
            if (error is not null) errors[definition.Key] = error;
            else result[definition.Key] = normalised!;
        }
        return new CustomFieldValidation(result, errors);
    }

    /// <summary>One value of one field: the normalised text to store, or why it is not acceptable.</summary>
    public static (string? Value, string? Error) Normalise(CustomFieldDefinition definition, string value)
    {
        var raw = value.Trim();
        var label = definition.Label;
        switch (definition.FieldType)
        {
            case CrmCustomFieldType.Number:
                return decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? (number.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"{label} must be a number, like 1250 or 12.5.");
            case CrmCustomFieldType.Date:
                return DateOnly.TryParseExact(raw, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (date.ToString(DateFormat, CultureInfo.InvariantCulture), null)
                    : (null, $"{label} must be a date written yyyy-MM-dd, like 2025-03-31.");
            case CrmCustomFieldType.Checkbox:
                if (IsTrue(raw)) return ("true", null);
                if (IsFalse(raw)) return ("false", null);
                return (null, $"{label} must be true or false.");
            case CrmCustomFieldType.Select:
            {
                var match = definition.Options.FirstOrDefault(o => string.Equals(o, raw, StringComparison.OrdinalIgnoreCase));
                return match is not null ? (match, null) : (null, $"{label} must be one of: {string.Join(", ", definition.Options)}.");
            }
            case CrmCustomFieldType.MultiSelect:
            {
                var picked = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var unknown = picked.FirstOrDefault(p => !definition.Options.Contains(p, StringComparer.OrdinalIgnoreCase));
                if (unknown is not null) return (null, $"'{unknown}' is not a choice of {label}; pick from: {string.Join(", ", definition.Options)}.");
                var ordered = definition.Options.Where(o => picked.Contains(o, StringComparer.OrdinalIgnoreCase)).ToList();
                return ordered.Count == 0 ? (null, $"Pick at least one choice of {label}.") : (string.Join(MultiSelectSeparator, ordered), null);
            }
            case CrmCustomFieldType.Url:
                return Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && !raw.Any(char.IsWhiteSpace)
                    ? (raw, null)
                    : (null, $"{label} must be a web address starting with http:// or https://.");
            default:
                return (raw, null);
        }
    }

    /// <summary>The options picked in a stored multi-select value.</summary>
    public static IReadOnlyList<string> SplitMultiSelect(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsTrue(string raw) => raw.Equals("true", StringComparison.OrdinalIgnoreCase) || raw is "1" || raw.Equals("yes", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string raw) => raw.Equals("false", StringComparison.OrdinalIgnoreCase) || raw is "0" || raw.Equals("no", StringComparison.OrdinalIgnoreCase);
}
