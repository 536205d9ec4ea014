using System.Globalization;
using System.Text.Json;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>
/// Reads and writes the importable fields of a customer, contact or prospect as canonical text: the form an import
/// stores in <see cref="CrmImportRow.Before"/> and compares on revert. Money is cents, dates ISO 8601 (UTC), stages
/// and statuses their enum names, owners the user id, tags a JSON array; null means empty.
/// </summary>
internal static class CrmRecordValues
{
    public static string? Get(TenantEntity record, string key)
    {
        if (key.StartsWith(CrmImportField.CustomPrefix, StringComparison.Ordinal))
            return Empty(CustomFields(record).GetValueOrDefault(key[CrmImportField.CustomPrefix.Length..]));
        return record switch
        {
            Customer c => key switch
            {
                "name" => Empty(c.Name), "email" => c.Email, "phone" => c.Phone, "company" => c.Company, "website" => c.Website,
                "status" => c.Status.ToString(), "industry" => c.Industry, "size" => c.Size, "revenue" => Cents(c.Revenue),
                "owner" => c.AssignedTo?.ToString(), "tags" => TagsText(c.Tags), "notes" => c.Notes,
                "address.street" => c.Address.Street, "address.city" => c.Address.City, "address.state" => c.Address.State,
                "address.zip" => c.Address.Zip, "address.country" => c.Address.Country,
                _ => throw Unknown(key),
            },
            Contact c => key switch
            {
                "first_name" => c.FirstName, "last_name" => c.LastName, "email" => Empty(c.Email), "phone" => c.Phone, "title" => c.Title,
                "company" => c.Company, "linkedin_url" => c.LinkedinUrl, "twitter_url" => c.TwitterUrl, "owner" => c.AssignedTo?.ToString(),
                "tags" => TagsText(c.Tags), "notes" => c.Notes,
                _ => throw Unknown(key),
            },
            Prospect p => key switch
            {
                "name" => Empty(p.Name), "email" => p.Email, "phone" => p.Phone, "company" => p.Company, "title" => p.Title,
                "linkedin_url" => p.LinkedinUrl, "stage" => p.Stage.ToString(), "score" => p.Score?.ToString(CultureInfo.InvariantCulture),
                "estimated_value" => Cents(p.EstimatedValue), "owner" => p.AssignedTo?.ToString(), "source" => p.Source,
                "next_follow_up_at" => p.NextFollowUpAt?.ToString("O", CultureInfo.InvariantCulture), "tags" => TagsText(p.Tags), "notes" => p.Notes,
                _ => throw Unknown(key),
            },
            _ => throw new ArgumentException("Not a CRM record.", nameof(record)),
        };
    }

    /// <summary>Sets a field from canonical text (as <see cref="Get"/> returns it; null clears it).</summary>
    public static void Set(TenantEntity record, string key, string? value)
    {
        if (key.StartsWith(CrmImportField.CustomPrefix, StringComparison.Ordinal))
        {
            var customKey = key[CrmImportField.CustomPrefix.Length..];
            var fields = new Dictionary<string, string>(CustomFields(record), StringComparer.Ordinal);
            if (value is null) fields.Remove(customKey);
            else fields[customKey] = value;
            switch (record)
            {
                case Customer c: c.CustomFields = fields; break;
                case Contact c: c.CustomFields = fields; break;
                case Prospect p: p.CustomFields = fields; break;
            }
            return;
        }
        switch (record)
        {
            case Customer c:
                switch (key)
                {
                    case "name": c.Name = value ?? ""; break;
                    case "email": c.Email = value; break;
                    case "phone": c.Phone = value; break;
                    case "company": c.Company = value; break;
                    case "website": c.Website = value; break;
                    case "status": c.Status = value is null ? CustomerStatus.Lead : Enum.Parse<CustomerStatus>(value); break;
                    case "industry": c.Industry = value; break;
                    case "size": c.Size = value; break;
                    case "revenue": c.Revenue = ParseCents(value); break;
                    case "owner": c.AssignedTo = ParseGuid(value); break;
                    case "tags": c.Tags = ParseTags(value); break;
                    case "notes": c.Notes = value; break;
                    case "address.street": c.Address = Copy(c.Address, a => a.Street = value); break;
                    case "address.city": c.Address = Copy(c.Address, a => a.City = value); break;
                    case "address.state": c.Address = Copy(c.Address, a => a.State = value); break;
                    case "address.zip": c.Address = Copy(c.Address, a => a.Zip = value); break;
                    case "address.country": c.Address = Copy(c.Address, a => a.Country = value); break;
                    default: throw Unknown(key);
                }
                break;
            case Contact c:
                switch (key)
                {
                    case "first_name": c.FirstName = value; break;
                    case "last_name": c.LastName = value; break;
                    case "email": c.Email = value ?? ""; break;
                    case "phone": c.Phone = value; break;
                    case "title": c.Title = value; break;
                    case "company": c.Company = value; break;
                    case "linkedin_url": c.LinkedinUrl = value; break;
                    case "twitter_url": c.TwitterUrl = value; break;
                    case "owner": c.AssignedTo = ParseGuid(value); break;
                    case "tags": c.Tags = ParseTags(value); break;
                    case "notes": c.Notes = value; break;
                    default: throw Unknown(key);
                }
                break;
            case Prospect p:
                switch (key)
                {
                    case "name": p.Name = value ?? ""; break;
                    case "email": p.Email = value; break;
                    case "phone": p.Phone = value; break;
                    case "company": p.Company = value; break;
                    case "title": p.Title = value; break;
                    case "linkedin_url": p.LinkedinUrl = value; break;
                    case "stage": p.Stage = value is null ? ProspectStage.New : Enum.Parse<ProspectStage>(value); break;
                    case "score": p.Score = value is null ? null : int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "estimated_value": p.EstimatedValue = ParseCents(value); break;
                    case "owner": p.AssignedTo = ParseGuid(value); break;
                    case "source": p.Source = value; break;
                    case "next_follow_up_at":
                        p.NextFollowUpAt = value is null ? null : DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                        break;
                    case "tags": p.Tags = ParseTags(value); break;
                    case "notes": p.Notes = value; break;
                    default: throw Unknown(key);
                }
                break;
            default:
                throw new ArgumentException("Not a CRM record.", nameof(record));
        }
    }

    /// <summary>The email an import matches records on (lower-cased), or null.</summary>
    public static string? MatchKey(TenantEntity record) => Get(record, "email")?.Trim().ToLowerInvariant() is { Length: > 0 } e ? e : null;

    public static string? TagsText(IReadOnlyCollection<string> tags) => tags.Count == 0 ? null : JsonSerializer.Serialize(tags);

    public static List<string> ParseTags(string? value) => value is null ? [] : JsonSerializer.Deserialize<List<string>>(value) ?? [];

    private static Dictionary<string, string> CustomFields(TenantEntity record) => record switch
    {
        Customer c => c.CustomFields,
        Contact c => c.CustomFields,
        Prospect p => p.CustomFields,
        _ => [],
    };

    private static Data.Json.PostalAddress Copy(Data.Json.PostalAddress address, Action<Data.Json.PostalAddress> change)
    {
        var copy = new Data.Json.PostalAddress { Street = address.Street, City = address.City, State = address.State, Zip = address.Zip, Country = address.Country };
        change(copy);
        return copy;
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? Cents(long? cents) => cents?.ToString(CultureInfo.InvariantCulture);

    private static long? ParseCents(string? value) => value is null ? null : long.Parse(value, CultureInfo.InvariantCulture);

    private static Guid? ParseGuid(string? value) => value is null ? null : Guid.Parse(value);

    private static ArgumentException Unknown(string key) => new($"No importable field '{key}'.", nameof(key));
}
