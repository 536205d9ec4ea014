using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class ContactServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task CreateAsync_ValidInput_SavesContactLinkedToCustomer()
    {
        var w = await db.CreateWorkspaceAsync("Contacts Create");
        await using var owner = await host.OwnerOfAsync(w);
        var customer = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Globex" }));

        var contact = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput
        {
            FirstName = " Kim ", LastName = "Lee", Email = " kim@globex.test ", CustomerId = customer.Id,
            LinkedinUrl = "linkedin.com/in/kim", Tags = ["Buyer", "buyer"],
        }));

        Assert.Equal("kim@globex.test", contact.Email);
        Assert.Equal("Kim Lee", contact.DisplayName);
        Assert.Equal("https://linkedin.com/in/kim", contact.LinkedinUrl);
        Assert.Equal(["buyer"], contact.Tags);
        Assert.Equal(customer.Id, CrmAssert.Ok(await owner.Contacts.GetAsync(contact.Id)).CustomerId);
        Assert.Single(CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { CustomerId = customer.Id })).Items);
    }

    [Theory]
    [InlineData("", "Enter an email")]
    [InlineData("   ", "Enter an email")]
    [InlineData("kim@", "valid email")]
    [InlineData("kim lee@globex.test", "valid email")]
    public async Task CreateAsync_MissingOrBadEmail_IsInvalid(string email, string message)
    {
        var w = await db.CreateWorkspaceAsync("Contacts Email");
        await using var owner = await host.OwnerOfAsync(w);

        var result = await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Kim", Email = email });

        CrmAssert.InvalidField(result, "email", message);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task CreateAsync_OtherInvalidFields_EachGetTheirMessage()
    {
        var w = await db.CreateWorkspaceAsync("Contacts Fields");
        await using var owner = await host.OwnerOfAsync(w);

        var result = await owner.Contacts.CreateAsync(new ContactInput
        {
            Email = "ok@fields.test", FirstName = new string('f', 101), TwitterUrl = "javascript:alert(1)", Tags = [new string('x', 41)],
        });

        CrmAssert.InvalidField(result, "firstName", "at most 100");
        CrmAssert.InvalidField(result, "twitterUrl", "web address");
        CrmAssert.InvalidField(result, "tags", "40 characters");
    }

    [Fact]
    public async Task CreateAsync_EmailTakenInAnyCase_IsInvalidWithClearMessage()
    {
        var w = await db.CreateWorkspaceAsync("Contacts Unique");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "Kim@Globex.test" }));

        var result = await owner.Contacts.CreateAsync(new ContactInput { Email = "kim@GLOBEX.test" });

        CrmAssert.InvalidField(result, "email", "Another contact in this workspace already uses kim@GLOBEX.test");
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task CreateAsync_SameEmailInAnotherWorkspace_IsAllowed()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var ownerA = await host.OwnerOfAsync(a.Workspace);

        var result = await ownerA.Contacts.CreateAsync(new ContactInput { Email = $"contact@{b.Workspace.Slug}.test" });

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public async Task CreateAsync_SameEmailAtOnce_OnlyOneIsSaved()
    {
        var w = await db.CreateWorkspaceAsync("Contacts Race");
        await using var alice = await host.OwnerOfAsync(w);
        await using var bob = await host.OwnerOfAsync(w);

        var results = await Task.WhenAll(
            alice.Contacts.CreateAsync(new ContactInput { Email = "race@globex.test" }),
            bob.Contacts.CreateAsync(new ContactInput { Email = "RACE@globex.test" }));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task UpdateAsync_KeepingOwnEmail_IsAllowed_TakingAnothersIsNot()
    {
        var w = await db.CreateWorkspaceAsync("Contacts Update");
        await using var owner = await host.OwnerOfAsync(w);
        var kim = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "kim@globex.test" }));
        var lee = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "lee@globex.test" }));

        var renamed = CrmAssert.Ok(await owner.Contacts.UpdateAsync(kim.Id, new ContactInput { FirstName = "Kim", Email = "KIM@globex.test" }, kim.Version));
        var stolen = await owner.Contacts.UpdateAsync(lee.Id, new ContactInput { Email = "kim@globex.test" }, lee.Version);

        Assert.Equal("KIM@globex.test", renamed.Email);
        CrmAssert.InvalidField(stolen, "email", "already uses");
    }

    [Fact]
    public async Task CreateAsync_WithAnotherWorkspacesCustomerId_IsInvalidAndSavesNothing()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var ownerA = await host.OwnerOfAsync(a.Workspace);
        var before = await host.ReadAsync(a.Id, ctx => ctx.Contacts.CountAsync());

        var result = await ownerA.Contacts.CreateAsync(new ContactInput { Email = "sneaky@a.test", CustomerId = b.Rows.CustomerId });

        CrmAssert.InvalidField(result, "customerId", "customer from this workspace");
        Assert.Equal(before, await host.ReadAsync(a.Id, ctx => ctx.Contacts.CountAsync()));
        await using var su = await PostgresDatabase.OpenConnectionAsync(db.SuperuserConnectionString);
        await using var count = new Npgsql.NpgsqlCommand("select count(*) from contacts where customer_id = @c", su);
        count.Parameters.AddWithValue("c", b.Rows.CustomerId);
        Assert.Equal(1L, await count.ExecuteScalarAsync()); // only B's own seeded contact points at B's customer
    }

    [Fact]
    public async Task UpdateAsync_WithAnotherWorkspacesCustomerId_IsInvalidAndKeepsTheLink()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var ownerA = await host.OwnerOfAsync(a.Workspace);
        var mine = CrmAssert.Ok(await ownerA.Contacts.GetAsync(a.Rows.ContactId));

        var result = await ownerA.Contacts.UpdateAsync(mine.Id, new ContactInput { Email = mine.Email, CustomerId = b.Rows.CustomerId }, mine.Version);

        CrmAssert.InvalidField(result, "customerId", "customer from this workspace");
        Assert.Equal(a.Rows.CustomerId, CrmAssert.Ok(await ownerA.Contacts.GetAsync(mine.Id)).CustomerId);
    }

    [Fact]
    public async Task AnotherWorkspacesContact_IsNotFound_AndUntouched()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var ownerA = await host.OwnerOfAsync(a.Workspace);
        var theirs = b.Rows.ContactId;

        Assert.Equal(ResultStatus.NotFound, (await ownerA.Contacts.GetAsync(theirs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Contacts.UpdateAsync(theirs, new ContactInput { Email = "x@a.test" }, 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Contacts.DeleteAsync(theirs)).Status);
        Assert.DoesNotContain(CrmAssert.Ok(await ownerA.Contacts.ListAsync(new ContactQuery { Search = "contact@" })).Items, c => c.Id == theirs);
        Assert.Equal($"contact@{b.Workspace.Slug}.test", await host.ReadAsync(b.Id, ctx => ctx.Contacts.Where(c => c.Id == theirs).Select(c => c.Email).SingleAsync()));
    }

    [Fact]
    public async Task Viewer_CanRead_ButNotWrite()
    {
        var w = await db.CreateWorkspaceAsync("Contacts Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var contact = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "kim@viewer.test" }));
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.True((await reader.Contacts.GetAsync(contact.Id)).Succeeded);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Contacts.CreateAsync(new ContactInput { Email = "new@viewer.test" })).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Contacts.UpdateAsync(contact.Id, new ContactInput { Email = "x@viewer.test" }, contact.Version)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Contacts.DeleteAsync(contact.Id)).Status);
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task UpdateAsync_WithStaleVersion_ReturnsConflict()
    {
        var w = await db.CreateWorkspaceAsync("Contacts Conflict");
        await using var owner = await host.OwnerOfAsync(w);
        var contact = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "kim@conflict.test" }));
        CrmAssert.Ok(await owner.Contacts.UpdateAsync(contact.Id, new ContactInput { Email = contact.Email, FirstName = "First" }, contact.Version));

        var stale = await owner.Contacts.UpdateAsync(contact.Id, new ContactInput { Email = contact.Email, FirstName = "Second" }, contact.Version);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Equal("First", CrmAssert.Ok(await owner.Contacts.GetAsync(contact.Id)).FirstName);
    }

    [Fact]
    public async Task ListAsync_SearchesNamesEmailAndCompany_LiterallyAndSortsByName()
    {
        var w = await db.CreateWorkspaceAsync("Contacts List");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Ann", LastName = "Zed", Email = "ann@one.test", Company = "One_Co" }));
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Bob", LastName = "Young", Email = "bob@two.test", Company = "TwoCo" }));
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Cy", LastName = "Xu", Email = "cy%@three.test" }));

        Assert.Equal(["Cy", "Bob", "Ann"], CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery())).Items.Select(c => c.FirstName));
        Assert.Equal(["Ann", "Bob", "Cy"], CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Sort = ContactSort.Email })).Items.Select(c => c.FirstName));
        Assert.Equal("Bob", CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = "young" })).Items.Single().FirstName);
        Assert.Equal("Ann", CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = "_co" })).Items.Single().FirstName);
        Assert.Empty(CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = "%@" })).Items);
        Assert.Equal("Cy", CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = "cy%@three.test" })).Items.Single().FirstName);
        Assert.Equal(2, CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { PageSize = 2 })).Items.Count);
    }

    private async Task DefineFieldsAsync(TestWorkspace w, CrmRecordType type)
    {
        await using var ctx = host.Context(w.Id);
        ctx.CrmCustomFields.AddRange(
            new CrmCustomField { RecordType = type, Key = "seats", Label = "Seats", FieldType = CrmCustomFieldType.Number, Position = 0 },
            new CrmCustomField { RecordType = type, Key = "tier", Label = "Tier", FieldType = CrmCustomFieldType.Select, Options = ["Gold", "Silver"], Position = 1 },
            new CrmCustomField { RecordType = type, Key = "region", Label = "Region", FieldType = CrmCustomFieldType.Text, Required = true, Position = 2 });
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task CreateAsync_CustomFieldsChecked_InvalidNumberAndMissingRequiredAreReported()
    {
        var w = await db.CreateWorkspaceAsync("Contacts Fields");
        await DefineFieldsAsync(w, CrmRecordType.Contact);
        await using var owner = await host.OwnerOfAsync(w);

        var bad = await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Kim", Email = "kim@fields.test", CustomFields = new Dictionary<string, string> { ["seats"] = "x" } });
        var good = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput
        {
            FirstName = "Kim", Email = "kim@fields.test", CustomFields = new Dictionary<string, string> { ["seats"] = "4", ["tier"] = "SILVER", ["region"] = "US" },
        }));

        CrmAssert.InvalidField(bad, "customFields.seats", "must be a number");
        CrmAssert.InvalidField(bad, "customFields.region", "is required");
        Assert.Equal("Silver", good.CustomFields["tier"]);
    }
}
