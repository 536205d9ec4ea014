using GalaxyCo.Data;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Knowledge.Library;

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeItemEditServiceTests(PostgresDatabase db)
{
    [Fact]
    public async Task UpdateAsync_TagsAndStaleVersion_NormalisesThenConflicts()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Edit");
        await using var owner = await host.OwnerOfAsync(w);
        var item = (await owner.Ingest.AddTextAsync(new TextItemInput("Runbook", "Restart the service."), new NewItemOptions())).Value!.Item;
        var updated = await owner.Edit.UpdateAsync(item.Id, new ItemEdit(" Ops runbook ", [" Ops", "ops", "On-Call ", ""], "How to restart."), item.Version);
        Assert.True(updated.Succeeded, updated.Message);
        Assert.Equal("Ops runbook", updated.Value!.Title);
        Assert.Equal(["ops", "on-call"], updated.Value.Tags);
        Assert.Equal(["on-call", "ops"], await owner.Items.ListTagsAsync());

        var stale = await owner.Edit.UpdateAsync(item.Id, new ItemEdit("Other", [], null), item.Version);
        Assert.Equal(ResultStatus.Conflict, stale.Status);

        var tooMany = await owner.Edit.UpdateAsync(item.Id, new ItemEdit("x", Enumerable.Range(0, 21).Select(i => $"t{i}").ToList(), null), updated.Value.Version);
        Assert.NotNull(tooMany.ErrorFor("tags"));
        Assert.NotNull((await owner.Edit.UpdateAsync(item.Id, new ItemEdit(new string('x', 501), [], null), updated.Value.Version)).ErrorFor("title"));
    }

    [Fact]
    public async Task Methods_OtherWorkspacesItem_AreNotFound()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var a = await db.CreateWorkspaceAsync("Knowledge Tenancy A");
        var b = await db.CreateWorkspaceAsync("Knowledge Tenancy B");
        await using var ownerB = await host.OwnerOfAsync(b);
        var theirs = (await ownerB.Ingest.AddTextAsync(new TextItemInput("B secret", "Only for B."), new NewItemOptions())).Value!.Item;
        var theirCollection = (await ownerB.Collections.CreateAsync(new CollectionInput("B docs"))).Value!;
        await using var ownerA = await host.OwnerOfAsync(a);
        var mine = (await ownerA.Ingest.AddTextAsync(new TextItemInput("A note", "For A."), new NewItemOptions())).Value!.Item;
        var id = theirs.Id;

        Assert.Equal(ResultStatus.NotFound, (await ownerA.Items.GetAsync(id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Items.GetChunksAsync(id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Items.GetOriginalAsync(id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Items.SuggestTagsAsync(id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Edit.UpdateAsync(id, new ItemEdit("x", [], null), theirs.Version)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Edit.SetFavoriteAsync(id, true)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Edit.SetArchivedAsync(id, true)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Edit.MoveAsync(id, null)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Edit.DeleteAsync(id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Ingest.RetryAsync(id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Ingest.ResyncAsync(id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Collections.UpdateAsync(theirCollection.Id, new CollectionInput("x"), theirCollection.Version)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Collections.DeleteAsync(theirCollection.Id)).Status);
        // B's collection can't receive A's items either.
        Assert.NotNull((await ownerA.Edit.MoveAsync(mine.Id, theirCollection.Id)).ErrorFor("collectionId"));
        Assert.NotNull((await ownerA.Ingest.AddTextAsync(new TextItemInput("y", "y"), new NewItemOptions(theirCollection.Id))).ErrorFor("collectionId"));
        Assert.Equal([mine.Id], (await ownerA.Items.ListAsync(new KnowledgeItemQuery())).Items.Select(i => i.Id));
        Assert.Empty(await ownerA.Collections.ListAsync());

        Assert.Equal("B secret", (await ownerB.Items.GetAsync(id)).Value!.Item.Title);
    }

    [Fact]
    public async Task AddMethods_Viewer_AreForbiddenAndSaveNothing()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var item = (await owner.Ingest.AddTextAsync(new TextItemInput("Visible", "Readable by viewers."), new NewItemOptions())).Value!.Item;
        await using var actor = await host.ActAsync(w.Slug, viewer.UserId);
        using var stream = new MemoryStream("hello"u8.ToArray());
        Assert.Equal(ResultStatus.Forbidden, (await actor.Ingest.UploadAsync(new UploadFile("a.txt", "text/plain", stream, stream.Length), new NewItemOptions())).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Ingest.AddTextAsync(new TextItemInput("x", "y"), new NewItemOptions())).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Ingest.AddUrlAsync("https://example.com", new NewItemOptions())).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Edit.SetFavoriteAsync(item.Id, true)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Edit.DeleteAsync(item.Id)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Collections.CreateAsync(new CollectionInput("Mine"))).Status);
        Assert.Equal(1, (await actor.Items.ListAsync(new KnowledgeItemQuery())).Total);
        Assert.True((await actor.Items.GetAsync(item.Id)).Succeeded);
    }

    [Fact]
    public async Task UpdateAsync_NewTitle_FullTextFindsTheItemByIt()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Edit Reweigh");
        Guid id;
        await using (var owner = await host.OwnerOfAsync(w))
        {
            var added = await owner.Ingest.AddTextAsync(new TextItemInput("Office notes", "The printer is on the second floor."), new NewItemOptions(), CancellationToken.None);
            Assert.True(added.Succeeded, added.Message);
            id = added.Value!.Item.Id;
        }
        await host.DrainAsync();

        await using var actor = await host.OwnerOfAsync(w);
        var search = actor.Services.GetRequiredService<GalaxyCo.Domain.Knowledge.Search.KnowledgeSearchService>();
        var before = await search.SearchAsync(new KnowledgeSearchRequest("quokka", Mode: RetrievalMode.FullText), CancellationToken.None);
        Assert.Empty(before.Value!.Hits);
        var current = (await actor.Items.GetAsync(id, CancellationToken.None)).Value!.Item;

        var renamed = await actor.Edit.UpdateAsync(id, new ItemEdit("Quokka facilities guide", [], null), current.Version, CancellationToken.None);

        Assert.True(renamed.Succeeded, renamed.Message);
        var after = await search.SearchAsync(new KnowledgeSearchRequest("quokka", Mode: RetrievalMode.FullText), CancellationToken.None);
        Assert.Equal(id, Assert.Single(after.Value!.Hits.Select(h => h.ItemId).Distinct()));
    }
}
