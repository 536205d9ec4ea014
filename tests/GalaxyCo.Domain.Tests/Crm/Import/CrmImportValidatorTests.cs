using GalaxyCo.Domain.Crm.Import;

namespace GalaxyCo.Domain.Tests.Crm.Import;

public sealed class CrmImportValidatorTests
{
    [Theory]
    [InlineData("1250", 125_000L)]
    [InlineData("$1,250.50", 125_050L)]
    [InlineData("1.250,50", 125_050L)]
    [InlineData("€ 99", 9_900L)]
    [InlineData("99,5", 9_950L)]
    [InlineData("1,250,000", 125_000_000L)]
    [InlineData("USD 10.10", 1_010L)]
    [InlineData("=1+2", null)]
    [InlineData("lots", null)]
    [InlineData("1e5", null)]
    public void ParseMoney_CommonFormats_BecomeCents(string raw, long? cents) =>
        Assert.Equal(cents, CrmImportValidator.ParseMoney(raw));

    [Theory]
    [InlineData("Ada Lovelace", "Ada", "Lovelace")]
    [InlineData("Lovelace, Ada", "Ada", "Lovelace")]
    [InlineData("Ada", "Ada", null)]
    [InlineData("Mary Ann Evans", "Mary", "Ann Evans")]
    public void SplitName_FullName_SplitsFirstAndLast(string full, string first, string? last) =>
        Assert.Equal((first, last), CrmImportValidator.SplitName(full));
}
