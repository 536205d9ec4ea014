using System.Text.RegularExpressions;
using GalaxyCo.Domain.Invoices;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GalaxyCo.Benchmarks.Knowledge;

/// <summary>
/// A real text PDF for the ingestion benchmark: the Git manual's pages as A4 pages of 12 pt text on 16 pt lines with
/// one-inch margins and a bold heading per manual page, like an ordinary printed document (about 500 words a page).
/// </summary>
public static partial class BenchPdf
{
    public static byte[] Build(IEnumerable<string> htmlPages, int pageCount)
    {
        InvoicePdfFonts.EnsureInstalled();
        var body = new XFont(InvoicePdfFonts.Family, 12);
        var heading = new XFont(InvoicePdfFonts.Family, 16, XFontStyleEx.Bold);
        using var document = new PdfDocument();
        document.Info.Title = "Git manual (benchmark excerpt)";
        const double margin = 72, lineHeight = 16;
        PdfPage? page = null;
        XGraphics? gfx = null;
        double y = 0;
        var pages = 0;

        bool NewPage()
        {
            gfx?.Dispose();
            if (pages == pageCount) return false;
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = margin;
            pages++;
            return true;
        }

        if (!NewPage()) return [];
        foreach (var html in htmlPages)
        {
            var title = TitlePattern().Match(html) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : "Git";
            var text = System.Net.WebUtility.HtmlDecode(TagPattern().Replace(ScriptPattern().Replace(html, " "), " "));
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (y > page!.Height.Point - margin - 60 && !NewPage()) break;
            gfx!.DrawString(title, heading, XBrushes.Black, new XPoint(margin, y + 16));
            y += 30;
            var line = new System.Text.StringBuilder();
            var width = page.Width.Point - 2 * margin;
            foreach (var word in words)
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (gfx.MeasureString(candidate, body).Width > width && line.Length > 0)
                {
                    gfx.DrawString(line.ToString(), body, XBrushes.Black, new XPoint(margin, y + 12));
                    y += lineHeight;
                    line.Clear().Append(word);
                    if (y > page.Height.Point - margin)
                    {
                        if (!NewPage()) return Save(document);
                    }
                }
                else
                {
                    line.Clear().Append(candidate);
                }
            }
            if (line.Length > 0)
            {
                gfx.DrawString(line.ToString(), body, XBrushes.Black, new XPoint(margin, y + 12));
                y += lineHeight * 2;
            }
        }
        gfx?.Dispose();
        return Save(document);
    }

    private static byte[] Save(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TitlePattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptPattern();
}
