using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CustomerServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    private static CustomerInput Valid(string name = "Acme Corp") => new()
    {
        Name = name, Email = "hello@acme.test", Company = "Acme", Website = "https://acme.test", Revenue = 1_000_000,
        Address = new PostalAddress { Street = " 1 Main St ", City = "Austin", Country = "US" }, Tags = ["vip"],
    };

    [Fact]
    public async Task CreateAsync_ValidInput_SavesNormalisedCustomerAndAudit()
    {
        var w = await db.CreateWorkspaceAsync("Customers Create");
        await using var owner = await host.OwnerOfAsync(w);

        var created = CrmAssert.Ok(await owner.Customers.CreateAsync(Valid() with
        {
            Name = "  Acme Corp ", Website = "acme.test", Tags = [" VIP ", "vip", "Enterprise", "  "], AssignedTo = w.OwnerUserId,
        }));

        Assert.Equal("Acme Corp", created.Name);
        Assert.Equal("https://acme.test", created.Website);
        Assert.Equal(["vip", "enterprise"], created.Tags);
        Assert.Equal("1 Main St", created.Address.Street);
        Assert.NotEqual(0u, created.Version);
        var fetched = CrmAssert.Ok(await owner.Customers.GetAsync(created.Id));
        Assert.Equal("Austin", fetched.Address.City);
        Assert.Equal(1_000_000, fetched.Revenue);
        Assert.True(await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.AnyAsync(a => a.ResourceType == "customer" && a.ResourceId == created.Id.ToString() && a.Action == "create")));
    }

    [Theory]
    [InlineData("name", "")]
    [InlineData("name", "long")]
    [InlineData("email", "not-an-email")]
    [InlineData("website", "not a url")]
    [InlineData("website", "ftp://acme.test")]
    [InlineData("revenue", "-1")]
    [InlineData("tags", "long")]
    [InlineData("tags", "many")]
    [InlineData("address.zip", "long")]
    public async Task CreateAsync_InvalidField_ReturnsMessageForThatFieldAndSavesNothing(string field, string value)
    {
        var w = await db.CreateWorkspaceAsync("Customers Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        var input = (field, value) switch
        {
            ("name", "") => Valid() with { Name = "   " },
            ("name", _) => Valid() with { Name = new string('n', 201) },
            ("email", _) => Valid() with { Email = value },
            ("website", _) => Valid() with { Website = value },
            ("revenue", _) => Valid() with { Revenue = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            ("tags", "long") => Valid() with { Tags = [new string('t', 41)] },
            ("tags", _) => Valid() with { Tags = Enumerable.Range(0, 21).Select(i => $"tag{i}").ToList() },
            _ => Valid() with { Address = new PostalAddress { Zip = new string('9', 21) } },
        };
        var expected = (field, value) switch
        {
            ("name", "") => "name",
            ("name", _) => "at most 200",
            ("email", _) => "valid email",
            ("website", _) => "web address",
            ("revenue", _) => "zero or more",
            ("tags", "long") => "40 characters",
            ("tags", _) => "at most 20 tags",
            _ => "at most 20",
        };

        var result = await owner.Customers.CreateAsync(input);

        CrmAssert.InvalidField(result, field, expected);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
    }

    [Fact]
    public async Task CreateAsync_AssigneeFromAnotherWorkspace_IsInvalid()
    {
        var w = await db.CreateWorkspaceAsync("Customers Assignee");
        var other = await db.CreateWorkspaceAsync("Other Assignee");
        await using var owner = await host.OwnerOfAsync(w);

        var result = await owner.Customers.CreateAsync(Valid() with { AssignedTo = other.OwnerUserId });

        CrmAssert.InvalidField(result, "assignedTo", "member of this workspace");
    }

    [Fact]
    public async Task Viewer_CanRead_ButNotCreateUpdateOrDelete()
    {
        var w = await db.CreateWorkspaceAsync("Customers Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var created = CrmAssert.Ok(await owner.Customers.CreateAsync(Valid()));
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.True((await reader.Customers.GetAsync(created.Id)).Succeeded);
        Assert.Equal(1, CrmAssert.Ok(await reader.Customers.ListAsync(new CustomerQuery())).Total);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Customers.CreateAsync(Valid("Viewer Co"))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Customers.UpdateAsync(created.Id, Valid("Renamed"), created.Version)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Customers.DeleteAsync(created.Id)).Status);
        Assert.Equal("Acme Corp", CrmAssert.Ok(await owner.Customers.GetAsync(created.Id)).Name);
    }

    [Fact]
    public async Task DeleteAsync_WithoutDeletePermission_IsForbidden()
    {
        var w = await db.CreateWorkspaceAsync("Customers NoDelete");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using (var ctx = host.Context(w.Id))
        {
            var row = await ctx.WorkspaceMembers.SingleAsync(m => m.Id == member.MemberId);
            row.Permissions = new Dictionary<string, bool> { [GalaxyCo.Domain.Workspaces.Permissions.RecordsDelete] = false };
            await ctx.SaveChangesAsync();
        }
        await using var actor = await host.ActAsync(w.Slug, member.UserId);
        var created = CrmAssert.Ok(await actor.Customers.CreateAsync(Valid()));

        Assert.Equal(ResultStatus.Forbidden, (await actor.Customers.DeleteAsync(created.Id)).Status);
        Assert.True((await actor.Customers.GetAsync(created.Id)).Succeeded);
    }

    [Fact]
    public async Task AnotherWorkspacesCustomer_IsNotFound_AndUntouched()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var ownerA = await host.OwnerOfAsync(a.Workspace);
        var theirs = b.Rows.CustomerId;

        Assert.Equal(ResultStatus.NotFound, (await ownerA.Customers.GetAsync(theirs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Customers.UpdateAsync(theirs, Valid("Hijacked"), 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Customers.DeleteAsync(theirs)).Status);
        var list = CrmAssert.Ok(await ownerA.Customers.ListAsync(new CustomerQuery { PageSize = 200 }));
        Assert.DoesNotContain(list.Items, c => c.Id == theirs);
        Assert.Empty(await ownerA.Customers.FindDuplicatesAsync($"customer@{b.Workspace.Slug}.test", "Workspace B Inc"));

        var untouched = await host.ReadAsync(b.Id, ctx => ctx.Customers.SingleAsync(c => c.Id == theirs));
        Assert.Equal("Workspace B Customer", untouched.Name);
    }

    [Fact]
    public async Task UpdateAsync_WithStaleVersion_ReturnsConflictAndKeepsFirstEdit()
    {
        var w = await db.CreateWorkspaceAsync("Customers Conflict");
        await using var alice = await host.OwnerOfAsync(w);
        await using var bob = await host.OwnerOfAsync(w);
        var created = CrmAssert.Ok(await alice.Customers.CreateAsync(Valid()));

        var first = CrmAssert.Ok(await alice.Customers.UpdateAsync(created.Id, Valid("Alice's name"), created.Version));
        var second = await bob.Customers.UpdateAsync(created.Id, Valid("Bob's name"), created.Version);

        Assert.Equal(ResultStatus.Conflict, second.Status);
        Assert.Contains("Someone else changed", second.Message, StringComparison.Ordinal);
        Assert.Equal("Alice's name", CrmAssert.Ok(await bob.Customers.GetAsync(created.Id)).Name);
        Assert.True((await bob.Customers.UpdateAsync(created.Id, Valid("Bob's name"), first.Version)).Succeeded);
    }

    [Fact]
    public async Task DeleteAsync_RemovesCustomer_AndKeepsItsContactsUnlinked()
    {
        var w = await db.CreateWorkspaceAsync("Customers Delete");
        await using var owner = await host.OwnerOfAsync(w);
        var customer = CrmAssert.Ok(await owner.Customers.CreateAsync(Valid()));
        var contact = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "kim@acme.test", CustomerId = customer.Id }));

        Assert.True((await owner.Customers.DeleteAsync(customer.Id)).Succeeded);

        Assert.Equal(ResultStatus.NotFound, (await owner.Customers.GetAsync(customer.Id)).Status);
        Assert.Null(CrmAssert.Ok(await owner.Contacts.GetAsync(contact.Id)).CustomerId);
        Assert.True(await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.AnyAsync(a => a.ResourceId == customer.Id.ToString() && a.Action == "delete")));
    }

    [Fact]
    public async Task FindDuplicatesAsync_MatchesEmailOrCompanyIgnoringCase()
    {
        var w = await db.CreateWorkspaceAsync("Customers Dupes");
        await using var owner = await host.OwnerOfAsync(w);
        var byEmail = CrmAssert.Ok(await owner.Customers.CreateAsync(Valid("One") with { Email = "Sales@Globex.test", Company = "Globex" }));
        var byCompany = CrmAssert.Ok(await owner.Customers.CreateAsync(Valid("Two") with { Email = "other@initech.test", Company = "Initech" }));
        CrmAssert.Ok(await owner.Customers.CreateAsync(Valid("Three") with { Email = "x@initech-labs.test", Company = "Initech Labs" }));

        var matches = await owner.Customers.FindDuplicatesAsync(" sales@globex.TEST ", "INITECH");

        Assert.Equal(2, matches.Count);
        Assert.Equal("email", matches.Single(m => m.Id == byEmail.Id).MatchedOn);
        Assert.Equal("company", matches.Single(m => m.Id == byCompany.Id).MatchedOn);
        Assert.Empty(await owner.Customers.FindDuplicatesAsync("sales@globex.test", null, exceptId: byEmail.Id));
        Assert.Empty(await owner.Customers.FindDuplicatesAsync("%", "_"));
    }

    [Fact]
    public async Task ListAsync_FiltersSortsAndPages()
    {
        var w = await db.CreateWorkspaceAsync("Customers List");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        for (var i = 1; i <= 12; i++)
        {
            CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput
            {
                Name = $"Customer {i:00}", Email = $"c{i}@list.test", Company = i % 2 == 0 ? "Even Ltd" : "Odd Ltd", Revenue = i * 100,
                Status = i <= 4 ? CustomerStatus.Active : CustomerStatus.Lead, Tags = i % 3 == 0 ? ["Three"] : [],
                AssignedTo = i == 7 ? member.UserId : w.OwnerUserId,
            }));
        }

        var page2 = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Sort = CustomerSort.Revenue, Direction = SortDirection.Descending, Page = 2, PageSize = 5 }));
        Assert.Equal(12, page2.Total);
        Assert.Equal(["Customer 07", "Customer 06", "Customer 05", "Customer 04", "Customer 03"], page2.Items.Select(c => c.Name));

        var last = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Page = 3, PageSize = 5 }));
        Assert.Equal(["Customer 11", "Customer 12"], last.Items.Select(c => c.Name));

        Assert.Equal(4, CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Status = CustomerStatus.Active })).Total);
        Assert.Equal([3, 6, 9, 12], CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Tag = " three " })).Items.Select(c => (int)c.Revenue!.Value / 100));
        Assert.Equal("Customer 07", CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { AssignedTo = member.UserId })).Items.Single().Name);
        Assert.Equal(6, CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "even" })).Total);
        Assert.Equal("Customer 11", CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "C11@LIST" })).Items.Single().Name);
        var byCompany = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Sort = CustomerSort.Company, PageSize = 1 }));
        Assert.Equal("Even Ltd", byCompany.Items.Single().Company);
    }

    [Fact]
    public async Task ListAsync_PageSizeIsCappedAt200_AndPageStartsAtOne()
    {
        var w = await db.CreateWorkspaceAsync("Customers Cap");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Customers.CreateAsync(Valid()));

        var page = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { PageSize = 5000, Page = -3 }));

        Assert.Equal(200, page.PageSize);
        Assert.Equal(1, page.PageNumber);
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task ListAsync_Mine_ShowsOnlyTheSignedInPersonsCustomers_AndWinsOverAssignedTo()
    {
        var w = await db.CreateWorkspaceAsync("Customers Mine");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Customers.CreateAsync(Valid("Owner's") with { AssignedTo = w.OwnerUserId }));
        CrmAssert.Ok(await owner.Customers.CreateAsync(Valid("Member's") with { AssignedTo = member.UserId }));
        CrmAssert.Ok(await owner.Customers.CreateAsync(Valid("Nobody's")));
        await using var other = await host.ActAsync(w.Slug, member.UserId);

        Assert.Equal(["Owner's"], CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Mine = true })).Items.Select(c => c.Name));
        Assert.Equal(["Member's"], CrmAssert.Ok(await other.Customers.ListAsync(new CustomerQuery { Mine = true, AssignedTo = w.OwnerUserId })).Items.Select(c => c.Name));
    }

    [Fact]
    public async Task ListAsync_Except_LeavesThoseOut_AndTheTotalFollows()
    {
        var w = await db.CreateWorkspaceAsync("Customers Except");
        await using var owner = await host.OwnerOfAsync(w);
        var a = CrmAssert.Ok(await owner.Customers.CreateAsync(Valid("A")));
        CrmAssert.Ok(await owner.Customers.CreateAsync(Valid("B")));

        var page = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Except = [a.Id] }));

        Assert.Equal((1, "B"), (page.Total, page.Items.Single().Name));
    }

    [Fact]
    public async Task ListAsync_Total_IsCountedUpToTheCapPlusOne()
    {
        var w = await db.CreateWorkspaceAsync("Customers Count Cap");
        await using (var ctx = host.Context(w.Id))
        {
            ctx.Customers.AddRange(Enumerable.Range(0, CrmListQuery.CountCap + 5).Select(i => new Customer { Name = $"Bulk {i:00000}" }));
            await ctx.SaveChangesAsync();
        }
        await using var owner = await host.OwnerOfAsync(w);

        var page = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { PageSize = 10 }));

        Assert.Equal(CrmListQuery.CountCap + 1, page.Total);
        Assert.Equal(CrmListQuery.CountCap, page.CountCap);
        Assert.Equal("Bulk 00000", page.Items[0].Name);

        // A search in name order is counted exactly from the term index; with another order or filter it counts to
        // the lower search cap: every counted match is then a join with the search terms.
        var searched = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "bulk", PageSize = 10 }));
        Assert.Equal(CrmListQuery.CountCap + 5, searched.Total);
        Assert.Equal("Bulk 00000", searched.Items[0].Name);
        var byEmail = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "bulk", Sort = CustomerSort.Email, PageSize = 10 }));
        Assert.Equal(CrmListQuery.SearchCountCap + 1, byEmail.Total);
        Assert.Equal(CrmListQuery.SearchCountCap, byEmail.CountCap);
        var rare = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "00042" }));
        Assert.Equal(1, rare.Total);
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
    public async Task CreateAsync_ValidCustomFields_AreNormalisedAndUnknownKeysKept()
    {
        var w = await db.CreateWorkspaceAsync("Customers Fields Valid");
        await DefineFieldsAsync(w, CrmRecordType.Customer);
        await using var owner = await host.OwnerOfAsync(w);

        var created = CrmAssert.Ok(await owner.Customers.CreateAsync(Valid() with
        {
            CustomFields = new Dictionary<string, string> { ["seats"] = " 12.50 ", ["tier"] = "gold", ["region"] = "EMEA", ["legacy"] = "kept" },
        }));

        Assert.Equal("12.50", created.CustomFields["seats"]);
        Assert.Equal("Gold", created.CustomFields["tier"]);
        Assert.Equal("kept", created.CustomFields["legacy"]);
    }

    [Theory]
    [InlineData("seats", "twelve", "must be a number")]
    [InlineData("tier", "Bronze", "must be one of")]
    [InlineData("region", "", "is required")]
    public async Task CreateAsync_BadCustomField_ReturnsErrorKeyedByFieldAndSavesNothing(string key, string value, string message)
    {
        var w = await db.CreateWorkspaceAsync("Customers Fields Invalid");
        await DefineFieldsAsync(w, CrmRecordType.Customer);
        await using var owner = await host.OwnerOfAsync(w);
        var fields = new Dictionary<string, string> { ["seats"] = "3", ["tier"] = "Silver", ["region"] = "EMEA" };
        fields[key] = value;

        var result = await owner.Customers.CreateAsync(Valid() with { CustomFields = fields });

        CrmAssert.InvalidField(result, $"customFields.{key}", message);
        Assert.False(await host.ReadAsync(w.Id, ctx => ctx.Customers.AnyAsync()));
    }

    [Fact]
    public async Task UpdateAsync_RequiredFieldNeverFilled_DoesNotBlockOtherEdits_ButEmptyingItIsRefused()
    {
        var w = await db.CreateWorkspaceAsync("Customers Fields Update");
        await using var owner = await host.OwnerOfAsync(w);
        var old = CrmAssert.Ok(await owner.Customers.CreateAsync(Valid()));
        await DefineFieldsAsync(w, CrmRecordType.Customer);

        var renamed = CrmAssert.Ok(await owner.Customers.UpdateAsync(old.Id, Valid("Acme Renamed"), old.Version));
        var filled = CrmAssert.Ok(await owner.Customers.UpdateAsync(old.Id, Valid("Acme Renamed") with { CustomFields = new Dictionary<string, string> { ["region"] = "APAC" } }, renamed.Version));
        var emptied = await owner.Customers.UpdateAsync(old.Id, Valid("Acme Renamed"), filled.Version);

        Assert.Equal("Acme Renamed", renamed.Name);
        Assert.Equal("APAC", filled.CustomFields["region"]);
        CrmAssert.InvalidField(emptied, "customFields.region", "is required");
    }
}
