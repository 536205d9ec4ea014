using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Domain.Invoices;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Invoices;

/// <summary>How the invoice pages name statuses and print dates; a cancelled invoice reads "Void", as on its PDF.</summary>
public static class InvoiceFormat
{
    /// <summary>The list's tabs in order; null is "All".</summary>
    public static readonly IReadOnlyList<InvoiceStatus?> Tabs =
        [null, InvoiceStatus.Draft, InvoiceStatus.Sent, InvoiceStatus.Overdue, InvoiceStatus.Paid, InvoiceStatus.Cancelled];

    public static string Status(InvoiceStatus? status) => status switch
    {
        null => "All",
        InvoiceStatus.Draft => "Draft",
        InvoiceStatus.Sent => "Sent",
        InvoiceStatus.Overdue => "Overdue",
        InvoiceStatus.Paid => "Paid",
        InvoiceStatus.Cancelled => "Void",
        _ => status.Value.ToString(),
    };

    /// <summary>The name the list's query string and the CSV export use for a status.</summary>
    public static string Slug(InvoiceStatus? status) => status switch
    {
        null => "all",
        InvoiceStatus.Cancelled => "void",
        _ => status.Value.ToString().ToLowerInvariant(),
    };

    public static InvoiceStatus? ParseSlug(string? slug) => InvoiceFormat.Tabs.FirstOrDefault(t => string.Equals(Slug(t), slug, StringComparison.OrdinalIgnoreCase));

    public static Color StatusColor(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => Color.Default,
        InvoiceStatus.Sent => Color.Info,
        InvoiceStatus.Overdue => Color.Error,
        InvoiceStatus.Paid => Color.Success,
        _ => Color.Dark,
    };

    public static string Date(DateOnly? date) => date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ToDateOnly(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    public static DateTime? ToDateTime(DateOnly? value) => value?.ToDateTime(TimeOnly.MinValue);

    public static string Sort(InvoiceSort sort) => sort switch
    {
        InvoiceSort.IssueDateDesc => "Newest first",
        InvoiceSort.IssueDateAsc => "Oldest first",
        InvoiceSort.DueDateAsc => "Due soonest",
        InvoiceSort.TotalDesc => "Largest total",
        InvoiceSort.NumberDesc => "Number",
        _ => sort.ToString(),
    };

    /// <summary>The PDF's address (served by InvoiceEndpoints).</summary>
    public static string PdfHref(string slug, Guid id) => $"/w/{slug}/invoices/{id}.pdf";
}
