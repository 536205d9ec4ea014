using System.Text;
using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;
using Npgsql;

namespace GalaxyCo.E2E.Invoices;

/// <summary>
/// Invoicing in a real browser: a two-line draft typed in the line editor (totals live), sent to the customer's email,
/// paid in two parts (partial, then the balance the dialog proposes) until it reads Paid, and its PDF downloaded.
/// </summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class InvoiceJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task CreateSendPayTwice_DownloadPdf_InvoiceEndsPaid() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        var email = await People.NewSignedInPersonAsync(page, app.Mail, "biller");
        var slug = await People.CreateWorkspaceAsync(page, $"Bill Co {Guid.NewGuid().ToString("N")[..6]}");
        var customerEmail = People.NewEmail("accounts");
        var customerId = await ArrangeCustomerAsync(slug, "Acme Rockets", customerEmail);

        // A draft for Acme: two lines, the second started with Enter in the first; totals follow as they are typed.
        await page.GotoInteractiveAsync($"/w/{slug}/invoices/new?customer={customerId}");
        await Expect(page.ByTestId("invoice-editor")).ToBeVisibleAsync();
        await Expect(page.InputByTestId("invoice-customer")).ToHaveValueAsync("Acme Rockets");
        var rows = page.ByTestId("line-row");
        await Expect(rows).ToHaveCountAsync(1);
        await LineInput(rows.Nth(0), "line-description").FillAsync("Design work");
        await LineInput(rows.Nth(0), "line-quantity").FillAsync("2");
        await LineInput(rows.Nth(0), "line-price").FillAsync("150");
        await LineInput(rows.Nth(0), "line-tax").FillAsync("10");
        await Expect(rows.Nth(0).Locator("[data-testid=line-amount]")).ToHaveTextAsync("USD 300.00");
        await LineInput(rows.Nth(0), "line-tax").PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(2);
        await LineInput(rows.Nth(1), "line-description").FillAsync("Hosting, March");
        await LineInput(rows.Nth(1), "line-quantity").FillAsync("1");
        await LineInput(rows.Nth(1), "line-price").FillAsync("49.99");
        await Expect(page.ByTestId("total-subtotal")).ToHaveTextAsync("USD 349.99");
        await Expect(page.ByTestId("total-tax")).ToHaveTextAsync("USD 30.00");
        await Expect(page.ByTestId("total-total")).ToHaveTextAsync("USD 379.99");
        await page.ByTestId("invoice-save").ClickAsync();

        await page.WaitForURLAsync(new Regex($"/w/{Regex.Escape(slug)}/invoices/[0-9a-f-]{{36}}$"));
        var invoiceId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        await Expect(page.ByTestId("invoice-status")).ToHaveTextAsync("Draft");
        await Expect(page.ByTestId("invoice-line")).ToHaveCountAsync(2);
        await Expect(page.ByTestId("total-total")).ToHaveTextAsync("USD 379.99");

        // Send: the confirmation names the customer's address; the invoice gets its number.
        await page.ByTestId("invoice-send").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync(customerEmail);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.ByTestId("invoice-status")).ToHaveTextAsync("Sent");
        await Expect(page.ByTestId("invoice-number")).ToHaveTextAsync(new Regex(@"^INV-\d{4}-0001$"));
        await Expect(page.ByTestId("total-balance")).ToHaveTextAsync("USD 379.99");

        // A partial payment leaves it sent with the rest owed.
        await page.ByTestId("invoice-record-payment").ClickAsync();
        await Expect(page.InputByTestId("payment-amount-input")).ToHaveValueAsync("379.99");
        await page.InputByTestId("payment-amount-input").FillAsync("100");
        await page.InputByTestId("payment-reference").FillAsync("WIRE-1");
        await page.ByTestId("payment-save").ClickAsync();
        await Expect(page.ByTestId("payment-row")).ToHaveCountAsync(1);
        await Expect(page.ByTestId("invoice-status")).ToHaveTextAsync("Sent");
        await Expect(page.ByTestId("total-paid")).ToHaveTextAsync("USD 100.00");
        await Expect(page.ByTestId("total-balance")).ToHaveTextAsync("USD 279.99");

        // The second payment takes the proposed balance: paid in full.
        await page.ByTestId("invoice-record-payment").ClickAsync();
        await Expect(page.InputByTestId("payment-amount-input")).ToHaveValueAsync("279.99");
        await page.ByTestId("payment-save").ClickAsync();
        await Expect(page.ByTestId("invoice-status")).ToHaveTextAsync("Paid");
        await Expect(page.ByTestId("payment-row")).ToHaveCountAsync(2);
        await Expect(page.ByTestId("total-balance")).ToHaveTextAsync("USD 0.00");
        await Expect(page.ByTestId("invoice-record-payment")).ToHaveCountAsync(0);

        // The PDF link on the page answers a real PDF.
        var href = await page.ByTestId("invoice-pdf").GetAttributeAsync("href");
        Assert.Equal($"/w/{slug}/invoices/{invoiceId}.pdf", href);
        var pdf = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"], StringComparison.Ordinal);
        var body = await pdf.BodyAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(body, 0, 4));

        // The list shows it under Paid with its PDF link.
        await page.GotoInteractiveAsync($"/w/{slug}/invoices");
        await Expect(page.ByTestId("invoice-status")).ToHaveTextAsync("Paid");
        await page.ByTestId("tab-paid").ClickAsync();
        await Expect(page.ByTestId("invoice-link")).ToHaveCountAsync(1);
        await Expect(page.ByTestId("invoice-pdf")).ToHaveCountAsync(1);

        // Reports: nothing owed any more, this month's revenue charted; settings preview the next number.
        await page.GotoInteractiveAsync($"/w/{slug}/invoices/reports");
        await Expect(page.ByTestId("aging-empty")).ToBeVisibleAsync();
        await Expect(page.ByTestId("revenue-chart").Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.ByTestId("revenue-chart")).ToContainTextAsync("USD 379.99 over 12 months");
        await page.GotoInteractiveAsync($"/w/{slug}/invoices/settings");
        await Expect(page.ByTestId("settings-preview")).ToHaveTextAsync(new Regex(@"^INV-\d{4}-0002$"));
        await page.InputByTestId("settings-prefix").FillAsync("ACME-");
        await Expect(page.ByTestId("settings-preview")).ToHaveTextAsync(new Regex(@"^ACME-\d{4}-0002$"));

        // On a phone the list, the invoice and the editor fit the width (tables stack, lines become cards).
        var phone = await session.NewPageAsync(390, 844);
        await People.SignInAsync(phone, email);
        foreach (var path in new[] { $"/w/{slug}/invoices", $"/w/{slug}/invoices/{invoiceId}", $"/w/{slug}/invoices/new?from={invoiceId}" })
        {
            await phone.GotoInteractiveAsync(path);
            await Expect(phone.Locator("h1").First).ToBeVisibleAsync();
            await Expect(phone.Locator("[aria-busy=true]")).ToHaveCountAsync(0);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{path} scrolls sideways on a 390 px wide phone.");
        }
        await Expect(phone.ByTestId("line-row")).ToHaveCountAsync(2); // the duplicate carries both lines
    });

    private static ILocator LineInput(ILocator row, string testId) =>
        row.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    /// <summary>A customer written straight to the database as arrangement: invoicing, not the CRM, is under test.</summary>
    private async Task<Guid> ArrangeCustomerAsync(string slug, string name, string email)
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(app.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into customers (id, workspace_id, name, email, status, tags, custom_fields, address)
            select @id, w.id, @name, @email, 'active', '{}', '{}'::jsonb, '{}'::jsonb from workspaces w where w.slug = @slug
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("slug", slug);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return id;
    }
}
