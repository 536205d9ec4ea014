using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm.CustomFields;

namespace GalaxyCo.Domain.Tests.Crm.CustomFields;

public sealed class CustomFieldValuesTests
{
    private static CustomFieldDefinition Field(string key, CrmCustomFieldType type, bool required = false, params string[] options) =>
        new(Guid.NewGuid(), CrmRecordType.Prospect, key, key.ToUpperInvariant(), type, options, required, 0, 0);

    private static readonly CustomFieldDefinition[] Fields =
    [
        Field("seats", CrmCustomFieldType.Number),
        Field("renewal", CrmCustomFieldType.Date),
        Field("tier", CrmCustomFieldType.Select, false, "Gold", "Silver"),
        Field("products", CrmCustomFieldType.MultiSelect, false, "CRM", "Invoices", "Agents"),
        Field("nda", CrmCustomFieldType.Checkbox),
        Field("site", CrmCustomFieldType.Url),
        Field("note", CrmCustomFieldType.Text),
    ];

    [Fact]
    public void Validate_GoodValues_AreNormalisedToTheirStoredForm()
    {
        var result = CustomFieldValues.Validate(Fields, new Dictionary<string, string>
        {
            ["seats"] = " 1,250.50 ",
            ["renewal"] = "2025-03-31",
            ["tier"] = "gold",
            ["products"] = "agents, crm",
            ["nda"] = "Yes",
            ["site"] = "https://acme.test/about",
            ["note"] = "  hello ",
            ["lost_reason"] = "price",
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Values));
        Assert.Equal("1250.50", result.Values["seats"]);
        Assert.Equal("2025-03-31", result.Values["renewal"]);
        Assert.Equal("Gold", result.Values["tier"]);
        Assert.Equal("CRM, Agents", result.Values["products"]);
        Assert.Equal("true", result.Values["nda"]);
        Assert.Equal("https://acme.test/about", result.Values["site"]);
        Assert.Equal("hello", result.Values["note"]);
        Assert.Equal("price", result.Values["lost_reason"]);
    }

    [Theory]
    [InlineData("seats", "12,5,0x", "must be a number")]
    [InlineData("seats", "ten", "must be a number")]
    [InlineData("renewal", "31/03/2025", "yyyy-MM-dd")]
    [InlineData("renewal", "2025-02-30", "yyyy-MM-dd")]
    [InlineData("tier", "Bronze", "one of: Gold, Silver")]
    [InlineData("products", "CRM, Payroll", "'Payroll' is not a choice")]
    [InlineData("nda", "maybe", "true or false")]
    [InlineData("site", "ftp://acme.test", "http:// or https://")]
    [InlineData("site", "acme", "http:// or https://")]
    public void Validate_BadValue_ReportsItUnderItsKey(string key, string value, string message)
    {
        var result = CustomFieldValues.Validate(Fields, new Dictionary<string, string> { [key] = value });

        Assert.False(result.IsValid);
        Assert.Contains(message, result.Errors[key], StringComparison.Ordinal);
        Assert.False(result.Values.ContainsKey(key));
        Assert.Equal($"customFields.{key}", Assert.Single(result.ErrorsWithPrefix()).Key);
    }

    [Fact]
    public void Validate_RequiredFieldMissingOrBlank_IsAnError_AndOptionalBlankIsDropped()
    {
        CustomFieldDefinition[] fields = [Field("budget", CrmCustomFieldType.Number, required: true), Field("nda", CrmCustomFieldType.Checkbox, required: true), Field("note", CrmCustomFieldType.Text)];

        var missing = CustomFieldValues.Validate(fields, new Dictionary<string, string> { ["budget"] = "  ", ["note"] = "" });
        var given = CustomFieldValues.Validate(fields, new Dictionary<string, string> { ["budget"] = "0", ["nda"] = "false", ["note"] = "" });

        Assert.Equal("BUDGET is required.", missing.Errors["budget"]);
        Assert.Equal("NDA is required.", missing.Errors["nda"]);
        Assert.True(given.IsValid);
        Assert.Equal("false", given.Values["nda"]);
        Assert.False(given.Values.ContainsKey("note"));
    }
}
