using AngleSharp.Dom;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Web.Components.Pages.Invoices;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;

namespace GalaxyCo.Web.Tests.Invoices;

/// <summary>The line-item editor alone: it needs no database, only MudBlazor and the shared invoice arithmetic.</summary>
public sealed class LineItemEditorTests : IAsyncDisposable
{
    private readonly BunitContext ctx = new();

    public LineItemEditorTests()
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
    }

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private IRenderedComponent<LineItemEditor> Render(List<LineItemRow> rows, string currency = "USD", IReadOnlyDictionary<string, string>? serverErrors = null, Action? changed = null) =>
        ctx.Render<LineItemEditor>(p => p.Add(x => x.Rows, rows).Add(x => x.Currency, currency)
            .Add(x => x.ServerErrors, serverErrors ?? new Dictionary<string, string>())
            .Add(x => x.OnChange, EventCallback.Factory.Create(this, () => changed?.Invoke())));

    private static IElement Field(IRenderedComponent<LineItemEditor> cut, int row, string name) =>
        cut.FindAll("[data-testid=line-row]")[row].QuerySelector($"[data-testid=line-{name}]")!.InputOf();

    private static async Task TypeAsync(IRenderedComponent<LineItemEditor> cut, int row, string name, string value) =>
        await Field(cut, row, name).InputAsync(new ChangeEventArgs { Value = value });

    private static string ErrorNextTo(IRenderedComponent<LineItemEditor> cut, int row, string name) =>
        Field(cut, row, name).Closest(".mud-input-control")!.TextContent;

    private static string Text(IRenderedComponent<LineItemEditor> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void Render_NoRows_StartsWithOneEmptyRowAndZeroTotals()
    {
        var rows = new List<LineItemRow>();
        var cut = Render(rows);

        Assert.Single(cut.FindAll("[data-testid=line-row]"));
        Assert.Single(rows);
        Assert.Equal("USD 0.00", Text(cut, "total-total"));
    }

    [Fact]
    public async Task AddAndRemove_Click_ChangesTheRowsAndReportsEachEdit()
    {
        var rows = new List<LineItemRow> { new() { Description = "Design", UnitPrice = "100" } };
        var edits = 0;
        var cut = Render(rows, changed: () => edits++);

        await cut.Find("[data-testid=line-add]").ClickAsync();
        await cut.Find("[data-testid=line-add]").ClickAsync();
        Assert.Equal(3, cut.FindAll("[data-testid=line-row]").Count);
        Assert.Equal(3, rows.Count);

        await cut.FindAll("[data-testid=line-remove]")[0].ClickAsync();
        Assert.Equal(2, cut.FindAll("[data-testid=line-row]").Count);
        Assert.DoesNotContain(rows, r => r.Description == "Design");
        Assert.Equal(3, edits);
    }

    [Fact]
    public async Task Type_TwoLines_TotalsUpdateAndMatchInvoiceMath()
    {
        var rows = new List<LineItemRow>();
        var cut = Render(rows);

        await TypeAsync(cut, 0, "description", "Consulting");
        await TypeAsync(cut, 0, "quantity", "2.5");
        await TypeAsync(cut, 0, "price", "19.99");
        await TypeAsync(cut, 0, "discount", "10");
        await TypeAsync(cut, 0, "tax", "8.25");
        await cut.Find("[data-testid=line-add]").ClickAsync();
        await TypeAsync(cut, 1, "description", "Hosting");
        await TypeAsync(cut, 1, "quantity", "3");
        await TypeAsync(cut, 1, "price", "33.33");
        await TypeAsync(cut, 1, "tax", "8.25");

        var first = InvoiceMath.Line(2.5m, 1999, 10m, 8.25m);
        var second = InvoiceMath.Line(3m, 3333, 0m, 8.25m);
        Assert.Equal(4498, first.Amount); // 2.5 x 19.99 x 0.9 = 44.9775 -> 44.98, half away from zero
        Assert.Equal(Currencies.Format(first.Amount, "USD"), cut.FindAll("[data-testid=line-amount]")[0].TextContent.Trim());
        Assert.Equal(Currencies.Format(second.Amount, "USD"), cut.FindAll("[data-testid=line-amount]")[1].TextContent.Trim());
        Assert.Equal(Currencies.Format(first.Amount + second.Amount, "USD"), Text(cut, "total-subtotal"));
        Assert.Equal(Currencies.Format(first.Tax + second.Tax, "USD"), Text(cut, "total-tax"));
        Assert.Equal(Currencies.Format(first.Amount + second.Amount + first.Tax + second.Tax, "USD"), Text(cut, "total-total"));
        Assert.Contains("Tax 8.25%", Text(cut, "total-tax-rate"), StringComparison.Ordinal);

        // What the page would send is exactly what the totals were computed from.
        var inputs = LineItemForm.ToInputs(rows, "USD");
        Assert.Equal([new LineItemInput("Consulting", 2.5m, 1999, 10m, 8.25m), new LineItemInput("Hosting", 3m, 3333, 0m, 8.25m)], inputs);
    }

    [Fact]
    public async Task Type_ZeroDecimalCurrency_TotalsInWholeYenAndDecimalsRefused()
    {
        var rows = new List<LineItemRow>();
        var cut = Render(rows, "JPY");

        await TypeAsync(cut, 0, "description", "Workshop");
        await TypeAsync(cut, 0, "quantity", "1.5");
        await TypeAsync(cut, 0, "price", "1235");
        await TypeAsync(cut, 0, "tax", "10");

        var (amount, tax) = InvoiceMath.Line(1.5m, 1235, 0m, 10m);
        Assert.Equal(1853, amount); // 1852.5 yen rounds half away from zero
        Assert.Equal("JPY 1,853", Text(cut, "total-subtotal"));
        Assert.Equal(Currencies.Format(tax, "JPY"), Text(cut, "total-tax"));
        Assert.Equal(Currencies.Format(amount + tax, "JPY"), Text(cut, "total-total"));

        await TypeAsync(cut, 0, "price", "1235.5");
        Assert.Contains("JPY has no decimals.", ErrorNextTo(cut, 0, "price"), StringComparison.Ordinal);
        Assert.Equal("JPY 0", Text(cut, "total-total"));
    }

    [Theory]
    [InlineData("1.2345", "Use at most 3 decimals.")]
    [InlineData("0", "The quantity must be more than 0.")]
    [InlineData("lots", "Enter a quantity like 1 or 2.5.")]
    public async Task Type_InvalidQuantity_ShowsTheErrorNextToTheQuantity(string quantity, string error)
    {
        var cut = Render([new LineItemRow { Description = "Design", UnitPrice = "100" }]);

        await TypeAsync(cut, 0, "quantity", quantity);

        Assert.Contains(error, ErrorNextTo(cut, 0, "quantity"), StringComparison.Ordinal);
        Assert.DoesNotContain(error, ErrorNextTo(cut, 0, "price"), StringComparison.Ordinal);
        Assert.Equal("—", cut.Find("[data-testid=line-amount]").TextContent.Trim());

        await TypeAsync(cut, 0, "quantity", "1.125");
        Assert.DoesNotContain(error, ErrorNextTo(cut, 0, "quantity"), StringComparison.Ordinal);
        Assert.Equal("USD 112.50", Text(cut, "total-total"));
    }

    [Fact]
    public async Task KeyDown_EnterInTheLastRow_AddsARow_ButNotInAnEarlierOne()
    {
        var rows = new List<LineItemRow> { new() { Description = "A", UnitPrice = "1" }, new() { Description = "B", UnitPrice = "2" } };
        var cut = Render(rows);

        await Field(cut, 0, "price").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(2, cut.FindAll("[data-testid=line-row]").Count);

        await Field(cut, 1, "price").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(3, cut.FindAll("[data-testid=line-row]").Count);
        Assert.True(rows[2].IsBlank);

        await Field(cut, 2, "description").KeyDownAsync(new KeyboardEventArgs { Key = "Tab" });
        Assert.Equal(3, cut.FindAll("[data-testid=line-row]").Count);
    }

    [Fact]
    public async Task MoveDown_Click_SwapsTheRows()
    {
        var rows = new List<LineItemRow> { new() { Description = "First", UnitPrice = "1" }, new() { Description = "Second", UnitPrice = "2" } };
        var cut = Render(rows);

        await cut.FindAll("[data-testid=line-down]")[0].ClickAsync();

        Assert.Equal(["Second", "First"], rows.Select(r => r.Description));
        Assert.Equal("Second", Field(cut, 0, "description").GetAttribute("value"));
    }

    [Fact]
    public async Task Render_ServerErrors_ShowNextToTheirFieldUntilEdited()
    {
        var rows = new List<LineItemRow> { new() { Description = "A", UnitPrice = "1" }, new() { Description = "B", UnitPrice = "2" } };
        var cut = Render(rows, serverErrors: new Dictionary<string, string> { ["items[1].quantity"] = "Too many for one line." });

        Assert.Contains("Too many for one line.", ErrorNextTo(cut, 1, "quantity"), StringComparison.Ordinal);
        Assert.DoesNotContain("Too many", ErrorNextTo(cut, 0, "quantity"), StringComparison.Ordinal);

        await TypeAsync(cut, 1, "quantity", "2");
        Assert.DoesNotContain("Too many", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlankRowsOnly_AsksForALineAndKeepsBlankRowsOutOfTheInput()
    {
        var errors = LineItemForm.Validate([new LineItemRow(), new LineItemRow()], "USD");
        Assert.Equal("Add at least one line.", errors["items"]);

        List<LineItemRow> rows = [new() { Description = "Real", Quantity = "2", UnitPrice = "1.005" }, new()];
        Assert.Equal("USD allows at most 2 decimals.", LineItemForm.Validate(rows, "USD")["items[0].unitPrice"]);
        rows[0].UnitPrice = "1.50";
        Assert.Empty(LineItemForm.Validate(rows, "USD"));
        Assert.Equal([new LineItemInput("Real", 2m, 150)], LineItemForm.ToInputs(rows, "USD"));
    }
}
