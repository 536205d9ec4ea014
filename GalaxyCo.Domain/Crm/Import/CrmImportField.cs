using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>How a CSV cell is read into a field.</summary>
public enum CrmImportFieldKind { Text, Email, Url, Money, Score, Stage, Status, Owner, Tags, Date, FullName, Custom }

/// <summary>
/// A record field a CSV column can be mapped to. <see cref="Key"/> is stable ("email", "address.city",
/// "custom.segment"); <see cref="Synonyms"/> are normalised header names (lower-case letters and digits only) the
/// mapping guesser recognises, the first ones being the strongest.
/// </summary>
public sealed record CrmImportField(string Key, string Label, CrmImportFieldKind Kind, int MaxLength = 200, bool Required = false, IReadOnlyList<string>? Synonyms = null)
{
    public const string CustomPrefix = "custom.";

    /// <summary>For <see cref="CrmImportFieldKind.Custom"/>: the admin-defined field.</summary>
    public CrmCustomFieldType? CustomType { get; init; }

    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Only read to fill other fields (a full name fills first and last name); never stored as itself.</summary>
    public bool IsVirtual => Kind == CrmImportFieldKind.FullName;

    public string? CustomKey => Key.StartsWith(CustomPrefix, StringComparison.Ordinal) ? Key[CustomPrefix.Length..] : null;
}

/// <summary>The fields each record type offers to an import, with the header names each is guessed from.</summary>
public static class CrmImportFields
{
    public static IReadOnlyList<CrmImportField> For(CrmRecordType type, IEnumerable<CrmCustomField>? customFields = null)
    {
        var fields = type switch
        {
            CrmRecordType.Customer => Customers,
            CrmRecordType.Contact => Contacts,
            _ => Prospects,
        };
        var custom = (customFields ?? []).Where(f => f.RecordType == type).OrderBy(f => f.Position).ThenBy(f => f.Label)
            .Select(f => new CrmImportField(CrmImportField.CustomPrefix + f.Key, f.Label, CrmImportFieldKind.Custom,
                f.FieldType == CrmCustomFieldType.Url ? 2048 : 2000, f.Required, [Normalise(f.Key), Normalise(f.Label)])
            {
                CustomType = f.FieldType,
                Options = f.Options,
            });
        return [.. fields, .. custom];
    }

    /// <summary>"E-mail Address " -> "emailaddress": how headers and synonyms are compared.</summary>
    public static string Normalise(string? header) =>
        string.Concat((header ?? "").Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private static readonly string[] Owner = ["owner", "owneremail", "assignedto", "assignee", "accountowner", "contactowner", "dealowner", "leadowner", "salesrep", "rep"];
    private static readonly string[] Tags = ["tags", "tag", "labels", "label", "categories", "category"];
    private static readonly string[] Notes = ["notes", "note", "comments", "comment", "description"];
    private static readonly string[] Phone = ["phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "cell", "workphone", "businessphone"];
    private static readonly string[] Email = ["email", "emailaddress", "mail", "workemail", "businessemail", "primaryemail", "emails"];
    private static readonly string[] Title = ["title", "jobtitle", "position", "role", "jobrole"];
    private static readonly string[] LinkedIn = ["linkedin", "linkedinurl", "linkedinprofile", "linkedinprofileurl"];

    private static readonly IReadOnlyList<CrmImportField> Customers =
    [
        new("name", "Name", CrmImportFieldKind.Text, CustomerService.NameMaxLength, true,
            ["name", "companyname", "customer", "customername", "organisation", "organization", "account", "accountname", "company", "fullname"]),
        new("email", "Email", CrmImportFieldKind.Email, Synonyms: Email),
        new("phone", "Phone", CrmImportFieldKind.Text, 50, Synonyms: Phone),
        new("company", "Company", CrmImportFieldKind.Text, 200, Synonyms: ["company", "companyname", "organisation", "organization", "employer", "legalname"]),
        new("website", "Website", CrmImportFieldKind.Url, Synonyms: ["website", "web", "url", "site", "homepage", "domain", "companywebsite"]),
        new("status", "Status", CrmImportFieldKind.Status, Synonyms: ["status", "customerstatus", "lifecyclestage", "lifecycle"]),
        new("industry", "Industry", CrmImportFieldKind.Text, 100, Synonyms: ["industry", "sector", "vertical"]),
        new("size", "Size", CrmImportFieldKind.Text, 50, Synonyms: ["size", "companysize", "employees", "headcount", "numberofemployees"]),
        new("revenue", "Annual revenue", CrmImportFieldKind.Money, Synonyms: ["revenue", "annualrevenue", "arr", "turnover"]),
        new("owner", "Owner (member email)", CrmImportFieldKind.Owner, Synonyms: Owner),
        new("tags", "Tags", CrmImportFieldKind.Tags, Synonyms: Tags),
        new("notes", "Notes", CrmImportFieldKind.Text, 10_000, Synonyms: Notes),
        new("address.street", "Street", CrmImportFieldKind.Text, 200, Synonyms: ["street", "address", "streetaddress", "address1", "addressline1", "billingstreet"]),
        new("address.city", "City", CrmImportFieldKind.Text, 100, Synonyms: ["city", "town", "billingcity"]),
        new("address.state", "State / region", CrmImportFieldKind.Text, 100, Synonyms: ["state", "region", "province", "county", "billingstate"]),
        new("address.zip", "Postal code", CrmImportFieldKind.Text, 20, Synonyms: ["zip", "zipcode", "postalcode", "postcode", "billingzip", "billingpostalcode"]),
        new("address.country", "Country", CrmImportFieldKind.Text, 100, Synonyms: ["country", "countrycode", "billingcountry"]),
    ];

    private static readonly IReadOnlyList<CrmImportField> Contacts =
    [
        new("full_name", "Full name (split into first and last)", CrmImportFieldKind.FullName, 201,
            Synonyms: ["fullname", "name", "contactname", "contact", "displayname", "person"]),
        new("first_name", "First name", CrmImportFieldKind.Text, 100, Synonyms: ["firstname", "first", "givenname", "forename"]),
        new("last_name", "Last name", CrmImportFieldKind.Text, 100, Synonyms: ["lastname", "last", "surname", "familyname"]),
        new("email", "Email", CrmImportFieldKind.Email, Required: true, Synonyms: Email),
        new("phone", "Phone", CrmImportFieldKind.Text, 50, Synonyms: Phone),
        new("title", "Title", CrmImportFieldKind.Text, 200, Synonyms: Title),
        new("company", "Company", CrmImportFieldKind.Text, 200, Synonyms: ["company", "companyname", "organisation", "organization", "account", "accountname", "employer"]),
        new("linkedin_url", "LinkedIn", CrmImportFieldKind.Url, Synonyms: LinkedIn),
        new("twitter_url", "Twitter / X", CrmImportFieldKind.Url, Synonyms: ["twitter", "twitterurl", "twitterhandle", "x", "xurl"]),
        new("owner", "Owner (member email)", CrmImportFieldKind.Owner, Synonyms: Owner),
        new("tags", "Tags", CrmImportFieldKind.Tags, Synonyms: Tags),
        new("notes", "Notes", CrmImportFieldKind.Text, 10_000, Synonyms: Notes),
    ];

    private static readonly IReadOnlyList<CrmImportField> Prospects =
    [
        new("name", "Name", CrmImportFieldKind.Text, 200, true,
            ["name", "fullname", "prospect", "prospectname", "lead", "leadname", "contactname", "dealname", "contact"]),
        new("email", "Email", CrmImportFieldKind.Email, Synonyms: Email),
        new("phone", "Phone", CrmImportFieldKind.Text, 50, Synonyms: Phone),
        new("company", "Company", CrmImportFieldKind.Text, 200, Synonyms: ["company", "companyname", "organisation", "organization", "account", "accountname", "employer"]),
        new("title", "Title", CrmImportFieldKind.Text, 200, Synonyms: Title),
        new("linkedin_url", "LinkedIn", CrmImportFieldKind.Url, Synonyms: LinkedIn),
        new("stage", "Stage", CrmImportFieldKind.Stage, Synonyms: ["stage", "dealstage", "pipelinestage", "leadstatus", "status"]),
        new("score", "Score (0-100)", CrmImportFieldKind.Score, Synonyms: ["score", "leadscore", "rating"]),
        new("estimated_value", "Estimated value", CrmImportFieldKind.Money,
            Synonyms: ["estimatedvalue", "dealvalue", "amount", "value", "dealamount", "dealsize", "expectedrevenue", "opportunityvalue"]),
        new("owner", "Owner (member email)", CrmImportFieldKind.Owner, Synonyms: Owner),
        new("source", "Source", CrmImportFieldKind.Text, 100, Synonyms: ["source", "leadsource", "channel", "origin"]),
        new("next_follow_up_at", "Next follow-up", CrmImportFieldKind.Date, Synonyms: ["nextfollowup", "nextfollowupat", "followup", "followupdate", "nextfollowupdate", "nextstepdate"]),
        new("tags", "Tags", CrmImportFieldKind.Tags, Synonyms: Tags),
        new("notes", "Notes", CrmImportFieldKind.Text, 10_000, Synonyms: Notes),
    ];
}
