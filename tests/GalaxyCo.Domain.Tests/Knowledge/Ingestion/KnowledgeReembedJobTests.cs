using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Knowledge.Search;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Knowledge.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Knowledge.Ingestion;

/// <summary>
/// Changing a workspace's embedding model re-embeds its library in the background: the job asks the provider (the
/// loopback OpenAI-protocol server) for every chunk, records the new model, and search then compares like with like.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KnowledgeReembedJobTests(PostgresDatabase db)
{
    [Fact]
    public async Task RunAsync_AfterTheEmbeddingModelChanged_ReembedsOnlyThatWorkspaceWithTheProvider()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        await using var host = KnowledgeLibraryHost.Start(db, realAiClients: true);
        var a = await db.CreateWorkspaceAsync("Reembed A");
        var b = await db.CreateWorkspaceAsync("Reembed B");
        var itemA = await AddReadyTextAsync(host, a, "Parking policy", "Visitors park in the north lot and register at the front desk.");
        var itemB = await AddReadyTextAsync(host, b, "Parking policy B", "Staff of workspace B park in the south lot.");
        Assert.Equal(LocalMiniLmEmbeddingGenerator.ModelName, (await ItemAsync(a.Id, itemA)).EmbeddingsModel);

        await using (var owner = await host.OwnerOfAsync(a))
        {
            var saved = await owner.Services.GetRequiredService<AiProviderService>()
                .SaveAsync(new AiProviderInput(server.Endpoint.ToString(), "sk-test", null, "embed-small"));
            Assert.True(saved.Succeeded, saved.Message);
        }
        Assert.Equal([a.Id], host.Queue.Reembeds);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KnowledgeReembedJob>().RunAsync(a.Id, CancellationToken.None);
        }

        var reembedded = await ItemAsync(a.Id, itemA);
        Assert.Equal("openai:embed-small", reembedded.EmbeddingsModel);
        Assert.Equal(server.EmbeddingDimensions, reembedded.Embeddings.Count);
        var chunks = await ChunksAsync(a.Id, itemA);
        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.Equal(server.EmbeddingDimensions * sizeof(float), c.Embedding!.Length));
        // The passage is embedded with its context (title, heading path), as the ingestion job embeds it.
        Assert.All(chunks, c => Assert.Equal(server.VectorFor(KnowledgeEmbedder.PassageText(reembedded.Title, c.HeadingPath, c.Text)), KnowledgeChunkStore.FromBytes(c.Embedding!)));
        Assert.Contains(server.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal) && r.Authorization == "Bearer sk-test");
        Assert.DoesNotContain(server.Requests, r => r.Body?.ToJsonString().Contains("south lot", StringComparison.Ordinal) == true);

        // B never changed model and was never touched.
        var untouched = await ItemAsync(b.Id, itemB);
        Assert.Equal(LocalMiniLmEmbeddingGenerator.ModelName, untouched.EmbeddingsModel);
        Assert.All(await ChunksAsync(b.Id, itemB), c => Assert.Equal(384 * sizeof(float), c.Embedding!.Length));

        // Search in A embeds the query with the same provider model, so the vectors compare.
        await using (var owner = await host.OwnerOfAsync(a))
        {
            var found = await owner.Services.GetRequiredService<KnowledgeSearchService>()
                .SearchAsync(new KnowledgeSearchRequest("Visitors park in the north lot", K: 5, Mode: RetrievalMode.Vector), CancellationToken.None);
            Assert.True(found.Succeeded, found.Message);
            Assert.Equal("openai:embed-small", found.Value!.EmbeddingsModel);
            Assert.Equal(itemA, Assert.Single(found.Value.Hits.Select(h => h.ItemId).Distinct()));
        }
    }

    private static async Task<Guid> AddReadyTextAsync(KnowledgeLibraryHost host, TestWorkspace workspace, string title, string markdown)
    {
        Guid id;
        await using (var owner = await host.OwnerOfAsync(workspace))
        {
            var added = await owner.Ingest.AddTextAsync(new TextItemInput(title, markdown), new NewItemOptions(), CancellationToken.None);
            Assert.True(added.Succeeded, added.Message);
            id = added.Value!.Item.Id;
        }
        await host.DrainAsync();
        return id;
    }

    private async Task<GalaxyCo.Data.Knowledge.KnowledgeItem> ItemAsync(Guid workspaceId, Guid itemId)
    {
        var tenant = new TenantContext();
        using (tenant.Enter(workspaceId))
        {
            await using var context = db.CreateContext(tenant);
            var item = await context.KnowledgeItems.AsNoTracking().SingleAsync(i => i.Id == itemId);
            Assert.Equal(KnowledgeItemStatus.Ready, item.Status);
            return item;
        }
    }

    private async Task<List<GalaxyCo.Data.Knowledge.KnowledgeChunk>> ChunksAsync(Guid workspaceId, Guid itemId)
    {
        var tenant = new TenantContext();
        using (tenant.Enter(workspaceId))
        {
            await using var context = db.CreateContext(tenant);
            return await context.KnowledgeChunks.AsNoTracking().Where(c => c.ItemId == itemId).OrderBy(c => c.Position).ToListAsync();
        }
    }
}
