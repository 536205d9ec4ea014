using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using MimeKit;
using static GalaxyCo.Domain.Tests.Invoices.InvoicePdfTestHost;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoiceMailerTests(PostgresDatabase db)
{
    [Fact]
    public async Task MailAsync_SmtpConfigured_DeliversPdfToCustomerThroughLoopbackServer()
    {
        await using var smtp = new LoopbackSmtpServer();
        using var host = new InvoicePdfTestHost(db, smtpPort: smtp.Port);
        var w = await db.CreateWorkspaceAsync("Mail Smtp");
        await host.SettingsAsync(w, s => s.BusinessName = "Acme Widgets");
        var customer = await host.CustomerAsync(w, "Globex", "ap@globex.test");
        var invoice = await host.InvoiceAsync(w, customer, InvoiceStatus.Sent, [Line("Consulting", 150_000, 10)], due: new DateOnly(2026, 7, 1));

        await using var a = await host.OwnerOfAsync(w);
        var result = await a.Mailer.MailAsync(invoice.Id);

        Assert.True(result.Succeeded, result.Message);
        var message = Assert.Single(smtp.Received);
        Assert.Equal("ap@globex.test", message.To.Mailboxes.Single().Address);
        Assert.Equal($"Invoice {invoice.InvoiceNumber} from Acme Widgets", message.Subject);
        Assert.Contains("USD 1,650.00", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("July 1, 2026", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("USD 1,650.00", message.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal($"{invoice.InvoiceNumber}.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        var text = string.Join(" ", PdfPages(pdf.ToArray()));
        Assert.Contains(invoice.InvoiceNumber, text, StringComparison.Ordinal);
        Assert.Contains("USD 1,650.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailAsync_CustomerWithoutEmail_UsesContactsEmailInOutbox()
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Mail Contact");
        var customer = await host.CustomerAsync(w, "Contact Only Ltd");
        await host.ContactAsync(w, customer, "billing@contact-only.test");
        var invoice = await host.InvoiceAsync(w, customer, InvoiceStatus.Sent, [Line("Work", 1_000)]);

        await using var a = await host.OwnerOfAsync(w);
        Assert.True((await a.Mailer.MailAsync(invoice.Id)).Succeeded);

        var file = Assert.Single(Directory.GetFiles(host.MailFolder, "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("billing@contact-only.test", message.To.Mailboxes.Single().Address);
        Assert.Single(message.Attachments);
    }

    [Fact]
    public async Task MailAsync_NoEmailAnywhere_Invalid()
    {
        using var host = new InvoicePdfTestHost(db);
        var w = await db.CreateWorkspaceAsync("Mail None");
        var customer = await host.CustomerAsync(w, "Silent Co");
        var invoice = await host.InvoiceAsync(w, customer, InvoiceStatus.Sent, [Line("Work", 1_000)]);

        await using var a = await host.OwnerOfAsync(w);
        var result = await a.Mailer.MailAsync(invoice.Id);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.NotNull(result.ErrorFor("customerEmail"));
        Assert.Empty(Directory.GetFiles(host.MailFolder, "*.eml"));
    }

    [Fact]
    public async Task MailAsync_AnotherWorkspacesInvoiceOrViewer_NotFoundOrForbidden()
    {
        using var host = new InvoicePdfTestHost(db);
        var mine = await db.CreateWorkspaceAsync("Mail Mine");
        var theirs = await db.CreateWorkspaceAsync("Mail Theirs");
        var viewer = await db.AddMemberAsync(mine, UserRole.Viewer);
        var theirCustomer = await host.CustomerAsync(theirs, "Theirs", "x@theirs.test");
        var theirInvoice = await host.InvoiceAsync(theirs, theirCustomer, InvoiceStatus.Sent, [Line("Work", 1_000)]);
        var myCustomer = await host.CustomerAsync(mine, "Mine", "x@mine.test");
        var myInvoice = await host.InvoiceAsync(mine, myCustomer, InvoiceStatus.Sent, [Line("Work", 1_000)]);

        await using (var owner = await host.OwnerOfAsync(mine))
            Assert.Equal(ResultStatus.NotFound, (await owner.Mailer.MailAsync(theirInvoice.Id)).Status);
        await using (var v = await host.ActAsync(mine.Slug, viewer.UserId))
            Assert.Equal(ResultStatus.Forbidden, (await v.Mailer.MailAsync(myInvoice.Id)).Status);
        Assert.Empty(Directory.GetFiles(host.MailFolder, "*.eml"));
    }
}
