using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class ProspectConversionServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    private static ProspectInput Pat(string email = "pat@globex.test") => new()
    {
        Name = "Pat Smith Jones", Email = email, Company = "Globex", Phone = "+1 555 0100", Title = "CTO",
        Stage = ProspectStage.Negotiation, EstimatedValue = 12_000_00, Tags = ["hot"],
    };

    [Fact]
    public async Task ConvertToCustomerAsync_WithEmail_CreatesCustomerAndContact_AndMarksProspectWon()
    {
        var w = await db.CreateWorkspaceAsync("Convert Email");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Pat() with { AssignedTo = w.OwnerUserId }));

        var conversion = CrmAssert.Ok(await owner.Conversion.ConvertToCustomerAsync(p.Id));

        var customer = CrmAssert.Ok(await owner.Customers.GetAsync(conversion.CustomerId));
        Assert.Equal(("Globex", "pat@globex.test", CustomerStatus.Active, (Guid?)w.OwnerUserId), (customer.Name, customer.Email, customer.Status, customer.AssignedTo));
        var contact = CrmAssert.Ok(await owner.Contacts.GetAsync(conversion.ContactId!.Value));
        Assert.Equal(("Pat", "Smith Jones", "pat@globex.test", "CTO", (Guid?)customer.Id), (contact.FirstName, contact.LastName, contact.Email, contact.Title, contact.CustomerId));
        var prospect = CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id));
        Assert.Equal((true, (Guid?)customer.Id, ProspectStage.Won), (prospect.ConvertedToCustomer, prospect.CustomerId, prospect.Stage));
        var events = await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.Where(m => m.EventType.StartsWith("prospect.") && m.EventType != "prospect.created").Select(m => m.EventType).ToListAsync());
        Assert.Equal([ProspectEvents.Converted, ProspectEvents.StageChanged], events.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConvertToCustomerAsync_WithoutEmail_CreatesOnlyTheCustomer()
    {
        var w = await db.CreateWorkspaceAsync("Convert NoEmail");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Walk-in", Stage = ProspectStage.Won }));

        var conversion = CrmAssert.Ok(await owner.Conversion.ConvertToCustomerAsync(p.Id));

        Assert.Null(conversion.ContactId);
        Assert.Equal("Walk-in", CrmAssert.Ok(await owner.Customers.GetAsync(conversion.CustomerId)).Name);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
        // Already won: no stage change to announce, only the conversion.
        Assert.Equal([ProspectEvents.Converted], await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.Where(m => m.EventType.StartsWith("prospect.") && m.EventType != "prospect.created").Select(m => m.EventType).ToListAsync()));
    }

    [Fact]
    public async Task ConvertToCustomerAsync_WhenContactWithThatEmailExists_LinksItInsteadOfDuplicating()
    {
        var w = await db.CreateWorkspaceAsync("Convert Existing");
        await using var owner = await host.OwnerOfAsync(w);
        var existing = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "PAT@globex.test" }));
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Pat()));

        var conversion = CrmAssert.Ok(await owner.Conversion.ConvertToCustomerAsync(p.Id));

        Assert.Equal(existing.Id, conversion.ContactId);
        Assert.Equal(conversion.CustomerId, CrmAssert.Ok(await owner.Contacts.GetAsync(existing.Id)).CustomerId);
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task ConvertToCustomerAsync_Twice_IsInvalidAndCreatesNoSecondCustomer()
    {
        var w = await db.CreateWorkspaceAsync("Convert Twice");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Pat()));
        CrmAssert.Ok(await owner.Conversion.ConvertToCustomerAsync(p.Id));

        var again = await owner.Conversion.ConvertToCustomerAsync(p.Id);

        CrmAssert.InvalidField(again, "prospect", "already converted");
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
    }

    [Fact]
    public async Task ConvertToCustomerAsync_TwoPeopleAtOnce_MakeOneCustomer()
    {
        var w = await db.CreateWorkspaceAsync("Convert Race");
        await using var alice = await host.OwnerOfAsync(w);
        await using var bob = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await alice.Prospects.CreateAsync(Pat()));

        var results = await Task.WhenAll(alice.Conversion.ConvertToCustomerAsync(p.Id), bob.Conversion.ConvertToCustomerAsync(p.Id));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task ConvertToCustomerAsync_WhenTheContactCannotBeSaved_SavesNothing()
    {
        var w = await db.CreateWorkspaceAsync("Convert Rollback");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Pat("refuse-me@globex.test")));
        await using var su = await PostgresDatabase.OpenConnectionAsync(db.SuperuserConnectionString);
        await ExecAsync(su, """
            create or replace function crm_test_refuse_contact() returns trigger language plpgsql as $$
            begin
              if new.email like 'refuse-me@%' then raise exception 'contact refused by test'; end if;
              return new;
            end $$;
            create trigger crm_test_refuse_contact before insert on contacts for each row execute function crm_test_refuse_contact();
            """);
        try
        {
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => owner.Conversion.ConvertToCustomerAsync(p.Id));
        }
        finally
        {
            await ExecAsync(su, "drop trigger crm_test_refuse_contact on contacts; drop function crm_test_refuse_contact();");
        }

        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
        var prospect = CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id));
        Assert.Equal((false, (Guid?)null, ProspectStage.Negotiation, p.Version), (prospect.ConvertedToCustomer, prospect.CustomerId, prospect.Stage, prospect.Version));
        Assert.False(await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.AnyAsync(m => m.EventType.StartsWith("prospect.") && m.EventType != "prospect.created")));
    }

    [Fact]
    public async Task ConvertToCustomerAsync_WritesTheConversionOnTheProspectCustomerAndContactTimelines()
    {
        var w = await db.CreateWorkspaceAsync("Convert Timeline");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Pat()));

        var conversion = CrmAssert.Ok(await owner.Conversion.ConvertToCustomerAsync(p.Id));

        var onProspect = CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Prospect, p.Id)).Items;
        Assert.Equal(conversion.CustomerId.ToString(), Assert.Single(onProspect, i => i.Kind == TimelineKind.Conversion).Data["customerId"]);
        Assert.Equal("Moved to Won", Assert.Single(onProspect, i => i.Kind == TimelineKind.StageChange).Title);
        var onCustomer = CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Customer, conversion.CustomerId)).Items;
        Assert.Equal(p.Id.ToString(), Assert.Single(onCustomer, i => i.Kind == TimelineKind.Conversion).Data["prospectId"]);
        Assert.Single(CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Contact, conversion.ContactId!.Value)).Items, i => i.Kind == TimelineKind.Conversion);
        Assert.Contains(CrmAssert.Ok(await owner.Related.ListAsync(CrmRecordType.Customer, conversion.CustomerId)).Of(RelatedKind.Prospect)!.Items, r => r.Id == p.Id);
    }

    [Fact]
    public async Task ConvertIntoExistingCustomerAsync_LinksTheProspectAndContact_WithoutANewCustomer()
    {
        var w = await db.CreateWorkspaceAsync("Convert Link");
        await using var owner = await host.OwnerOfAsync(w);
        var existing = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Globex", Email = "pat@globex.test" }));
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Pat()));

        var conversion = CrmAssert.Ok(await owner.Conversion.ConvertIntoExistingCustomerAsync(p.Id, existing.Id));

        Assert.Equal(existing.Id, conversion.CustomerId);
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
        Assert.Equal(existing.Id, CrmAssert.Ok(await owner.Contacts.GetAsync(conversion.ContactId!.Value)).CustomerId);
        var prospect = CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id));
        Assert.Equal((true, (Guid?)existing.Id), (prospect.ConvertedToCustomer, prospect.CustomerId));
        Assert.Equal("true", Assert.Single(CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Customer, existing.Id)).Items, i => i.Kind == TimelineKind.Conversion).Data["linkedExisting"]);
    }

    [Fact]
    public async Task ConvertIntoExistingCustomerAsync_AnotherWorkspacesCustomer_IsRefused()
    {
        var w = await db.CreateWorkspaceAsync("Convert Link Tenancy");
        var other = await db.CreateWorkspaceAsync("Convert Link Tenancy Other");
        await using var owner = await host.OwnerOfAsync(w);
        await using var otherOwner = await host.OwnerOfAsync(other);
        var theirs = CrmAssert.Ok(await otherOwner.Customers.CreateAsync(new CustomerInput { Name = "Theirs" }));
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Pat()));

        CrmAssert.InvalidField(await owner.Conversion.ConvertIntoExistingCustomerAsync(p.Id, theirs.Id), "customerId", "this workspace");
        Assert.False(CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id)).ConvertedToCustomer);
        Assert.Equal(ResultStatus.NotFound, (await otherOwner.Conversion.ConvertToCustomerAsync(p.Id)).Status);
    }

    [Fact]
    public async Task ConvertToCustomerAsync_AsViewer_IsForbidden()
    {
        var w = await db.CreateWorkspaceAsync("Convert Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Pat()));
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await reader.Conversion.ConvertToCustomerAsync(p.Id)).Status);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
