using System.Text;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Extraction;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Tests.Knowledge.Extraction;

public sealed class DocumentExtractorTests
{
    private static DocumentExtractor Extractor(Action<KnowledgeOptions>? configure = null)
    {
        var options = new KnowledgeOptions();
        configure?.Invoke(options);
        return new DocumentExtractor(Options.Create(options));
    }

    private static ExtractedDocument Ok(Result<ExtractedDocument> result)
    {
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    [Fact]
    public void Extract_PdfWithLargerHeadings_ReturnsHeadingsAndParagraphsPerPage()
    {
        var pdf = SampleFiles.Pdf(
            (1, 20, "Installation Guide"),
            (1, 11, "Download the package from the release page."),
            (1, 11, "Unpack it into a folder of your choice."),
            (2, 16, "Configuration"),
            (2, 11, "Edit the settings file before the first start."));

        var doc = Ok(Extractor().Extract(pdf, "guide.pdf", "application/pdf"));

        Assert.Equal("Installation Guide", doc.Title);
        var headings = doc.Blocks.Where(b => b.Kind == DocumentBlockKind.Heading).ToList();
        Assert.Equal(["Installation Guide", "Configuration"], headings.Select(h => h.Text));
        Assert.Equal([1, 2], headings.Select(h => h.HeadingLevel));
        var paragraph = Assert.Single(doc.Blocks, b => b.Kind == DocumentBlockKind.Paragraph && b.Page == 1);
        Assert.Equal("Download the package from the release page. Unpack it into a folder of your choice.", paragraph.Text);
        Assert.Contains(doc.Blocks, b => b.Page == 2 && b.Text == "Edit the settings file before the first start.");
    }

    [Fact]
    public void Extract_DocxWithHeadingStylesListAndTable_ReturnsStructuredBlocks()
    {
        var docx = SampleFiles.Docx("Team handbook",
            [("Heading1", "Holidays"), (null, "Everyone gets thirty days of paid leave."), ("ListBullet", "Ask your lead first"), ("Heading2", "Public holidays"), (null, "Offices close on public holidays.")],
            [["Region", "Days"], ["Berlin", "10"]]);

        var doc = Ok(Extractor().Extract(docx, "handbook.docx", null));

        Assert.Equal("Team handbook", doc.Title);
        Assert.Equal(DocumentBlockKind.Heading, doc.Blocks[0].Kind);
        Assert.Equal(("Holidays", 1), (doc.Blocks[0].Text, doc.Blocks[0].HeadingLevel));
        Assert.Contains(doc.Blocks, b => b.Kind == DocumentBlockKind.ListItem && b.Text == "Ask your lead first");
        Assert.Contains(doc.Blocks, b => b.Kind == DocumentBlockKind.Heading && b.HeadingLevel == 2 && b.Text == "Public holidays");
        Assert.Equal("Region | Days\nBerlin | 10", Assert.Single(doc.Blocks, b => b.Kind == DocumentBlockKind.Table).Text);
    }

    [Fact]
    public void Extract_Markdown_ReturnsHeadingsListsCodeAndTables()
    {
        const string md = "# Deploying\n\nRun the **build** first, then [publish](https://x.test).\n\n## Steps\n\n- one\n- two\n\n```bash\nmake all\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

        var doc = Ok(Extractor().Extract(SampleFiles.Utf8(md), "deploy.md", null));

        Assert.Equal("Deploying", doc.Title);
        Assert.Equal(
            [(DocumentBlockKind.Heading, "Deploying"), (DocumentBlockKind.Paragraph, "Run the build first, then publish."), (DocumentBlockKind.Heading, "Steps"),
             (DocumentBlockKind.ListItem, "one"), (DocumentBlockKind.ListItem, "two"), (DocumentBlockKind.Code, "make all"), (DocumentBlockKind.Table, "a | b\n1 | 2")],
            doc.Blocks.Select(b => (b.Kind, b.Text)));
    }

    [Fact]
    public void Extract_HtmlWithScriptsAndNavigation_KeepsOnlyReadableText()
    {
        const string html = """
            <!doctype html><html><head><title>Release notes</title><script>var secret = "SCRIPT-TEXT";</script><style>.x{color:red}</style></head>
            <body><nav><a href="/">Home NAVTEXT</a></nav>
            <main><h1>Version 2</h1><p>Faster <b>search</b> and <script>alert('INLINE-SCRIPT')</script>fewer bugs.</p>
            <ul><li>Hybrid ranking</li></ul><div hidden>HIDDEN-TEXT</div><table><tr><td>a<script>document.write('CELL-SCRIPT')</script></td><td>b</td></tr></table>
            <img src="x" onerror="alert('ONERROR')" alt="diagram"></main>
            <footer>Copyright FOOTERTEXT</footer></body></html>
            """;

        var doc = Ok(Extractor().Extract(SampleFiles.Utf8(html), "notes.html", "text/html"));

        Assert.Equal("Release notes", doc.Title);
        Assert.Contains(doc.Blocks, b => b.Kind == DocumentBlockKind.Heading && b.Text == "Version 2");
        Assert.Contains(doc.Blocks, b => b.Kind == DocumentBlockKind.Paragraph && b.Text == "Faster search and fewer bugs.");
        Assert.Contains(doc.Blocks, b => b.Kind == DocumentBlockKind.ListItem && b.Text == "Hybrid ranking");
        foreach (var hidden in new[] { "SCRIPT", "color:red", "NAVTEXT", "HIDDEN-TEXT", "FOOTERTEXT", "ONERROR", "alert", "<" })
            Assert.DoesNotContain(hidden, doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_PlainText_SplitsParagraphsAtBlankLines()
    {
        var doc = Ok(Extractor().Extract(SampleFiles.Utf8("Meeting notes\r\n\r\nWe agreed on the plan.\nIt starts Monday.\n\n\nBudget is fine."), "notes.txt", null));

        Assert.Equal("Meeting notes", doc.Title);
        Assert.Equal(["Meeting notes", "We agreed on the plan. It starts Monday.", "Budget is fine."], doc.Blocks.Select(b => b.Text));
    }

    [Fact]
    public void Extract_Png_ReturnsDocumentWithoutBlocks()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        var doc = Ok(Extractor().Extract(png, "team-photo.png", "image/png"));

        Assert.Empty(doc.Blocks);
        Assert.Equal("team photo", doc.Title);
    }

    [Fact]
    public void Extract_TextNamedPdf_FailsAsNotAValidPdf()
    {
        var result = Extractor().Extract(SampleFiles.Utf8("this is not a pdf at all"), "report.pdf", "application/pdf");

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("not a valid PDF", result.ErrorFor("file"), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TruncatedPdf_FailsWithClearErrorInsteadOfThrowing()
    {
        var pdf = SampleFiles.Pdf((1, 11, "Some text"));
        var broken = pdf[..(pdf.Length / 3)];

        var result = Extractor().Extract(broken, "broken.pdf", null);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.NotNull(result.ErrorFor("file"));
    }

    [Fact]
    public void Extract_ZipBombNamedDocx_IsRefusedByCompressionRatio()
    {
        var bomb = SampleFiles.ZipBomb(40L * 1024 * 1024);

        var result = Extractor().Extract(bomb, "contract.docx", null);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("zip bomb", result.ErrorFor("file"), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DocxExpandingPastLimit_IsRefused()
    {
        var docx = SampleFiles.Docx(null, (null, new string('x', 3000)));

        var result = Extractor(o => o.MaxDocxExpandedBytes = 1000).Extract(docx, "big.docx", null);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("zip bomb", result.ErrorFor("file"), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ZipWithoutWordDocument_IsNotAValidDocx()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, true)) zip.CreateEntry("readme.txt");
        var other = Extractor().Extract(stream.ToArray(), "x.docx", null);

        Assert.Contains("not a valid Word", other.ErrorFor("file"), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_EmptyFile_FailsAsEmpty()
    {
        var result = Extractor().Extract([], "empty.md", "text/markdown");

        Assert.Equal("The file is empty.", result.ErrorFor("file"));
    }

    [Fact]
    public void Extract_BinaryJunkNamedText_IsUnsupported()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        junk[0] = 0;

        var result = Extractor().Extract(junk, "notes.txt", "text/plain");

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("can't be added", result.ErrorFor("file"), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_Executable_IsUnsupported()
    {
        var exe = Encoding.ASCII.GetBytes("MZ\u0090\0\u0003\0\0\0\u0004\0\0\0");

        var result = Extractor().Extract(exe, "setup.exe", "application/octet-stream");

        Assert.Contains(".exe files can't be added", result.ErrorFor("file"), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TextPastCharacterLimit_FailsClearly()
    {
        var result = Extractor(o => o.MaxExtractedChars = 1000).Extract(SampleFiles.Utf8(string.Join("\n\n", Enumerable.Repeat("A paragraph of text.", 200))), "long.txt", null);

        Assert.Contains("more than 1,000 characters", result.ErrorFor("file"), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DeeplyNestedHtml_DoesNotThrow()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 5000)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", 5000));

        var doc = Ok(Extractor().Extract(SampleFiles.Utf8(html), "deep.html", null));

        Assert.Contains("deep text", doc.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%PDF-1.7\n", "x.bin", "application/pdf")]
    [InlineData("# Title", "readme.md", "text/markdown")]
    [InlineData("<!DOCTYPE html><p>x", "page", "text/html")]
    [InlineData("<p>x</p>", "page.htm", "text/html")]
    [InlineData("hello", "notes.txt", "text/plain")]
    [InlineData("hello", "virus.exe", "application/octet-stream")]
    [InlineData("GIF89a....", "anim.txt", "image/gif")]
    public void DetectContentType_SniffsBytesBeforeName(string head, string fileName, string expected)
    {
        Assert.Equal(expected, DocumentExtractor.DetectContentType(Encoding.ASCII.GetBytes(head), fileName));
    }

    [Fact]
    public void Extract_LargeHtmlManual_ExtractsEveryPage()
    {
        var sb = new StringBuilder("<html><body>");
        for (var i = 0; i < 1000; i++)
            sb.Append("<h2>Section ").Append(i).Append("</h2><p>").Append(string.Join(' ', Enumerable.Repeat("The server reads its configuration file at startup and applies every setting.", 12))).Append("</p>");
        sb.Append("</body></html>");

        var doc = Ok(Extractor().Extract(SampleFiles.Utf8(sb.ToString()), "manual.html", null));
        var chunks = new KnowledgeChunker().Chunk(doc);

        Assert.Equal(1000, doc.Blocks.Count(b => b.Kind == DocumentBlockKind.Heading));
        Assert.Equal("Section 999", chunks[^1].HeadingPath);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, KnowledgeChunker.MaxTokens));
    }
}
