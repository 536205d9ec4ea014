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

    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zephyr"];
}
