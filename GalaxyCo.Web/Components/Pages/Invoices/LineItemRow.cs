using System.Globalization;
using GalaxyCo.Domain.Invoices;

namespace GalaxyCo.Web.Components.Pages.Invoices;

/// <summary>
/// One editable line as the person typed it. Numbers stay text until parsed so a half-typed "1." or a wrong "abc"
/// can be shown back with an error next to the field instead of being silently rounded away.
/// </summary>
public sealed class LineItemRow
{
    /// <summary>Stable identity for @key and focus, independent of the row's position.</summary>
    public Guid Key { get; } = Guid.NewGuid();

    public string Description { get; set; } = "";
    public string Quantity { get; set; } = "1";

    /// <summary>In major units of the invoice's currency (12.50 dollars, 1500 yen).</summary>
    public string UnitPrice { get; set; } = "";

    public string Discount { get; set; } = "";
    public string TaxRate { get; set; } = "";
    public Guid? TaskId { get; set; }

    /// <summary>A row the person never filled in (e.g. the one Enter just added): dropped on save, never an error.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(UnitPrice)
        && string.IsNullOrWhiteSpace(Discount) && string.IsNullOrWhiteSpace(TaxRate) && (string.IsNullOrWhiteSpace(Quantity) || Quantity.Trim() == "1");

    public static LineItemRow From(LineItemInput item, string currency) => new()
    {
        Description = item.Description,
        Quantity = Text(item.Quantity),
        UnitPrice = Currencies.ToMajor(item.UnitPrice, currency).ToString("0.############", CultureInfo.InvariantCulture),
        Discount = item.DiscountPercent == 0 ? "" : Text(item.DiscountPercent),
        TaxRate = item.TaxRatePercent == 0 ? "" : Text(item.TaxRatePercent),
        TaskId = item.TaskId,
    };

    private static string Text(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
