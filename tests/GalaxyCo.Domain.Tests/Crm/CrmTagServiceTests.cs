using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Crm.Scoring;
using GalaxyCo.Domain.Tests.Infrastructure;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CrmTagServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly ScoringHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task SuggestAsync_PrefixMatchedDistinctTags_MostUsedFirst_PerRecordType()
    {
        var w = await db.CreateWorkspaceAsync("Tags Suggest");
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            ctx.Prospects.AddRange(
                new Prospect { Name = "1", Position = 1, Tags = ["hot", "enterprise"] },
                new Prospect { Name = "2", Position = 2, Tags = ["hot", "healthcare"] },
                new Prospect { Name = "3", Position = 3, Tags = ["hot", "healthcare", "demo"] },
                new Prospect { Name = "4", Position = 4, Tags = ["hospital"] });
            ctx.Contacts.Add(new Contact { Email = "c@x.test", Tags = ["hotline"] });
            await ctx.SaveChangesAsync();
        }
        await using var owner = await host.OwnerOfAsync(w);

        var h = CrmAssert.Ok(await owner.Tags.SuggestAsync(CrmRecordType.Prospect, " H"));
        var all = CrmAssert.Ok(await owner.Tags.SuggestAsync(CrmRecordType.Prospect, null, limit: 2));
        var contacts = CrmAssert.Ok(await owner.Tags.SuggestAsync(CrmRecordType.Contact, "ho"));
        var none = CrmAssert.Ok(await owner.Tags.SuggestAsync(CrmRecordType.Customer, "h"));

        Assert.Equal([new TagSuggestion("hot", 3), new TagSuggestion("healthcare", 2), new TagSuggestion("hospital", 1)], h);
        Assert.Equal(["hot", "healthcare"], all.Select(t => t.Tag));
        Assert.Equal(["hotline"], contacts.Select(t => t.Tag));
        Assert.Empty(none);
    }

    [Fact]
    public async Task SuggestAsync_NeverOffersAnotherWorkspacesTags()
    {
        var a = await db.CreateWorkspaceAsync("Tags Tenancy A");
        var b = await db.CreateWorkspaceAsync("Tags Tenancy B");
        await using (var ctx = db.CreateContext(b.Tenant()))
        {
            ctx.Prospects.Add(new Prospect { Name = "Theirs", Position = 1, Tags = ["secret-deal"] });
            await ctx.SaveChangesAsync();
        }
        await using var ownerA = await host.OwnerOfAsync(a);

        Assert.Empty(CrmAssert.Ok(await ownerA.Tags.SuggestAsync(CrmRecordType.Prospect, "secret")));
        Assert.Empty(CrmAssert.Ok(await ownerA.Tags.SuggestAsync(CrmRecordType.Prospect, "")));
    }

    [Fact]
    public async Task SuggestAsync_Viewer_CanRead()
    {
        var w = await db.CreateWorkspaceAsync("Tags Viewer");
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            ctx.Customers.Add(new Customer { Name = "Acme", Tags = ["vip"] });
            await ctx.SaveChangesAsync();
        }
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var actor = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Equal(["vip"], CrmAssert.Ok(await actor.Tags.SuggestAsync(CrmRecordType.Customer, "v")).Select(t => t.Tag));
    }
}
