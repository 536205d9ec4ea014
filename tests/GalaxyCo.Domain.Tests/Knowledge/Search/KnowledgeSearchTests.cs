using GalaxyCo.Data;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Search;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Knowledge.Search;

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeSearchTests(PostgresDatabase db)
{
    [Fact]
    public void Fuse_BothRankings_OutscoresEitherAlone()
    {
        var both = KnowledgeRanking.Fuse(3, 3);
        Assert.True(both > KnowledgeRanking.Fuse(1, null));
        Assert.True(both > KnowledgeRanking.Fuse(null, 1));
        // Weighted RRF: each side's weight over (k + its rank).
        Assert.Equal(KnowledgeRanking.FullTextWeight / (KnowledgeRanking.RrfK + 1) + KnowledgeRanking.VectorWeight / (KnowledgeRanking.RrfK + 2),
            KnowledgeRanking.Fuse(1, 2), 12);
        Assert.True(KnowledgeRanking.Fuse(null, 1) > KnowledgeRanking.Fuse(1, null), "the vector side weighs more than full text");
        Assert.Equal(0, KnowledgeRanking.Fuse(null, null));
    }

    [Fact]
    public void KeepKnownCitations_InventedNumbers_AreRemoved()
    {
        Assert.Equal("Reset it in settings [1]. Also [2][3].", KnowledgeAskService.KeepKnownCitations("Reset it in settings [1] [9]. Also [2, 3, 7].", 3));
        Assert.Equal("Nothing here.", KnowledgeAskService.KeepKnownCitations("Nothing here [0].", 3));
    }

    [Fact]
    public async Task SearchAsync_FullText_StemsAndWeightsTitleAndEscapesPassage()
    {
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Search Fulltext");
        var invoices = await host.AddItemAsync(w, "Billing handbook", ["Invoices are paid within thirty days. <script>alert('x')</script> Late invoices accrue interest."]);
        await host.AddItemAsync(w, "Office guide", ["The cafeteria opens at eight and serves breakfast until ten."]);
        var titled = await host.AddItemAsync(w, "Zeppelin history", ["Airships were popular before the Hindenburg disaster."]);
        var mentioned = await host.AddItemAsync(w, "Travel notes", ["We saw a zeppelin over the lake, then took the ferry home."]);
        await using var owner = await host.OwnerOfAsync(w);

        var stemmed = await owner.FindAsync("invoice", RetrievalMode.FullText);
        var top = stemmed.Hits[0];
        Assert.Equal(invoices, top.ItemId);
        Assert.Equal(1, top.FullTextRank);
        Assert.Single(stemmed.Hits);
        Assert.Contains("<mark>Invoices</mark>", top.Highlighted, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", top.Highlighted, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", top.Highlighted, StringComparison.Ordinal);
        Assert.Contains("<script>", top.Passage, StringComparison.Ordinal);

        // The title (weight A) counts more than one mention in the text (weight D).
        var zeppelin = await owner.FindAsync("zeppelin", RetrievalMode.FullText);
        Assert.Equal([titled, mentioned], zeppelin.Hits.Select(h => h.ItemId));
        Assert.True(zeppelin.Hits[0].FullTextScore > zeppelin.Hits[1].FullTextScore);
    }

    [Fact]
    public async Task SearchAsync_Vector_FindsTheSemanticallyRightChunkWithRealMiniLm()
    {
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Search Vector");
        var password = await host.AddItemAsync(w, "Account help", [
            "To reset your password, open Settings, choose Security and click 'Send reset link'.",
            "Two-factor authentication can be enabled from the Security page.",
        ]);
        await host.AddItemAsync(w, "Finance report", ["Quarterly revenue grew by twelve percent thanks to new enterprise contracts."]);
        await host.AddItemAsync(w, "Office guide", ["The cafeteria serves vegetarian lunch on Fridays."]);
        await using var owner = await host.OwnerOfAsync(w);

        var results = await owner.FindAsync("I forgot my login credentials", RetrievalMode.Vector);
        Assert.Equal(password, results.Hits[0].ItemId);
        Assert.Equal(0, results.Hits[0].Position);
        Assert.Equal(1, results.Hits[0].VectorRank);
        Assert.Null(results.Hits[0].FullTextRank);
        Assert.InRange(results.Hits[0].VectorSimilarity!.Value, 0.2, 1.0001);
        Assert.Equal(4, results.ChunksSearched);
        Assert.Equal(LocalMiniLmEmbeddingGeneratorName, results.EmbeddingsModel);

        var hybrid = await owner.FindAsync("how do I reset my password");
        Assert.Equal(password, hybrid.Hits[0].ItemId);
        Assert.NotNull(hybrid.Hits[0].FullTextRank);
        Assert.NotNull(hybrid.Hits[0].VectorRank);
        Assert.Equal(1, hybrid.Hits[0].FusedRank);
        Assert.Equal(KnowledgeRanking.Fuse(hybrid.Hits[0].FullTextRank, hybrid.Hits[0].VectorRank), hybrid.Hits[0].FusedScore, 12);
    }

    private const string LocalMiniLmEmbeddingGeneratorName = GalaxyCo.Domain.Ai.LocalMiniLmEmbeddingGenerator.ModelName;

    [Fact]
    public async Task SearchAsync_ItemsAddedArchivedDeleted_IndexFollows()
    {
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Search Fresh");
        await host.AddItemAsync(w, "Alpha", ["Nothing about the topic at all."]);
        await using var owner = await host.OwnerOfAsync(w);
        Assert.Empty((await owner.FindAsync("kumquat", RetrievalMode.FullText)).Hits);

        var added = await host.AddItemAsync(w, "Fruit", ["The kumquat is a small citrus fruit eaten whole."]);
        Assert.Equal(added, Assert.Single((await owner.FindAsync("kumquat", RetrievalMode.FullText)).Hits).ItemId);

        await host.UpdateItemAsync(w, added, i => i.IsArchived = true);
        Assert.Empty((await owner.FindAsync("kumquat", RetrievalMode.FullText)).Hits);

        await host.UpdateItemAsync(w, added, i => { i.IsArchived = false; i.Tags = ["citrus"]; });
        var tagged = await owner.FindAsync("kumquat", RetrievalMode.FullText, filter: new KnowledgeFilter(Tag: "Citrus"));
        Assert.Equal(added, Assert.Single(tagged.Hits).ItemId);
        Assert.Empty((await owner.FindAsync("kumquat", RetrievalMode.FullText, filter: new KnowledgeFilter(Tag: "other"))).Hits);

        await host.UpdateItemAsync(w, added, i => i.Status = KnowledgeItemStatus.Processing);
        Assert.Empty((await owner.FindAsync("kumquat", RetrievalMode.FullText)).Hits);
        await host.UpdateItemAsync(w, added, i => i.Status = KnowledgeItemStatus.Ready);
        Assert.Single((await owner.FindAsync("kumquat", RetrievalMode.FullText)).Hits);

        await host.DeleteItemAsync(w, added);
        Assert.Empty((await owner.FindAsync("kumquat", RetrievalMode.FullText)).Hits);
        Assert.All((await owner.FindAsync("kumquat")).Hits, h => Assert.NotEqual(added, h.ItemId));
    }

    [Fact]
    public async Task SearchAsync_Filters_RestrictToCollectionFavoriteAndItems()
    {
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Search Filters");
        var collection = await host.AddCollectionAsync(w, "Policies");
        var inCollection = await host.AddItemAsync(w, "Leave policy", ["Employees get twenty days of paid vacation."], collectionId: collection);
        var favorite = await host.AddItemAsync(w, "Travel policy", ["Vacation travel is booked through the portal."], favorite: true);
        await using var owner = await host.OwnerOfAsync(w);

        Assert.Equal(2, (await owner.FindAsync("vacation")).Hits.Count);
        Assert.Equal(inCollection, Assert.Single((await owner.FindAsync("vacation", filter: new KnowledgeFilter(CollectionId: collection))).Hits).ItemId);
        Assert.Equal(favorite, Assert.Single((await owner.FindAsync("vacation", filter: new KnowledgeFilter(Favorite: true))).Hits).ItemId);
        Assert.Equal(favorite, Assert.Single((await owner.FindAsync("vacation", filter: new KnowledgeFilter(ItemIds: [favorite]))).Hits).ItemId);
    }

    [Fact]
    public async Task SearchAsync_OtherWorkspacesChunks_AreNeverReturned()
    {
        await using var host = SearchHost.Start(db);
        var a = await db.CreateWorkspaceAsync("Search Tenant A");
        var b = await db.CreateWorkspaceAsync("Search Tenant B");
        await host.AddItemAsync(a, "A notes", ["Our mascot is a friendly otter."]);
        var secret = await host.AddItemAsync(b, "B secrets", ["The launch codename is Bluefinch and the mascot is an otter."]);
        await using var ownerB = await host.OwnerOfAsync(b);
        Assert.Equal(secret, (await ownerB.FindAsync("otter mascot")).Hits[0].ItemId);

        await using var ownerA = await host.OwnerOfAsync(a);
        foreach (var mode in Enum.GetValues<RetrievalMode>())
        {
            var results = await ownerA.FindAsync("Bluefinch launch codename otter", mode);
            Assert.All(results.Hits, h => Assert.NotEqual(secret, h.ItemId));
            Assert.Equal(1, results.ChunksSearched);
            var filtered = await ownerA.FindAsync("Bluefinch launch codename", mode, filter: new KnowledgeFilter(ItemIds: [secret]));
            Assert.Empty(filtered.Hits);
        }
        var answer = await ownerA.Ask.AskAsync(new KnowledgeAskRequest("What is the launch codename?", Filter: new KnowledgeFilter(ItemIds: [secret])), CancellationToken.None);
        Assert.Empty(answer.Value!.Citations);
        Assert.DoesNotContain("Bluefinch", answer.Value.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_BadInput_ReturnsFieldErrors()
    {
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Search Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        var empty = await owner.Search.SearchAsync(new KnowledgeSearchRequest("   "), CancellationToken.None);
        Assert.NotNull(empty.ErrorFor("query"));
        var tooLong = await owner.Search.SearchAsync(new KnowledgeSearchRequest(new string('x', 501)), CancellationToken.None);
        Assert.NotNull(tooLong.ErrorFor("query"));
        var badK = await owner.Search.SearchAsync(new KnowledgeSearchRequest("x", 51), CancellationToken.None);
        Assert.NotNull(badK.ErrorFor("k"));
        var nothing = await owner.FindAsync("anything");
        Assert.Empty(nothing.Hits);
    }

    [Fact]
    public async Task ReplaceChunksAsync_StoresVectorsAndWeightedSearchVector()
    {
        await using var host = SearchHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Search Store");
        var item = await host.AddItemAsync(w, "Garden Manual", ["Prune roses in spring."], heading: "Roses");
        await using var ctx = host.Context(w);
        var chunk = await ctx.KnowledgeChunks.AsNoTracking().SingleAsync(c => c.ItemId == item);
        Assert.Equal("Roses", chunk.HeadingPath);
        var vector = KnowledgeChunkStore.FromBytes(chunk.Embedding!);
        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 3);
        Assert.Equal(vector, KnowledgeChunkStore.FromBytes(KnowledgeChunkStore.ToBytes(vector)));
        var text = chunk.SearchVector!.ToString();
        Assert.Contains("'garden':1A", text, StringComparison.Ordinal);
        Assert.Contains("'rose':3B", text, StringComparison.Ordinal);
        Assert.Contains("'prune':4", text, StringComparison.Ordinal);
    }
}
