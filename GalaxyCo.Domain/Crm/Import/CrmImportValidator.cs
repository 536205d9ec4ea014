using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>
/// Checks every mapped cell of every row and turns it into the canonical value the import writes, collecting one
/// error per bad cell (row, column, reason). Uses the same rules as the forms (<see cref="CrmInputCheck"/>), so an
/// imported record is one a person could have typed. Reads nothing from the database: owners come in as a lookup.
/// </summary>
internal sealed partial class CrmImportValidator(IReadOnlyList<CrmImportField> fields, IReadOnlyDictionary<string, Guid> ownersByEmail)
{
    /// <summary>The report keeps at most this many errors; the count of rows with errors is always exact.</summary>
    public const int MaxErrors = 10_000;

    private static readonly Dictionary<string, ProspectStage> StageAliases = new(StringComparer.Ordinal)
    {
        ["closedwon"] = ProspectStage.Won, ["won"] = ProspectStage.Won, ["closedlost"] = ProspectStage.Lost, ["lost"] = ProspectStage.Lost,
        ["lead"] = ProspectStage.New, ["open"] = ProspectStage.New, ["proposalsent"] = ProspectStage.Proposal, ["negotiating"] = ProspectStage.Negotiation,
    };

    private static readonly Dictionary<string, CustomerStatus> StatusAliases = new(StringComparer.Ordinal)
    {
        ["customer"] = CustomerStatus.Active, ["prospect"] = CustomerStatus.Lead, ["former"] = CustomerStatus.Churned, ["lost"] = CustomerStatus.Churned,
    };

    public CrmImportPlan Validate(CrmRecordType type, string fileName, CsvImportTable table, IReadOnlyDictionary<string, string> mapping)
    {
        var byKey = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var columns = table.Headers.Select((h, i) => (Header: h, Index: i, Field: mapping.TryGetValue(h, out var key) && byKey.TryGetValue(key, out var f) ? f : null))
            .Where(c => c.Field is not null).Select(c => (c.Header, c.Index, Field: c.Field!)).ToList();
        var headerOf = columns.GroupBy(c => c.Field.Key).ToDictionary(g => g.Key, g => g.First().Header, StringComparer.Ordinal);
        var errors = new List<CrmImportError>();
        var valid = new List<CrmImportPlannedRow>(table.Rows.Count);
        var emails = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowsWithErrors = 0;

        for (var index = 0; index < table.Rows.Count; index++)
        {
            var row = table.Rows[index];
            var rowNumber = CsvImportTable.RowNumber(index);
            var rowErrors = new List<CrmImportError>();
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var check = new CrmInputCheck();
            foreach (var (header, column, field) in columns)
            {
                var raw = column < row.Length ? row[column].Trim() : "";
                if (raw.Length == 0) continue;
                if (Read(field, header, raw, check, values) is { } reason) rowErrors.Add(new CrmImportError(rowNumber, header, reason));
            }
            if (row.Length > table.Headers.Count && row.Skip(table.Headers.Count).Any(v => !string.IsNullOrWhiteSpace(v)))
                rowErrors.Add(new CrmImportError(rowNumber, "", $"The row has {row.Length} values but the header names {table.Headers.Count} columns (a missing quote around a value with a comma?)."));
            if (values.Remove("full_name", out var fullName))
            {
                var (first, last) = SplitName(fullName);
                if (!values.ContainsKey("first_name") && first is not null) values["first_name"] = first;
                if (!values.ContainsKey("last_name") && last is not null) values["last_name"] = last;
            }
            foreach (var required in fields.Where(f => f.Required && !f.IsVirtual && !values.ContainsKey(f.Key)))
            {
                if (rowErrors.Any(e => headerOf.TryGetValue(required.Key, out var h) && e.Column == h)) continue;
                rowErrors.Add(new CrmImportError(rowNumber, headerOf.GetValueOrDefault(required.Key, required.Label), $"{required.Label} is required and this row has none."));
            }
            if (values.TryGetValue("email", out var email))
            {
                var key = email.ToLowerInvariant();
                if (emails.TryGetValue(key, out var firstRow))
                    rowErrors.Add(new CrmImportError(rowNumber, headerOf["email"], $"The same email as row {firstRow}: each email can be imported once per file."));
                else if (rowErrors.Count == 0) emails[key] = rowNumber;
            }
            if (rowErrors.Count == 0)
            {
                valid.Add(new CrmImportPlannedRow(rowNumber, values));
                continue;
            }
            rowsWithErrors++;
            foreach (var error in rowErrors)
            {
                if (errors.Count < MaxErrors) errors.Add(error);
            }
        }
        var notices = new List<string>(table.Notices);
        var unmapped = table.Headers.Count(h => !mapping.ContainsKey(h) || !byKey.ContainsKey(mapping[h]));
        if (unmapped > 0) notices.Add($"{unmapped} column{(unmapped == 1 ? " is" : "s are")} not imported.");
        return new CrmImportPlan(type, fileName, mapping, fields, table.Rows.Count, valid, errors, rowsWithErrors, notices);
    }

    /// <summary>Reads one non-empty cell into <paramref name="values"/>; returns why it can't be, or null.</summary>
    private string? Read(CrmImportField field, string header, string raw, CrmInputCheck check, Dictionary<string, string> values)
    {
        string? value;
        switch (field.Kind)
        {
            case CrmImportFieldKind.Text:
            case CrmImportFieldKind.FullName:
                if (raw.Length > field.MaxLength) return $"Longer than {field.MaxLength} characters ({raw.Length}).";
                value = raw;
                break;
            case CrmImportFieldKind.Email:
                value = check.Email(header, raw, required: false);
                break;
            case CrmImportFieldKind.Url:
                value = check.Url(header, raw);
                break;
            case CrmImportFieldKind.Money:
                if (ParseMoney(raw) is not { } cents) return $"{Quote(raw)} is not an amount; use a number like 1250 or 1,250.50.";
                if (cents < 0) return "Enter an amount of zero or more.";
                value = cents.ToString(CultureInfo.InvariantCulture);
                break;
            case CrmImportFieldKind.Score:
                if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var score)) return $"{Quote(raw)} is not a whole number.";
                value = check.Score(header, score)?.ToString(CultureInfo.InvariantCulture);
                break;
            case CrmImportFieldKind.Stage:
                if (!TryEnum(raw, StageAliases, out ProspectStage stage))
                    return $"{Quote(raw)} is not a stage; use one of {string.Join(", ", Enum.GetNames<ProspectStage>())}.";
                value = stage.ToString();
                break;
            case CrmImportFieldKind.Status:
                if (!TryEnum(raw, StatusAliases, out CustomerStatus status))
                    return $"{Quote(raw)} is not a status; use one of {string.Join(", ", Enum.GetNames<CustomerStatus>())}.";
                value = status.ToString();
                break;
            case CrmImportFieldKind.Owner:
                if (!ownersByEmail.TryGetValue(raw.ToLowerInvariant(), out var owner))
                    return $"No active member of this workspace has the email {Quote(raw)}.";
                value = owner.ToString();
                break;
            case CrmImportFieldKind.Tags:
                var tags = check.Tags(header, raw.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                value = CrmRecordValues.TagsText(tags);
                break;
            case CrmImportFieldKind.Date:
                if (ParseDate(raw) is not { } date) return $"{Quote(raw)} is not a date; use a date like 2026-03-31.";
                value = date.ToString("O", CultureInfo.InvariantCulture);
                break;
            case CrmImportFieldKind.Custom:
                return ReadCustom(field, raw, values);
            default:
                return "This field can't be imported.";
        }
        if (check.Failed) return check.Invalid().FieldErrors.GetValueOrDefault(header);
        if (value is not null) values[field.Key] = value;
        return null;
    }

    private static string? ReadCustom(CrmImportField field, string raw, Dictionary<string, string> values)
    {
        if (raw.Length > field.MaxLength) return $"Longer than {field.MaxLength} characters ({raw.Length}).";
        string value;
        switch (field.CustomType)
        {
            case CrmCustomFieldType.Number:
                if (!decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return $"{Quote(raw)} is not a number.";
                value = number.ToString(CultureInfo.InvariantCulture);
                break;
            case CrmCustomFieldType.Date:
                if (ParseDate(raw) is not { } date) return $"{Quote(raw)} is not a date; use a date like 2026-03-31.";
                value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case CrmCustomFieldType.Checkbox:
                var key = raw.ToLowerInvariant();
                if (key is "true" or "yes" or "y" or "1" or "x" or "checked") value = "true";
                else if (key is "false" or "no" or "n" or "0" or "unchecked") value = "false";
                else return $"{Quote(raw)} is not yes or no.";
                break;
            case CrmCustomFieldType.Select:
                if (field.Options.FirstOrDefault(o => string.Equals(o, raw, StringComparison.OrdinalIgnoreCase)) is not { } option)
                    return $"{Quote(raw)} is not one of the options ({string.Join(", ", field.Options)}).";
                value = option;
                break;
            case CrmCustomFieldType.MultiSelect:
                var chosen = new List<string>();
                foreach (var part in raw.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (field.Options.FirstOrDefault(o => string.Equals(o, part, StringComparison.OrdinalIgnoreCase)) is not { } match)
                        return $"{Quote(part)} is not one of the options ({string.Join(", ", field.Options)}).";
                    if (!chosen.Contains(match)) chosen.Add(match);
                }
                value = string.Join(",", chosen);
                break;
            case CrmCustomFieldType.Url:
                var check = new CrmInputCheck();
                value = check.Url("url", raw) ?? "";
                if (check.Failed) return check.Invalid().FieldErrors["url"];
                break;
            default:
                value = raw;
                break;
        }
        values[field.Key] = value;
        return null;
    }

    /// <summary>"$1,250.50", "1250", "1.250,50", "€ 99" -> cents; null when it isn't an amount.</summary>
    internal static long? ParseMoney(string raw)
    {
        // Digits, separators, a sign or accounting parentheses, a currency symbol or code: anything else (= + * ...) is not an amount.
        if (raw.Any(c => !(char.IsDigit(c) || char.IsLetter(c) || c is '.' or ',' or ' ' or '\u00A0' or '\'' or '-' or '(' or ')'
            || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.CurrencySymbol))) return null;
        // A currency code may lead or trail ("USD 10", "10 EUR"); no other letters.
        raw = CurrencyCode().Replace(raw, "");
        if (raw.Any(char.IsLetter)) return null;
        var negative = raw.StartsWith('-') || (raw.StartsWith('(') && raw.EndsWith(')'));
        var text = string.Concat(raw.Where(c => char.IsDigit(c) || c is '.' or ','));
        if (text.Length == 0) return null;
        var lastDot = text.LastIndexOf('.');
        var lastComma = text.LastIndexOf(',');
        string normalised;
        if (lastDot >= 0 && lastComma >= 0)
        {
            var decimalSeparator = lastDot > lastComma ? '.' : ',';
            var thousands = decimalSeparator == '.' ? "," : ".";
            normalised = text.Replace(thousands, "", StringComparison.Ordinal).Replace(decimalSeparator, '.');
        }
        else if (lastComma >= 0)
        {
            // "1,250" and "1,250,000" are thousands; "99,5" and "1250,50" are decimals.
            var groups = text.Split(',');
            normalised = groups.Length > 1 && groups.Skip(1).All(g => g.Length == 3) ? text.Replace(",", "", StringComparison.Ordinal) : text.Replace(',', '.');
        }
        else if (text.Count(c => c == '.') > 1)
        {
            normalised = text.Replace(".", "", StringComparison.Ordinal);
        }
        else normalised = text;
        if (!decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)) return null;
        if (amount > 90_000_000_000_000m) return null;
        var cents = (long)Math.Round(amount * 100, MidpointRounding.AwayFromZero);
        return negative ? -cents : cents;
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy/MM/dd", "d MMM yyyy", "MMM d, yyyy", "d MMMM yyyy", "MMMM d, yyyy"];

    internal static DateTime? ParseDate(string raw)
    {
        const DateTimeStyles Styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTime.TryParseExact(raw, DateFormats, CultureInfo.InvariantCulture, Styles, out var exact)) return DateTime.SpecifyKind(exact, DateTimeKind.Utc);
        if (DateTime.TryParse(raw, CultureInfo.InvariantCulture, Styles, out var loose) && loose.Year is > 1900 and < 2200) return DateTime.SpecifyKind(loose, DateTimeKind.Utc);
        return null;
    }

    /// <summary>"Ada Lovelace" -> (Ada, Lovelace); "Lovelace, Ada" -> (Ada, Lovelace); "Ada" -> (Ada, null); at most 100 characters each.</summary>
    internal static (string? First, string? Last) SplitName(string fullName)
    {
        var name = fullName.Trim();
        string? first, last;
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            last = name[..comma].Trim();
            first = name[(comma + 1)..].Trim();
        }
        else
        {
            var space = name.IndexOf(' ', StringComparison.Ordinal);
            (first, last) = space < 0 ? (name, null) : (name[..space], name[(space + 1)..].Trim());
        }
        static string? Cap(string? s) => string.IsNullOrEmpty(s) ? null : s.Length > 100 ? s[..100] : s;
        return (Cap(first), Cap(last));
    }

    private static bool TryEnum<T>(string raw, Dictionary<string, T> aliases, out T value) where T : struct, Enum
    {
        var key = CrmImportFields.Normalise(raw);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (CrmImportFields.Normalise(candidate.ToString()) != key) continue;
            value = candidate;
            return true;
        }
        return aliases.TryGetValue(key, out value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[A-Za-z]{3}\s+|\s+[A-Za-z]{3}\s*$|^[A-Za-z]{3}(?=[\d\s])|(?<=[\d\s])[A-Za-z]{3}$")]
    private static partial System.Text.RegularExpressions.Regex CurrencyCode();

    private static string Quote(string raw) => "\"" + (raw.Length > 40 ? raw[..40] + "…" : raw) + "\"";
}
