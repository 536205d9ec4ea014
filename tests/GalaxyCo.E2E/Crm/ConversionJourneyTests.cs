using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;
using Npgsql;

namespace GalaxyCo.E2E.Crm;

[Collection(GalaxyAppCollection.Name)]
public sealed class ConversionJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task OpenWonProspect_ConvertToCustomer_LandOnCustomerWithProspectAndConversion() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(page, app.Mail, "seller");
        var slug = await People.CreateWorkspaceAsync(page, $"Convert Co {Guid.NewGuid().ToString("N")[..6]}");
        var prospectId = await ArrangeWonProspectAsync(slug, "Pat Smith", "pat@globex.example", "Globex");

        // Open the prospect, note something, then convert it.
        await page.GotoInteractiveAsync($"/w/{slug}/crm/prospects/{prospectId}");
        await Expect(page.ByTestId("value-name")).ToContainTextAsync("Pat Smith");
        await Expect(page.ByTestId("prospect-stage")).ToHaveTextAsync("Won");
        await page.Locator("textarea[data-testid=composer-body]").FillAsync("Signed the order form");
        await page.Locator("textarea[data-testid=composer-body]").PressAsync("Control+Enter");
        await Expect(page.ByTestId("timeline-list")).ToContainTextAsync("Signed the order form");

        await page.ByTestId("convert-button").ClickAsync();
        await Expect(page.ByTestId("convert-confirm")).ToBeEnabledAsync();
        await page.ByTestId("convert-confirm").ClickAsync();

        // Lands on the new customer: the prospect among its related records, the conversion on its timeline.
        await page.WaitForURLAsync(new Regex($"/w/{Regex.Escape(slug)}/crm/customers/[0-9a-f-]{{36}}$"));
        await Expect(page.ByTestId("value-name")).ToContainTextAsync("Globex");
        await Expect(page.ByTestId("related-prospect")).ToContainTextAsync("Pat Smith");
        await Expect(page.ByTestId("related-contact")).ToContainTextAsync("Pat Smith");
        await Expect(page.Locator("[data-testid=timeline-entry][data-kind=conversion]")).ToContainTextAsync("Created from a prospect");

        // Back on the prospect: it is marked converted and keeps its history, with the conversion on top of it.
        await page.ByTestId("related-prospect").Locator("[data-testid=related-link]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/crm/prospects/{prospectId}$"));
        await Expect(page.ByTestId("converted-chip")).ToBeVisibleAsync();
        await Expect(page.ByTestId("convert-button")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("timeline-list")).ToContainTextAsync("Signed the order form");
        await Expect(page.Locator("[data-testid=timeline-entry][data-kind=conversion]")).ToContainTextAsync("Converted to a customer");
    });

    /// <summary>
    /// A won prospect in the workspace, written straight to the database as arrangement: creating prospects has its own
    /// tests; this journey is about the detail page and conversion.
    /// </summary>
    private async Task<Guid> ArrangeWonProspectAsync(string slug, string name, string email, string company)
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(app.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into prospects (id, workspace_id, name, email, company, stage, position, tags, custom_fields, converted_to_customer, estimated_value)
            select @id, w.id, @name, @email, @company, 'won', 1024, '{}', '{}'::jsonb, false, 1200000 from workspaces w where w.slug = @slug
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("company", company);
        command.Parameters.AddWithValue("slug", slug);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return id;
    }
}
