using System.Globalization;
using System.Text;
using GalaxyCo.Data;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Draws an invoice on A4 pages with PDFsharp: business and customer blocks, the line items table (its header repeated
/// on every page, rows never split), tax per rate, totals, notes and terms, a page footer, and a large diagonal
/// status watermark (VOID for cancelled, PAID for paid, DRAFT for drafts). Text is drawn, never interpreted, so
/// hostile input is harmless; control and bidi-format characters are dropped and words wider than their column are
/// broken so nothing spills out of its box.
/// </summary>
internal sealed class InvoicePdfWriter
{
    private const double Margin = 42;
    private const double FooterHeight = 24;
    private const int MaxDescriptionLines = 12;
    private const int MaxTextLength = 5000;

    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(33, 33, 33));
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(110, 110, 110));
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(240, 242, 245));
    private static readonly XPen Rule = new(XColor.FromArgb(215, 218, 222), 0.6);

    /// <summary>Description, quantity, unit price, discount, tax rate, amount: widths summing to the content width.</summary>
    private static readonly (string Title, double Width, bool Right)[] Columns =
        [("Description", 0, false), ("Qty", 52, true), ("Unit price", 80, true), ("Discount", 52, true), ("Tax", 48, true), ("Amount", 92, true)];

    private readonly PdfDocument document;
    private readonly InvoicePdfModel model;
    private readonly List<XGraphics> pages = [];
    private readonly XFont regular = new(InvoicePdfFonts.Family, 9, XFontStyleEx.Regular);
    private readonly XFont bold = new(InvoicePdfFonts.Family, 9, XFontStyleEx.Bold);
    private readonly XFont small = new(InvoicePdfFonts.Family, 7.5, XFontStyleEx.Regular);
    private readonly XFont heading = new(InvoicePdfFonts.Family, 13, XFontStyleEx.Bold);
    private readonly XFont title = new(InvoicePdfFonts.Family, 22, XFontStyleEx.Bold);
    private readonly XFont totalFont = new(InvoicePdfFonts.Family, 11, XFontStyleEx.Bold);
    private XGraphics gfx = null!;
    private double y;
    private double pageWidth;
    private double pageHeight;

    private InvoicePdfWriter(PdfDocument document, InvoicePdfModel model)
    {
        this.document = document;
        this.model = model;
    }

    private double ContentWidth => pageWidth - 2 * Margin;
    private double Bottom => pageHeight - Margin - FooterHeight;

    /// <summary>The PDF's bytes.</summary>
    public static byte[] Write(InvoicePdfModel model)
    {
        InvoicePdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {Clean(model.Number, 100)}";
        document.Info.Author = Clean(model.BusinessName, 200);
        document.Info.Creator = "GalaxyCo";
        var writer = new InvoicePdfWriter(document, model);
        writer.Render();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private void Render()
    {
        NewPage();
        DrawHeader();
        DrawItems();
        DrawTotals();
        DrawParagraph("Notes", model.Notes);
        DrawParagraph("Terms", model.Terms);
        DrawFooters();
    }

    private void NewPage()
    {
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        pageWidth = page.Width.Point;
        pageHeight = page.Height.Point;
        gfx = XGraphics.FromPdfPage(page);
        pages.Add(gfx);
        DrawWatermark();
        y = Margin;
        if (pages.Count > 1)
        {
            Text($"Invoice {model.Number} (continued)", bold, Muted, Margin, y, ContentWidth);
            y += 20;
        }
    }

    /// <summary>Drawn first on each page so the content sits on top of it.</summary>
    private void DrawWatermark()
    {
        (string Word, XColor Color)? mark = model.Status switch
        {
            InvoiceStatus.Cancelled => ("VOID", XColor.FromArgb(55, 200, 30, 30)),
            InvoiceStatus.Paid => ("PAID", XColor.FromArgb(55, 30, 150, 60)),
            InvoiceStatus.Draft => ("DRAFT", XColor.FromArgb(40, 90, 90, 90)),
            _ => null,
        };
        if (mark is not { } m) return;
        var font = new XFont(InvoicePdfFonts.Family, 150, XFontStyleEx.Bold);
        var state = gfx.Save();
        var center = new XPoint(pageWidth / 2, pageHeight / 2);
        gfx.RotateAtTransform(-Math.Atan2(pageHeight, pageWidth) * 180 / Math.PI, center);
        gfx.DrawString(m.Word, font, new XSolidBrush(m.Color), center, XStringFormats.Center);
        gfx.Restore(state);
    }

    private void DrawHeader()
    {
        var half = ContentWidth / 2;
        // Left: logo and the business.
        var left = y;
        if (Logo() is { } logo)
        {
            using (logo)
            {
                var scale = Math.Min(Math.Min(160 / logo.PointWidth, 60 / logo.PointHeight), 1);
                gfx.DrawImage(logo, Margin, y, logo.PointWidth * scale, logo.PointHeight * scale);
                left = y + logo.PointHeight * scale + 8;
            }
        }
        left = Lines(Wrap(model.BusinessName, heading, half - 10, 3), heading, Ink, Margin, left, half - 10, 16);
        left = Lines(Wrap(model.BusinessAddress, regular, half - 10, 6), regular, Muted, Margin, left, half - 10);
        left = Lines(Wrap(model.BusinessEmail, regular, half - 10, 1), regular, Muted, Margin, left, half - 10);
        if (!string.IsNullOrWhiteSpace(model.TaxId)) left = Lines(Wrap($"Tax ID: {model.TaxId}", regular, half - 10, 2), regular, Muted, Margin, left, half - 10);

        // Right: what this is.
        var x = Margin + half;
        var right = y;
        Text("INVOICE", title, Ink, x, right, half, alignRight: true);
        right += 30;
        right = Lines(Wrap(model.Number, totalFont, half, 2), totalFont, Ink, x, right, half, 14, alignRight: true);
        right += 4;
        foreach (var (label, value) in new[] { ("Issue date", Date(model.IssueDate)), ("Due date", Date(model.DueDate)), ("Currency", model.Currency) })
        {
            Text(label, regular, Muted, x, right, half - 90, alignRight: true);
            Text(value, bold, Ink, x + half - 85, right, 85, alignRight: true);
            right += 13;
        }

        y = Math.Max(left, right) + 18;
        Text("BILL TO", small, Muted, Margin, y, half);
        y += 11;
        y = Lines(Wrap(model.CustomerName, bold, half, 3), bold, Ink, Margin, y, half);
        foreach (var line in model.CustomerAddress) y = Lines(Wrap(line, regular, half, 2), regular, Ink, Margin, y, half);
        y = Lines(Wrap(model.CustomerEmail, regular, half, 1), regular, Muted, Margin, y, half);
        y += 16;
    }

    private XImage? Logo()
    {
        if (model.Logo is not { Length: > 0 } bytes) return null;
        try
        {
            return XImage.FromStream(new MemoryStream(bytes, writable: false));
        }
#pragma warning disable CA1031 // A broken logo must not stop the invoice from rendering.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private double[] ColumnWidths()
    {
        var fixedWidth = Columns.Sum(c => c.Width);
        return Columns.Select(c => c.Width == 0 ? ContentWidth - fixedWidth : c.Width).ToArray();
    }

    private void DrawTableHeader()
    {
        var widths = ColumnWidths();
        gfx.DrawRectangle(HeaderFill, Margin, y, ContentWidth, 18);
        var x = Margin;
        for (var i = 0; i < Columns.Length; i++)
        {
            Text(Columns[i].Title, bold, Ink, x + 4, y + 4.5, widths[i] - 8, Columns[i].Right);
            x += widths[i];
        }
        y += 22;
    }

    private void DrawItems()
    {
        DrawTableHeader();
        var widths = ColumnWidths();
        if (model.Items.Count == 0)
        {
            Text("No line items.", regular, Muted, Margin + 4, y, ContentWidth);
            y += 16;
        }
        foreach (var item in model.Items)
        {
            var description = Wrap(item.Description, regular, widths[0] - 8, MaxDescriptionLines);
            var height = Math.Max(1, description.Count) * LineHeight(regular) + 6;
            if (y + height > Bottom)
            {
                NewPage();
                DrawTableHeader();
            }
            var cells = new[]
            {
                item.Quantity.ToString("0.###", CultureInfo.InvariantCulture),
                Amount(item.UnitPrice),
                item.DiscountPercent == 0 ? "" : Percent(item.DiscountPercent),
                item.TaxRatePercent == 0 ? "" : Percent(item.TaxRatePercent),
                Amount(item.Amount),
            };
            Lines(description, regular, Ink, Margin + 4, y, widths[0] - 8);
            var x = Margin + widths[0];
            for (var i = 0; i < cells.Length; i++)
            {
                Text(cells[i], regular, Ink, x + 4, y, widths[i + 1] - 8, alignRight: true);
                x += widths[i + 1];
            }
            y += height;
            gfx.DrawLine(Rule, Margin, y - 3, Margin + ContentWidth, y - 3);
        }
        y += 8;
    }

    private void DrawTotals()
    {
        var rows = new List<(string Label, string Value, XFont Font)> { ("Subtotal", Money(model.Subtotal), regular) };
        foreach (var tax in model.TaxBreakdown.Where(t => t.RatePercent != 0 || t.Tax != 0))
            rows.Add(($"Tax {Percent(tax.RatePercent)} on {Amount(tax.Taxable)}", Money(tax.Tax), regular));
        rows.Add(("Tax", Money(model.Tax), regular));
        rows.Add(("Total", Money(model.Total), totalFont));
        rows.Add(("Paid", Money(model.AmountPaid), regular));
        rows.Add(("Balance due", Money(model.Balance), totalFont));

        var height = rows.Sum(r => LineHeight(r.Font) + 4) + 6;
        if (y + height > Bottom) NewPage();
        var width = 250.0;
        var x = Margin + ContentWidth - width;
        foreach (var (label, value, font) in rows)
        {
            if (label is "Total" or "Balance due") gfx.DrawLine(Rule, x, y - 2, x + width, y - 2);
            Text(label, font == totalFont ? bold : regular, font == totalFont ? Ink : Muted, x, y, 140);
            Text(value, font, Ink, x + 100, y, width - 104, alignRight: true);
            y += LineHeight(font) + 4;
        }
        y += 14;
    }

    /// <summary>A titled block of free text, continued on the next page when it does not fit.</summary>
    private void DrawParagraph(string label, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        var lines = Wrap(text, regular, ContentWidth, int.MaxValue);
        if (y + 14 + LineHeight(regular) > Bottom) NewPage();
        Text(label.ToUpperInvariant(), small, Muted, Margin, y, ContentWidth);
        y += 12;
        foreach (var line in lines)
        {
            if (y + LineHeight(regular) > Bottom) NewPage();
            Text(line, regular, Ink, Margin, y, ContentWidth);
            y += LineHeight(regular);
        }
        y += 12;
    }

    private void DrawFooters()
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var g = pages[i];
            var footer = $"{model.Number} · Page {i + 1} of {pages.Count}";
            g.DrawLine(Rule, Margin, pageHeight - Margin - 12, pageWidth - Margin, pageHeight - Margin - 12);
            var rect = new XRect(Margin, pageHeight - Margin - 8, ContentWidth, 10);
            g.DrawString(Fit(footer, small, ContentWidth, g), small, Muted, rect, XStringFormats.TopCenter);
            g.Dispose();
        }
    }

    private string Money(long minor) => Currencies.Format(minor, model.Currency);

    /// <summary>The amount without the code, for table cells: "1,234.50", "1,235" (JPY), "1.250" (KWD).</summary>
    private string Amount(long minor) =>
        Currencies.ToMajor(minor, model.Currency).ToString("N" + Currencies.Digits(model.Currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Percent(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static string Date(DateOnly? date) => date?.ToString("MMM d, yyyy", CultureInfo.InvariantCulture) ?? "—";

    private static double LineHeight(XFont font) => font.Size * 1.3;

    private void Text(string text, XFont font, XBrush brush, double x, double top, double width, bool alignRight = false)
    {
        var fitted = Fit(Clean(text, MaxTextLength), font, width, gfx);
        gfx.DrawString(fitted, font, brush, new XRect(x, top, width, LineHeight(font)), alignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
    }

    /// <summary>Draws wrapped lines from <paramref name="top"/> and returns where the next line goes.</summary>
    private double Lines(IReadOnlyList<string> lines, XFont font, XBrush brush, double x, double top, double width, double? lineHeight = null, bool alignRight = false)
    {
        foreach (var line in lines)
        {
            Text(line, font, brush, x, top, width, alignRight);
            top += lineHeight ?? LineHeight(font);
        }
        return top;
    }

    /// <summary>One line cut to <paramref name="width"/> with an ellipsis.</summary>
    private static string Fit(string text, XFont font, double width, XGraphics g)
    {
        if (g.MeasureString(text, font).Width <= width) return text;
        var builder = new StringBuilder();
        var used = g.MeasureString("…", font).Width;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = g.MeasureString(rune.ToString(), font).Width;
            if (used + w > width) break;
            used += w;
            builder.Append(rune.ToString());
        }
        return builder.Append('…').ToString();
    }

    /// <summary>
    /// Word-wraps <paramref name="text"/> (its own line breaks kept) to <paramref name="width"/>; a word wider than the
    /// line is broken between characters. More than <paramref name="maxLines"/> lines end with an ellipsis.
    /// </summary>
    private List<string> Wrap(string? text, XFont font, double width, int maxLines)
    {
        var lines = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return lines;
        var space = gfx.MeasureString(" ", font).Width;
        foreach (var paragraph in Clean(text, MaxTextLength).Split('\n'))
        {
            var line = new StringBuilder();
            var used = 0.0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = gfx.MeasureString(word, font).Width;
                if (line.Length > 0 && used + space + w <= width)
                {
                    line.Append(' ').Append(word);
                    used += space + w;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    used = 0;
                }
                if (w <= width)
                {
                    line.Append(word);
                    used = w;
                    continue;
                }
                // A word wider than the column: break it wherever the line is full.
                foreach (var rune in word.EnumerateRunes())
                {
                    if (lines.Count > maxLines) break; // the rest would be cut anyway
                    var rw = gfx.MeasureString(rune.ToString(), font).Width;
                    if (used + rw > width && line.Length > 0)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        used = 0;
                    }
                    line.Append(rune.ToString());
                    used += rw;
                }
            }
            lines.Add(line.ToString());
            if (lines.Count > maxLines) break;
        }
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count > maxLines)
        {
            lines.RemoveRange(maxLines, lines.Count - maxLines);
            lines[^1] = Fit(lines[^1] + "…", font, width, gfx);
        }
        return lines;
    }

    /// <summary>Newlines normalised, tabs to spaces, control and format (bidi override, zero-width) characters dropped, length capped.</summary>
    internal static string Clean(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var rune in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').EnumerateRunes())
        {
            if (builder.Length >= maxLength) break;
            if (rune.Value == '\n' || rune.Value == '\t') builder.Append(rune.Value == '\t' ? ' ' : '\n');
            else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned) continue;
            else builder.Append(rune.ToString());
        }
        return builder.ToString();
    }
}
