using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm.Import;

namespace GalaxyCo.Domain.Tests.Crm.Import;

public sealed class CrmImportMappingGuesserTests
{
    [Fact]
    public void Guess_ProspectHeaders_MapsSynonyms()
    {
        string[] headers = ["Full Name", "E-mail", "Organisation", "Deal value", "Stage", "Tags", "Owner", "Favourite colour"];

        var mapping = CrmImportMappingGuesser.Guess(headers, CrmImportFields.For(CrmRecordType.Prospect));

        Assert.Equal("name", mapping["Full Name"]);
        Assert.Equal("email", mapping["E-mail"]);
        Assert.Equal("company", mapping["Organisation"]);
        Assert.Equal("estimated_value", mapping["Deal value"]);
        Assert.Equal("stage", mapping["Stage"]);
        Assert.Equal("tags", mapping["Tags"]);
        Assert.Equal("owner", mapping["Owner"]);
        Assert.Null(mapping["Favourite colour"]);
    }

    [Fact]
    public void Guess_ContactWithFullNameOnly_MapsFullName()
    {
        var mapping = CrmImportMappingGuesser.Guess(["Full name", "Email Address", "Company Name"], CrmImportFields.For(CrmRecordType.Contact));

        Assert.Equal("full_name", mapping["Full name"]);
        Assert.Equal("email", mapping["Email Address"]);
        Assert.Equal("company", mapping["Company Name"]);
    }

    [Fact]
    public void Guess_ContactWithFirstAndLastName_PrefersThemOverName()
    {
        var mapping = CrmImportMappingGuesser.Guess(["First name", "Last name", "Name", "Email"], CrmImportFields.For(CrmRecordType.Contact));

        Assert.Equal("first_name", mapping["First name"]);
        Assert.Equal("last_name", mapping["Last name"]);
        Assert.Null(mapping["Name"]);
    }

    [Fact]
    public void Guess_CustomerCompanyNameWithoutName_BecomesTheName()
    {
        var mapping = CrmImportMappingGuesser.Guess(["Company Name", "Email"], CrmImportFields.For(CrmRecordType.Customer));

        Assert.Equal("name", mapping["Company Name"]);
    }

    [Fact]
    public void Guess_CustomField_MatchesByLabel()
    {
        var custom = new CrmCustomField { RecordType = CrmRecordType.Prospect, Key = "segment", Label = "Market Segment", FieldType = CrmCustomFieldType.Text };

        var mapping = CrmImportMappingGuesser.Guess(["Name", "Market segment"], CrmImportFields.For(CrmRecordType.Prospect, [custom]));

        Assert.Equal("custom.segment", mapping["Market segment"]);
    }
}
