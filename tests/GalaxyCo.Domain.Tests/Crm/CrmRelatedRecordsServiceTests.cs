using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CrmRelatedRecordsServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task ListAsync_ForACustomer_GroupsItsContactsProspectsProjectsAndInvoices()
    {
        var w = await db.CreateWorkspaceAsync("Related Customer");
        await using var owner = await host.OwnerOfAsync(w);
        var customer = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Acme" }));
        var other = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Other" }));
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Ann", Email = "ann@acme.test", CustomerId = customer.Id }));
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "bob@other.test", CustomerId = other.Id }));
        var prospect = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Renewal", EstimatedValue = 900_00 }));
        await using (var ctx = host.Context(w.Id))
        {
            ctx.Prospects.Single(p => p.Id == prospect.Id).CustomerId = customer.Id;
            ctx.Projects.Add(new Project { Name = "Rollout", CustomerId = customer.Id, Status = ProjectStatus.InProgress, Budget = 10_000_00 });
            ctx.Invoices.Add(new Invoice { InvoiceNumber = "INV-7", CustomerId = customer.Id, Total = 1_250_00, Status = InvoiceStatus.Sent });
            ctx.Invoices.Add(new Invoice { InvoiceNumber = "INV-8", CustomerId = other.Id, Total = 1 });
            await ctx.SaveChangesAsync();
        }

        var related = CrmAssert.Ok(await owner.Related.ListAsync(CrmRecordType.Customer, customer.Id));

        Assert.Equal("Ann", Assert.Single(related.Of(RelatedKind.Contact)!.Items).Title);
        var p = Assert.Single(related.Of(RelatedKind.Prospect)!.Items);
        Assert.Equal(("Renewal", (long?)900_00), (p.Title, p.AmountCents));
        Assert.Equal(("Rollout", "InProgress"), (Assert.Single(related.Of(RelatedKind.Project)!.Items).Title, related.Of(RelatedKind.Project)!.Items[0].Status));
        var invoice = Assert.Single(related.Of(RelatedKind.Invoice)!.Items);
        Assert.Equal(("INV-7", (long?)1_250_00, "Sent"), (invoice.Title, invoice.AmountCents, invoice.Status));
    }

    [Fact]
    public async Task ListAsync_ForAContactOrConvertedProspect_ShowsItsCustomer()
    {
        var w = await db.CreateWorkspaceAsync("Related Contact");
        await using var owner = await host.OwnerOfAsync(w);
        var prospect = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Pat", Email = "pat@globex.test", Company = "Globex" }));
        var conversion = CrmAssert.Ok(await owner.Conversion.ConvertToCustomerAsync(prospect.Id));
        var loose = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "solo@x.test" }));

        Assert.Equal(conversion.CustomerId, Assert.Single(CrmAssert.Ok(await owner.Related.ListAsync(CrmRecordType.Prospect, prospect.Id)).Of(RelatedKind.Customer)!.Items).Id);
        Assert.Equal("Globex", Assert.Single(CrmAssert.Ok(await owner.Related.ListAsync(CrmRecordType.Contact, conversion.ContactId!.Value)).Of(RelatedKind.Customer)!.Items).Title);
        Assert.Empty(CrmAssert.Ok(await owner.Related.ListAsync(CrmRecordType.Contact, loose.Id)).Groups);
    }

    [Fact]
    public async Task ListAsync_AnotherWorkspacesRecord_AnswersNotFound_AndViewerCanRead()
    {
        var a = await db.CreateWorkspaceAsync("Related Tenancy A");
        var b = await db.CreateWorkspaceAsync("Related Tenancy B");
        var viewer = await db.AddMemberAsync(a, UserRole.Viewer);
        await using var ownerA = await host.OwnerOfAsync(a);
        await using var ownerB = await host.OwnerOfAsync(b);
        var mine = CrmAssert.Ok(await ownerA.Customers.CreateAsync(new CustomerInput { Name = "Mine" }));
        var theirs = CrmAssert.Ok(await ownerB.Customers.CreateAsync(new CustomerInput { Name = "Theirs" }));
        CrmAssert.Ok(await ownerB.Contacts.CreateAsync(new ContactInput { Email = "x@theirs.test", CustomerId = theirs.Id }));

        Assert.Equal(ResultStatus.NotFound, (await ownerA.Related.ListAsync(CrmRecordType.Customer, theirs.Id)).Status);
        await using var reader = await host.ActAsync(a.Slug, viewer.UserId);
        Assert.True((await reader.Related.ListAsync(CrmRecordType.Customer, mine.Id)).Succeeded);
    }
}
