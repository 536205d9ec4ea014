using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Knowledge.Library;

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeCollectionServiceTests(PostgresDatabase db)
{
    [Fact]
    public async Task ItemCount_AddMoveDeleteAndCollectionDelete_TriggersKeepItExact()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Counts");
        await using var owner = await host.OwnerOfAsync(w);
        var guides = (await owner.Collections.CreateAsync(new CollectionInput("Guides", "How-tos", "#1e88e5", "menu_book"))).Value!;
        var policies = (await owner.Collections.CreateAsync(new CollectionInput("Policies"))).Value!;
        var one = (await owner.Ingest.AddTextAsync(new TextItemInput("One", "# One\n\nFirst text."), new NewItemOptions(guides.Id))).Value!.Item;
        var two = (await owner.Ingest.AddTextAsync(new TextItemInput("Two", "Second text."), new NewItemOptions(guides.Id))).Value!.Item;
        await owner.Ingest.AddTextAsync(new TextItemInput("Three", "Third text."), new NewItemOptions(policies.Id));
        Assert.Equal((2, 1), await CountsAsync(owner, guides.Id, policies.Id));

        Assert.True((await owner.Edit.MoveAsync(two.Id, policies.Id)).Succeeded);
        Assert.Equal((1, 2), await CountsAsync(owner, guides.Id, policies.Id));

        // An edit that leaves the collection alone changes no count.
        Assert.True((await owner.Edit.SetFavoriteAsync(one.Id, true)).Succeeded);
        Assert.True((await owner.Edit.DeleteAsync(one.Id)).Succeeded);
        Assert.Equal((0, 2), await CountsAsync(owner, guides.Id, policies.Id));

        Assert.True((await owner.Collections.DeleteAsync(policies.Id)).Succeeded);
        var left = await owner.Items.ListAsync(new KnowledgeItemQuery());
        Assert.Equal(2, left.Total);
        Assert.All(left.Items, i => Assert.Null(i.CollectionId));
        Assert.Equal(["Guides"], (await owner.Collections.ListAsync()).Select(c => c.Name));
    }

    [Fact]
    public async Task CreateAsync_DuplicateNameBadColorOrIcon_ReturnsFieldErrors()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Collections");
        await using var owner = await host.OwnerOfAsync(w);
        Assert.True((await owner.Collections.CreateAsync(new CollectionInput("Handbook"))).Succeeded);
        var duplicate = await owner.Collections.CreateAsync(new CollectionInput(" handbook "));
        Assert.Equal(ResultStatus.Invalid, duplicate.Status);
        Assert.Contains("exists already", duplicate.ErrorFor("name"), StringComparison.Ordinal);
        var bad = await owner.Collections.CreateAsync(new CollectionInput("", Color: "blue", Icon: "<script>"));
        Assert.NotNull(bad.ErrorFor("name"));
        Assert.NotNull(bad.ErrorFor("color"));
        Assert.NotNull(bad.ErrorFor("icon"));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_IsConflict()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Collection Stale");
        await using var owner = await host.OwnerOfAsync(w);
        var created = (await owner.Collections.CreateAsync(new CollectionInput("First"))).Value!;
        var renamed = await owner.Collections.UpdateAsync(created.Id, new CollectionInput("Second", Color: "#00AA00"), created.Version);
        Assert.True(renamed.Succeeded, renamed.Message);
        Assert.Equal(ResultStatus.Conflict, (await owner.Collections.UpdateAsync(created.Id, new CollectionInput("Third"), created.Version)).Status);
    }

    private static async Task<(int, int)> CountsAsync(KnowledgeActor actor, Guid a, Guid b)
    {
        var all = await actor.Collections.ListAsync();
        return (all.Single(c => c.Id == a).ItemCount, all.Single(c => c.Id == b).ItemCount);
    }
}
