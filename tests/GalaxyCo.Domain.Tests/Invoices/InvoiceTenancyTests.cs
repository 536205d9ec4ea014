using GalaxyCo.Data;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Invoices.InvoiceTestData;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoiceTenancyTests(PostgresDatabase db)
{
    [Fact]
    public async Task Services_AnotherWorkspacesIds_AnswerNotFoundOrFieldErrorAndListNeverShowsThem()
    {
        using var host = new InvoiceHost(db);
        var mine = await db.CreateWorkspaceAsync("Tenancy Mine");
        var theirs = await db.CreateWorkspaceAsync("Tenancy Theirs");
        var myCustomer = await host.CustomerAsync(mine, "Shared Name Co");
        var theirCustomer = await host.CustomerAsync(theirs, "Shared Name Co");
        var theirProject = await host.ProjectAsync(theirs, "Their Project", theirCustomer);
        InvoiceView theirSent, theirDraft;
        await using (var them = await host.OwnerOfAsync(theirs))
        {
            theirSent = await SentAsync(them, Draft(theirCustomer, host.Today));
            theirDraft = Ok(await them.Invoices.CreateAsync(Draft(theirCustomer, host.Today)));
            Ok(await them.Payments.RecordAsync(theirSent.Id, new PaymentInput(100, host.Today, PaymentMethods.Cash)));
        }
        var theirPayment = await host.ReadAsync(theirs.Id, c => c.InvoicePayments.Select(p => p.Id).SingleAsync());

        await using var me = await host.OwnerOfAsync(mine);
        var borrowed = await me.Invoices.CreateAsync(Draft(theirCustomer, host.Today));
        Assert.Equal(ResultStatus.Invalid, borrowed.Status);
        Assert.Equal("That customer was not found.", borrowed.ErrorFor("customerId"));
        Assert.NotNull((await me.Invoices.CreateAsync(Draft(myCustomer, host.Today) with { ProjectId = theirProject })).ErrorFor("projectId"));

        Assert.Equal(ResultStatus.NotFound, (await me.Invoices.GetAsync(theirSent.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Invoices.UpdateAsync(theirDraft.Id, Draft(myCustomer, host.Today), theirDraft.Version)).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Invoices.DeleteAsync(theirDraft.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Invoices.SendAsync(theirDraft.Id, theirDraft.Version)).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Invoices.CancelAsync(theirSent.Id, theirSent.Version)).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Invoices.DraftFromInvoiceAsync(theirSent.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Invoices.DraftFromProjectAsync(theirProject)).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Invoices.NewDraftAsync(theirCustomer)).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Payments.RecordAsync(theirSent.Id, new PaymentInput(1, host.Today, PaymentMethods.Cash))).Status);
        Assert.Equal(ResultStatus.NotFound, (await me.Payments.ReverseAsync(theirSent.Id, theirPayment, null)).Status);

        Ok(await me.Invoices.CreateAsync(Draft(myCustomer, host.Today)));
        var list = Ok(await me.Invoices.ListAsync(new InvoiceQuery { Search = "shared" }));
        Assert.Equal(1, list.Total);
        Assert.Equal(myCustomer, Assert.Single(list.Items).CustomerId);
        Assert.Empty(Ok(await me.Invoices.ListAsync(new InvoiceQuery { Search = "INV-" })).Items);
        Assert.Empty(Ok(await me.Invoices.ListAsync(new InvoiceQuery { Search = theirSent.Number })).Items);
        Assert.Empty(Ok(await me.Invoices.ListAsync(new InvoiceQuery { CustomerId = theirCustomer })).Items);

        // Their invoice is untouched, and my first send is number 1 whatever they numbered.
        var mySent = await SentAsync(me, Draft(myCustomer, host.Today));
        Assert.Equal(theirSent.Number, mySent.Number);
        Assert.Equal(InvoiceStatus.Sent, await host.ReadAsync(theirs.Id, c => c.Invoices.Where(i => i.Id == theirSent.Id).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task Permissions_ViewerReadsMemberNeedsBillingFlagAdminMayBill()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Billing Flag");
        var customer = await host.CustomerAsync(w, "Flag Co");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        var plain = await host.MemberAsync(w, UserRole.Member, billing: false);
        var biller = await host.MemberAsync(w, UserRole.Member, billing: true);
        var admin = await db.AddMemberAsync(w, UserRole.Admin);
        InvoiceView sent;
        await using (var owner = await host.OwnerOfAsync(w)) sent = await SentAsync(owner, Draft(customer, host.Today));

        Assert.False(Permissions.Grants(UserRole.Member, new Dictionary<string, bool>(), Permissions.InvoicesSend));
        Assert.Equal("Billing: create and send invoices, record payments", Permissions.Describe(Permissions.InvoicesSend));

        await using (var v = await host.ActAsync(w.Slug, viewer.UserId))
        {
            var read = Ok(await v.Invoices.GetAsync(sent.Id));
            Assert.False(read.CanRecordPayment || read.CanCancel);
            Assert.Equal(1, Ok(await v.Invoices.ListAsync(new InvoiceQuery())).Total);
            Ok(await v.Settings.GetAsync());
            Assert.Equal(ResultStatus.Forbidden, (await v.Invoices.CreateAsync(Draft(customer, host.Today))).Status);
            Assert.Equal(ResultStatus.Forbidden, (await v.Payments.RecordAsync(sent.Id, new PaymentInput(1, host.Today, PaymentMethods.Cash))).Status);
        }
        await using (var p = await host.ActAsync(w.Slug, plain.UserId))
        {
            Ok(await p.Invoices.GetAsync(sent.Id));
            Assert.Equal(ResultStatus.Forbidden, (await p.Invoices.CreateAsync(Draft(customer, host.Today))).Status);
            Assert.Equal(ResultStatus.Forbidden, (await p.Invoices.NewDraftAsync()).Status);
            Assert.Equal(ResultStatus.Forbidden, (await p.Invoices.CancelAsync(sent.Id, sent.Version)).Status);
            Assert.Equal(ResultStatus.Forbidden, (await p.Payments.RecordAsync(sent.Id, new PaymentInput(1, host.Today, PaymentMethods.Cash))).Status);
            Assert.Equal(ResultStatus.Forbidden, (await p.Settings.SaveAsync(new InvoiceSettingsView())).Status);
        }
        await using (var b = await host.ActAsync(w.Slug, biller.UserId))
        {
            var mine = await SentAsync(b, Draft(customer, host.Today));
            Assert.True(mine.CanRecordPayment);
            Ok(await b.Payments.RecordAsync(sent.Id, new PaymentInput(1, host.Today, PaymentMethods.Cash)));
        }
        await using (var a = await host.ActAsync(w.Slug, admin.UserId))
        {
            Ok(await a.Invoices.CreateAsync(Draft(customer, host.Today)));
        }
    }
}
