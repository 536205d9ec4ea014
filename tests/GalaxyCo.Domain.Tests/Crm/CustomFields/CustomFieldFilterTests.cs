using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm.CustomFields;

/// <summary>ProspectFilter.CustomFields: exact values by jsonb containment (custom_fields @> ...), within the workspace.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CustomFieldFilterTests(PostgresDatabase db)
{
    [Fact]
    public async Task Apply_CustomFields_KeepsProspectsHoldingEveryValue_InThisWorkspaceOnly()
    {
        var a = await db.CreateWorkspaceAsync("Field Filter A");
        var b = await db.CreateWorkspaceAsync("Field Filter B");
        await using (var ctx = db.CreateContext(a.Tenant()))
        {
            ctx.Prospects.AddRange(
                new Prospect { Name = "Both", Position = 1, CustomFields = new() { ["budget"] = "confirmed", ["region"] = "EMEA" } },
                new Prospect { Name = "Budget only", Position = 2, CustomFields = new() { ["budget"] = "confirmed", ["region"] = "APAC" } },
                new Prospect { Name = "Unknown", Position = 3, CustomFields = new() { ["budget"] = "unknown" } },
                new Prospect { Name = "Quote\"s", Position = 4, CustomFields = new() { ["note"] = "it's \"odd\"" } },
                new Prospect { Name = "None", Position = 5 });
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = db.CreateContext(b.Tenant()))
        {
            ctx.Prospects.Add(new Prospect { Name = "Theirs", Position = 1, CustomFields = new() { ["budget"] = "confirmed", ["region"] = "EMEA" } });
            await ctx.SaveChangesAsync();
        }

        await using var db2 = db.CreateContext(a.Tenant());
        async Task<List<string>> Names(params (string Key, string Value)[] fields)
        {
            var filter = new ProspectFilter { CustomFields = fields.ToDictionary(f => f.Key, f => f.Value) };
            return await filter.Apply(db2.Prospects, db2, a.OwnerUserId, DateTime.UtcNow).OrderBy(p => p.Position).Select(p => p.Name).ToListAsync();
        }

        Assert.Equal(["Both", "Budget only"], await Names(("budget", "confirmed")));
        Assert.Equal(["Both"], await Names(("budget", "confirmed"), ("region", "EMEA")));
        Assert.Equal(["Quote\"s"], await Names(("note", "it's \"odd\"")));
        Assert.Empty(await Names(("budget", "Confirmed")));
        Assert.Equal(5, (await Names()).Count);
        var sql = new ProspectFilter { CustomFields = new Dictionary<string, string> { ["budget"] = "x" } }.Apply(db2.Prospects, db2, a.OwnerUserId, DateTime.UtcNow).ToQueryString();
        Assert.Contains("@>", sql, StringComparison.Ordinal);
    }
}
