using GalaxyCo.Domain.Invoices;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GalaxyCo.Domain.Seeding;

/// <summary>A small real PDF (title and wrapped paragraphs) for the demo library's uploaded document.</summary>
internal static class DemoPdf
{
    public static byte[] Build(string title, string text)
    {
        InvoicePdfFonts.EnsureInstalled();
        var heading = new XFont(InvoicePdfFonts.Family, 18, XFontStyleEx.Bold);
        var body = new XFont(InvoicePdfFonts.Family, 11);
        using var document = new PdfDocument();
        document.Info.Title = title;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            const double margin = 56;
            var width = page.Width.Point - 2 * margin;
            var y = margin + 18;
            gfx.DrawString(title, heading, XBrushes.Black, new XPoint(margin, y));
            y += 32;
            foreach (var paragraph in text.Split("\n\n"))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (gfx.MeasureString(candidate, body).Width > width && line.Length > 0)
                    {
                        gfx.DrawString(line, body, XBrushes.Black, new XPoint(margin, y));
                        y += 15;
                        line = word;
                    }
                    else
                    {
                        line = candidate;
                    }
                }
                gfx.DrawString(line, body, XBrushes.Black, new XPoint(margin, y));
                y += 26;
            }
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
