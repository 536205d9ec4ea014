using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace GalaxyCo.Domain.Tests.Knowledge.Extraction;

/// <summary>Real sample documents made in memory for the extraction tests.</summary>
internal static class SampleFiles
{
    /// <summary>One entry per line: (page, font size, text). Lines are laid out top-down per page.</summary>
    public static byte[] Pdf(params (int Page, double Size, string Text)[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var group in lines.GroupBy(l => l.Page).OrderBy(g => g.Key))
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = 800.0;
            foreach (var line in group)
            {
                y -= line.Size * 1.6;
                page.AddText(line.Text, line.Size, new PdfPoint(50, y), font);
            }
        }
        return builder.Build();
    }

    public static byte[] Docx(string? title, params (string? Style, string Text)[] paragraphs) => Docx(title, paragraphs, null);

    public static byte[] Docx(string? title, (string? Style, string Text)[] paragraphs, string[][]? table)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            if (title is not null) document.PackageProperties.Title = title;
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new Style(new StyleName { Val = "heading 1" }) { StyleId = "Heading1", Type = StyleValues.Paragraph },
                new Style(new StyleName { Val = "heading 2" }) { StyleId = "Heading2", Type = StyleValues.Paragraph },
                new Style(new StyleName { Val = "List Bullet" }) { StyleId = "ListBullet", Type = StyleValues.Paragraph });
            var body = new Body();
            foreach (var (style, text) in paragraphs)
            {
                var paragraph = new Paragraph();
                if (style is not null) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
                paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                body.Append(paragraph);
            }
            if (table is not null)
            {
                var t = new Table();
                foreach (var row in table)
                    t.Append(new TableRow(row.Select(cell => new TableCell(new Paragraph(new Run(new Text(cell)))))));
                body.Append(t);
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    /// <summary>A .docx-looking zip whose document.xml inflates to <paramref name="expandedBytes"/> of zeros.</summary>
    public static byte[] ZipBomb(long expandedBytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var types = zip.CreateEntry("[Content_Types].xml");
            using (var w = new StreamWriter(types.Open(), Encoding.UTF8)) w.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var s = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < expandedBytes; written += zeros.Length) s.Write(zeros, 0, (int)Math.Min(zeros.Length, expandedBytes - written));
        }
        return stream.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
