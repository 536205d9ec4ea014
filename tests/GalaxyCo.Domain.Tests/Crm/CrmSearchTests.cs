using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm;

/// <summary>The list search of customers, contacts and prospects: word prefixes over the trigger-kept crm_search_terms.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CrmSearchTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    [Theory]
    [InlineData("jan", "Jane Doe")]
    [InlineData("DO", "Jane Doe")]
    [InlineData("acm", "Jane Doe")]
    [InlineData("corp", "Jane Doe")]
    [InlineData("janed", "Jane Doe")]
    [InlineData("exampl", "Jane Doe")]
    [InlineData("zeb", "Zebulon Quist")]
    public async Task ListAsync_FindsByPrefixOfAnyWordOfNameEmailOrCompany(string search, string expected)
    {
        var w = await db.CreateWorkspaceAsync("Search Prefix");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Jane Doe", Email = "janed@example.test", Company = "Acme Corp" }));
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Zebulon Quist", Email = "zq@other.test", Company = "Globex" }));
        CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Jane Doe", Email = "janed@example.test", Company = "Acme Corp" }));
        CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Zebulon Quist", Email = "zq@other.test", Company = "Globex" }));
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Jane", LastName = "Doe", Email = "janed@example.test", Company = "Acme Corp" }));
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Zebulon", LastName = "Quist", Email = "zq@other.test", Company = "Globex" }));

        Assert.Equal([expected], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = search })).Items.Select(p => p.Name));
        Assert.Equal([expected], CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = search })).Items.Select(c => c.Name));
        Assert.Equal([expected], CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = search })).Items.Select(c => c.DisplayName));
    }

    [Fact]
    public async Task ListAsync_EveryWordMustMatch_InAnyOrderAndField()
    {
        var w = await db.CreateWorkspaceAsync("Search And");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Jane Doe", Company = "Acme Corp" }));
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Jane Roe", Company = "Globex" }));
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "John Doe", Company = "Acme Corp" }));

        Assert.Equal(["Jane Doe"], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "acme jan" })).Items.Select(p => p.Name));
        Assert.Equal(["Jane Doe", "John Doe"], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "doe  ACME", Sort = ProspectSort.Name })).Items.Select(p => p.Name));
        Assert.Equal(["Jane Doe", "Jane Roe"], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "jane", Sort = ProspectSort.Name })).Items.Select(p => p.Name));
        Assert.Empty(CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "jane globex doe" })).Items);
    }

    [Fact]
    public async Task ListAsync_EmailTypedWhole_FindsThatRecord()
    {
        var w = await db.CreateWorkspaceAsync("Search Email");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Ann", Email = "ann.lee@acme.test" }));
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Bob", Email = "bob@acme.test" }));
        CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Lee", Email = "lee@other.test" }));

        Assert.Equal(["Ann"], CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = "ann.lee@acme.test" })).Items.Select(c => c.FirstName));
        Assert.Equal(["Ann"], CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = "  ANN.LEE@ACME.TEST " })).Items.Select(c => c.FirstName));
        Assert.Equal(["Bob"], CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = "bob@acme" })).Items.Select(c => c.FirstName));
    }

    [Theory]
    [InlineData("snake_case", "snake_case Ltd")]
    [InlineData("100%", "100% Natural")]
    [InlineData("o'brien", "O'Brien & Sons")]
    [InlineData("%", null)]
    [InlineData("_", null)]
    [InlineData("'", null)]
    [InlineData("\\", null)]
    [InlineData("s%e", null)]
    public async Task ListAsync_PercentAndUnderscore_AreNeverWildcards(string search, string? expected)
    {
        var w = await db.CreateWorkspaceAsync("Search Literal");
        await using var owner = await host.OwnerOfAsync(w);
        foreach (var name in new[] { "snake_case Ltd", "snakeXcase Ltd", "100% Natural", "Plain Company", "O'Brien & Sons", "Back\\slash Inc" })
            CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = name }));

        var found = CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = search })).Items.Select(c => c.Name).ToList();

        Assert.Equal(expected is null ? [] : [expected], found);
    }

    [Fact]
    public async Task ListAsync_AnotherWorkspacesRecords_NeverMatch()
    {
        var a = await db.CreateWorkspaceAsync("Search Tenant A");
        var b = await db.CreateWorkspaceAsync("Search Tenant B");
        await using var ownerA = await host.OwnerOfAsync(a);
        await using var ownerB = await host.OwnerOfAsync(b);
        var mine = CrmAssert.Ok(await ownerA.Prospects.CreateAsync(new ProspectInput { Name = "Quixotic Mine", Company = "Shared Name Inc" }));
        CrmAssert.Ok(await ownerB.Prospects.CreateAsync(new ProspectInput { Name = "Quixotic Theirs", Company = "Shared Name Inc" }));
        CrmAssert.Ok(await ownerB.Customers.CreateAsync(new CustomerInput { Name = "Quixotic Customer" }));
        CrmAssert.Ok(await ownerB.Contacts.CreateAsync(new ContactInput { FirstName = "Quixotic", Email = "q@b.test" }));

        Assert.Equal([mine.Id], CrmAssert.Ok(await ownerA.Prospects.ListAsync(new ProspectQuery { Search = "quixotic" })).Items.Select(p => p.Id));
        Assert.Equal([mine.Id], CrmAssert.Ok(await ownerA.Prospects.ListAsync(new ProspectQuery { Search = "shared name" })).Items.Select(p => p.Id));
        Assert.Empty(CrmAssert.Ok(await ownerA.Prospects.ListAsync(new ProspectQuery { Search = "theirs" })).Items);
        Assert.Empty(CrmAssert.Ok(await ownerA.Customers.ListAsync(new CustomerQuery { Search = "quixotic" })).Items);
        Assert.Empty(CrmAssert.Ok(await ownerA.Contacts.ListAsync(new ContactQuery { Search = "quixotic" })).Items);
    }

    [Fact]
    public async Task SearchTerms_FollowEditsAndDeletes()
    {
        var w = await db.CreateWorkspaceAsync("Search Trigger");
        await using var owner = await host.OwnerOfAsync(w);
        var c = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Oldname Ltd", Email = "first@oldmail.test" }));

        CrmAssert.Ok(await owner.Customers.UpdateAsync(c.Id, new CustomerInput { Name = "Newname Ltd", Email = "first@newmail.test" }, c.Version));

        Assert.Empty(CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "oldname" })).Items);
        Assert.Empty(CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "oldmail" })).Items);
        Assert.Equal([c.Id], CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "newn" })).Items.Select(x => x.Id));
        Assert.Equal([c.Id], CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "newmail" })).Items.Select(x => x.Id));

        Assert.True((await owner.Customers.DeleteAsync(c.Id)).Succeeded);

        Assert.Empty(CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Search = "newname" })).Items);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.CrmSearchTerms.CountAsync(t => t.RecordId == c.Id)));
    }

    /// <summary>
    /// The search's own SQL, explained as the app role (row-level security on) after ANALYZE on a few thousand rows:
    /// the terms are read by a range over the (workspace, type, term) index, not by reading the workspace's rows.
    /// (At this size PostgreSQL may still hash-join a sequential read of the 2,000 prospects; at 100k it reads them by key.)
    /// </summary>
    [Fact]
    public async Task Search_UnderRowLevelSecurity_UsesTheTermsIndex()
    {
        var w = await db.CreateWorkspaceAsync("Search Explain");
        var other = await db.CreateWorkspaceAsync("Search Explain Other");
        foreach (var (workspace, count) in new[] { (w, 2000), (other, 500) })
        {
            await using var ctx = host.Context(workspace.Id);
            for (var i = 0; i < count; i++)
            {
                ctx.Prospects.Add(new Prospect
                {
                    Name = $"Person{i} {Words[i % Words.Length]}", Company = $"{Words[(i * 7) % Words.Length]} Holdings",
                    Email = $"p{i}@{Words[(i * 3) % Words.Length]}.test", Position = i,
                });
            }
            await ctx.SaveChangesAsync();
        }
        await using (var ownerConnection = await db.OpenOwnerConnectionAsync())
        {
            await using var analyze = ownerConnection.CreateCommand();
            analyze.CommandText = "analyze crm_search_terms; analyze prospects;";
            await analyze.ExecuteNonQueryAsync();
        }

        await using var context = host.Context(w.Id);
        await context.Database.OpenConnectionAsync();
        var query = CrmSearch.Matching(context.Prospects.AsNoTracking(), context, CrmRecordType.Prospect, "person12 zeph")
            .OrderBy(p => p.Name).Take(50);
        await using var explain = query.CreateDbCommand();
        explain.CommandText = "explain (analyze, costs off) " + explain.CommandText;
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        }
        var text = string.Join('\n', plan);

        Assert.True(text.Contains("ix_crm_search_terms_workspace_id_record_type_term_record_id", StringComparison.Ordinal), text);
        Assert.False(text.Contains("Seq Scan on crm_search_terms", StringComparison.Ordinal), text);
        var found = await query.Select(p => p.Name).ToListAsync();
        Assert.NotEmpty(found);
        Assert.All(found, n => Assert.StartsWith("Person12", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_SearchSortedByName_PagesInNameOrderWithAnExactTotal()
    {
        var w = await db.CreateWorkspaceAsync("Search Name Order");
        await using (var ctx = host.Context(w.Id))
        {
            for (var i = 1; i <= 120; i++)
            {
                ctx.Prospects.Add(new Prospect { Name = $"Person{i:000} Holdings", Position = i });
                ctx.Contacts.Add(new Contact { FirstName = $"Ann{i:000}", LastName = $"Holdings{(i % 2 == 0 ? "b" : "a")}" });
            }
            ctx.Prospects.Add(new Prospect { Name = "Unrelated Name", Position = 500 });
            await ctx.SaveChangesAsync();
        }
        await using var owner = await host.OwnerOfAsync(w);

        var second = CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "hold", Sort = ProspectSort.Name, Page = 2, PageSize = 50 }));
        Assert.Equal(120, second.Total);
        Assert.Equal(Enumerable.Range(51, 50).Select(i => $"Person{i:000} Holdings"), second.Items.Select(p => p.Name));
        var last = CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery
        {
            Search = "hold", Sort = ProspectSort.Name, Direction = SortDirection.Descending, PageSize = 3,
        }));
        Assert.Equal(["Person120 Holdings", "Person119 Holdings", "Person118 Holdings"], last.Items.Select(p => p.Name));

        // A rename moves the record in the search's order: the trigger rewrites the terms' sort key.
        var first = CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "person001", Sort = ProspectSort.Name })).Items.Single();
        var full = CrmAssert.Ok(await owner.Prospects.GetAsync(first.Id));
        CrmAssert.Ok(await owner.Prospects.UpdateAsync(first.Id, new ProspectInput { Name = "Zed Holdings", Stage = full.Stage }, full.Version));
        var renamed = CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "hold", Sort = ProspectSort.Name, Page = 3, PageSize = 50 }));
        Assert.Equal("Zed Holdings", renamed.Items[^1].Name);
        Assert.Equal(120, renamed.Total);

        // Contacts sort by last name, then first name.
        var contacts = CrmAssert.Ok(await owner.Contacts.ListAsync(new ContactQuery { Search = "holdings", PageSize = 2 }));
        Assert.Equal(120, contacts.Total);
        Assert.Equal(["Ann001", "Ann003"], contacts.Items.Select(c => c.FirstName));
    }

    [Fact]
    public async Task ListAsync_CommonAndRareTags_FilterExactly_WithExactTotals()
    {
        var w = await db.CreateWorkspaceAsync("Search Common Tag");
        var common = CrmSearch.CommonTagRecords + 30;
        await using (var ctx = host.Context(w.Id))
        {
            for (var i = 0; i < common; i++)
            {
                ctx.Prospects.Add(new Prospect { Name = $"Tagged {i}", Position = i, EstimatedValue = i * 100, Tags = i % 500 == 0 ? ["hot", "rare"] : ["hot"] });
            }
            for (var i = 0; i < 40; i++)
            {
                ctx.Prospects.Add(new Prospect { Name = $"Plain {i}", Position = common + i, EstimatedValue = 10_000_000 + i });
            }
            await ctx.SaveChangesAsync();
        }
        await using var owner = await host.OwnerOfAsync(w);

        var hot = CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery
        {
            Tag = "HOT", Sort = ProspectSort.EstimatedValue, Direction = SortDirection.Descending, Page = 2, PageSize = 10,
        }));
        Assert.Equal(common, hot.Total);
        Assert.Equal(Enumerable.Range(common - 20, 10).Reverse().Select(i => $"Tagged {i}"), hot.Items.Select(p => p.Name));

        var rare = CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Tag = "rare", Sort = ProspectSort.EstimatedValue }));
        Assert.Equal(Enumerable.Range(0, common).Where(i => i % 500 == 0).Select(i => $"Tagged {i}"), rare.Items.Select(p => p.Name));
        Assert.Equal(rare.Items.Count, rare.Total);

        // With another filter too, the total is counted from the records.
        var both = CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Tag = "hot", Search = "tagged 1000" }));
        Assert.Equal(["Tagged 1000"], both.Items.Select(p => p.Name));
        Assert.Equal(1, both.Total);
    }

    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zephyr"];
}
