using System.Text;
using GalaxyCo.E2E.Infrastructure;
using Npgsql;

namespace GalaxyCo.E2E.Invoices;

/// <summary>
/// The invoice files over HTTP, as a signed-in member gets them: the PDF as an attachment and the CSV export of the
/// list. Another workspace's invoice answers 404 through either workspace, and neither file ever carries another
/// workspace's invoices.
/// </summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class InvoiceDownloadTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task PdfAndCsv_OtherWorkspacesInvoice_Answer404AndNeverLeak() => BrowserSession.RunAsync(app, output, async session =>
    {
        var b = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(b, app.Mail, "other-biller");
        var slugB = await People.CreateWorkspaceAsync(b, $"Other Bill {Guid.NewGuid().ToString("N")[..6]}");
        var invoiceB = await ArrangeInvoiceAsync(slugB, "Bravo Secret Customer", "INV-2026-0001", 77_700);

        var a = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(a, app.Mail, "biller");
        var slugA = await People.CreateWorkspaceAsync(a, $"Own Bill {Guid.NewGuid().ToString("N")[..6]}");
        var invoiceA = await ArrangeInvoiceAsync(slugA, "Alpha Customer", "INV-2026-0001", 12_345);

        // A's own PDF: an attachment named after the number.
        var pdf = await a.APIRequest.GetAsync($"/w/{slugA}/invoices/{invoiceA}.pdf");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"], StringComparison.Ordinal);
        Assert.StartsWith("attachment", pdf.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Contains("INV-2026-0001.pdf", pdf.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Contains("no-store", pdf.Headers["cache-control"], StringComparison.Ordinal);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(await pdf.BodyAsync(), 0, 4));

        // B's invoice: 404 through A's workspace and through B's (A is not a member there).
        Assert.Equal(404, (await a.APIRequest.GetAsync($"/w/{slugA}/invoices/{invoiceB}.pdf")).Status);
        var foreign = await a.APIRequest.GetAsync($"/w/{slugB}/invoices/{invoiceB}.pdf");
        Assert.Equal(404, foreign.Status);
        Assert.DoesNotContain("Bravo", await foreign.TextAsync(), StringComparison.Ordinal);

        // The CSV holds A's invoice only; a bad filter is a 400; B's workspace is a 404 for A.
        var csv = await a.APIRequest.GetAsync($"/w/{slugA}/invoices/export.csv?status=sent");
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        Assert.StartsWith("attachment", csv.Headers["content-disposition"], StringComparison.Ordinal);
        var text = await csv.TextAsync();
        Assert.Contains("INV-2026-0001,Sent,Alpha Customer,USD,", text, StringComparison.Ordinal);
        Assert.Contains("123.45", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bravo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("777.00", text, StringComparison.Ordinal);
        Assert.Equal(400, (await a.APIRequest.GetAsync($"/w/{slugA}/invoices/export.csv?status=bogus")).Status);
        Assert.Equal(404, (await a.APIRequest.GetAsync($"/w/{slugB}/invoices/export.csv")).Status);

        var csvB = await (await b.APIRequest.GetAsync($"/w/{slugB}/invoices/export.csv")).TextAsync();
        Assert.Contains("Bravo Secret Customer", csvB, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha Customer", csvB, StringComparison.Ordinal);
    });

    /// <summary>A customer and a sent invoice written straight to the database: the HTTP answers are what this test is about.</summary>
    private async Task<Guid> ArrangeInvoiceAsync(string slug, string customerName, string number, long total)
    {
        var customerId = Guid.CreateVersion7();
        var invoiceId = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(app.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into customers (id, workspace_id, name, email, status, tags, custom_fields, address)
            select @customer, w.id, @name, null, 'active', '{}', '{}'::jsonb, '{}'::jsonb from workspaces w where w.slug = @slug;
            insert into invoices (id, workspace_id, invoice_number, number_sequence, status, customer_id, subtotal, tax, total, amount_paid, currency, items,
                                  issue_date, due_date, sent_at)
            select @invoice, w.id, @number, 1, 'sent', @customer, @total, 0, @total, 0, 'USD',
                   jsonb_build_array(jsonb_build_object('description', 'Work', 'quantity', 1, 'unitPriceCents', @total, 'discountPercent', 0,
                                                        'taxRatePercent', 0, 'amount', @total, 'taxAmount', 0)),
                   now(), now() + interval '30 days', now()
            from workspaces w where w.slug = @slug;
            """, connection);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("invoice", invoiceId);
        command.Parameters.AddWithValue("name", customerName);
        command.Parameters.AddWithValue("number", number);
        command.Parameters.AddWithValue("total", total);
        command.Parameters.AddWithValue("slug", slug);
        Assert.Equal(2, await command.ExecuteNonQueryAsync());
        return invoiceId;
    }
}
