using System.Text;
using GalaxyCo.Domain.Crm.Import;

namespace GalaxyCo.Domain.Tests.Crm.Import;

public sealed class CsvImportReaderTests
{
    private static CsvImportTable Ok(byte[] bytes) => CrmAssert.Ok(CsvImportReader.Read(bytes));

    [Fact]
    public void Read_QuotedValuesWithCommasQuotesAndLineBreaks_KeepsThemWhole()
    {
        var table = Ok(Encoding.UTF8.GetBytes("Name,Notes\r\n\"Acme, Inc.\",\"Said \"\"hi\"\"\nthen left\"\r\nBeta,plain\r\n"));

        Assert.Equal(["Name", "Notes"], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("Acme, Inc.", table.Rows[0][0]);
        Assert.Equal("Said \"hi\"\nthen left", table.Rows[0][1]);
        Assert.Empty(table.Notices);
    }

    [Fact]
    public void Read_Utf8Bom_IsNotPartOfTheFirstHeader()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Email,Name\nzoë@example.com,Zoë\n")).ToArray();

        var table = Ok(bytes);

        Assert.Equal("Email", table.Headers[0]);
        Assert.Equal("Zoë", table.Rows[0][1]);
    }

    [Fact]
    public void Read_Windows1252Bytes_FallsBackWithANotice()
    {
        // "Café" in Windows-1252: é is the single byte 0xE9, invalid as UTF-8.
        var bytes = Encoding.ASCII.GetBytes("Name,City\nCaf").Concat(new byte[] { 0xE9 }).Concat(Encoding.ASCII.GetBytes(",Paris\n")).ToArray();

        var table = Ok(bytes);

        Assert.Equal("Café", table.Rows[0][0]);
        Assert.Contains(table.Notices, n => n.Contains("Windows-1252", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SemicolonSeparated_IsDetected()
    {
        var table = Ok(Encoding.UTF8.GetBytes("Name;Email\nAda;ada@example.com\nBob;bob@example.com\n"));

        Assert.Equal(["Name", "Email"], table.Headers);
        Assert.Equal("ada@example.com", table.Rows[0][1]);
    }

    [Fact]
    public void Read_UnclosedQuote_FailsWithTheLineNumber()
    {
        var result = CsvImportReader.Read(Encoding.UTF8.GetBytes("Name,Email\nAda,ada@example.com\nBob,bob@example.com\n\"Broken,broken@example.com\nEve,eve@example.com\n"));

        CrmAssert.InvalidField(result, "file", "line 4");
        Assert.Contains("quot", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_FailsAndNamesTheLine()
    {
        var result = CsvImportReader.Read(Encoding.UTF8.GetBytes("Name,Email\n\"Ada\"x,ada@example.com\n"));

        CrmAssert.InvalidField(result, "file", "line 2");
    }

    [Fact]
    public void Read_TooLarge_SaysTheLimit()
    {
        var result = CsvImportReader.Read(new byte[CsvImportReader.MaxFileBytes + 1]);

        CrmAssert.InvalidField(result, "file", "50 MB");
    }

    [Fact]
    public void Read_HeaderOnly_SaysThereAreNoRows()
    {
        CrmAssert.InvalidField(CsvImportReader.Read(Encoding.UTF8.GetBytes("Name,Email\n")), "file", "no rows");
    }

    [Fact]
    public void Read_StrayQuoteInsideAnUnquotedValue_IsKeptAsText()
    {
        var table = Ok(Encoding.UTF8.GetBytes("Name,Notes\nScreen,27\" monitor\n"));

        Assert.Equal("27\" monitor", table.Rows[0][1]);
    }
}
