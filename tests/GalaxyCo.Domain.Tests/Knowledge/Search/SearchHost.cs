using System.Collections.Concurrent;
using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Search;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GalaxyCo.Domain.Tests.Knowledge.Search;

/// <summary>
/// The search services as the app registers them (AddKnowledgeSearch) on the test database, with the real local MiniLM
/// for embeddings and a per-workspace chat client the test can point at an <see cref="OpenAiTestServer"/>.
/// </summary>
public sealed class SearchHost : IAsyncDisposable
{
    // One model load for every test of the run (the generator is thread-safe and stateless beyond the loaded session).
    private static readonly Lazy<LocalMiniLmEmbeddingGenerator> SharedMiniLm = new(() =>
        new LocalMiniLmEmbeddingGenerator(Microsoft.Extensions.Options.Options.Create(new KnowledgeOptions { EmbeddingThreads = 2 })));

    private readonly ServiceProvider _provider;
    private readonly PostgresDatabase _db;

    private SearchHost(PostgresDatabase db, ServiceProvider provider)
    {
        _db = db;
        _provider = provider;
    }

    public TestAiClients Ai => (TestAiClients)_provider.GetRequiredService<IWorkspaceAiClients>();
    public KnowledgeSearchIndex Index => _provider.GetRequiredService<KnowledgeSearchIndex>();
    public KnowledgeChunkStore Store => _provider.GetRequiredService<KnowledgeChunkStore>();
    public KnowledgeEmbedder Embedder => _provider.GetRequiredService<KnowledgeEmbedder>();

    public static SearchHost Start(PostgresDatabase db)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KnowledgeOptions>();
        services.AddKnowledgeSearch();
        services.Replace(ServiceDescriptor.Singleton(SharedMiniLm.Value));
        services.AddSingleton<IWorkspaceAiClients>(sp => new TestAiClients(SharedMiniLm.Value));
        return new SearchHost(db, services.BuildServiceProvider());
    }

    /// <summary>A member's scope in the workspace (the search and ask services resolve the member from it).</summary>
    public async Task<SearchActor> ActAsync(string slug, Guid userId)
    {
        var scope = _provider.CreateAsyncScope();
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, entered.Message);
        return new SearchActor(scope);
    }

    public Task<SearchActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    /// <summary>
    /// Adds a ready item with one chunk per passage, embedded with the real model and written by the chunk store
    /// (as the ingestion job does), in one transaction.
    /// </summary>
    public async Task<Guid> AddItemAsync(
        TestWorkspace w, string title, IReadOnlyList<string> passages, string language = "english", Guid? collectionId = null,
        IReadOnlyList<string>? tags = null, bool favorite = false, string? heading = null)
    {
        var embedded = await Embedder.EmbedAsync(w.Id, passages, CancellationToken.None);
        await using var ctx = _db.CreateContext(w.Tenant());
        await using var tx = await ctx.Database.BeginTransactionAsync();
        var item = new KnowledgeItem
        {
            Title = title, Type = KnowledgeItemType.Document, Status = KnowledgeItemStatus.Ready, FileName = title.ToLowerInvariant().Replace(' ', '-') + ".md",
            Content = string.Join("\n\n", passages), Language = language, EmbeddingsModel = embedded.Model, ProcessedAt = DateTime.UtcNow,
            ChunkCount = passages.Count, CollectionId = collectionId, Tags = [.. tags ?? []], IsFavorite = favorite, CreatedBy = w.OwnerUserId,
        };
        ctx.KnowledgeItems.Add(item);
        await ctx.SaveChangesAsync();
        var drafts = passages.Select((p, i) => new ChunkDraft(i, p, heading, null, p.Split(' ').Length)).ToList();
        await Store.ReplaceChunksAsync(ctx, item.Id, title, language, drafts, embedded.Vectors, CancellationToken.None);
        await tx.CommitAsync();
        return item.Id;
    }

    public async Task UpdateItemAsync(TestWorkspace w, Guid itemId, Action<KnowledgeItem> change)
    {
        await using var ctx = _db.CreateContext(w.Tenant());
        var item = await ctx.KnowledgeItems.SingleAsync(i => i.Id == itemId);
        change(item);
        await ctx.SaveChangesAsync();
    }

    public async Task DeleteItemAsync(TestWorkspace w, Guid itemId)
    {
        await using var ctx = _db.CreateContext(w.Tenant());
        await ctx.KnowledgeItems.Where(i => i.Id == itemId).ExecuteDeleteAsync();
    }

    public async Task<Guid> AddCollectionAsync(TestWorkspace w, string name)
    {
        await using var ctx = _db.CreateContext(w.Tenant());
        var collection = new KnowledgeCollection { Name = name };
        ctx.KnowledgeCollections.Add(collection);
        await ctx.SaveChangesAsync();
        return collection.Id;
    }

    public GalaxyDbContext Context(TestWorkspace w) => _db.CreateContext(w.Tenant());

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

public sealed class SearchActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public KnowledgeSearchService Search => scope.ServiceProvider.GetRequiredService<KnowledgeSearchService>();
    public KnowledgeAskService Ask => scope.ServiceProvider.GetRequiredService<KnowledgeAskService>();

    public async Task<KnowledgeSearchResults> FindAsync(string query, RetrievalMode mode = RetrievalMode.Hybrid, int k = 10, KnowledgeFilter? filter = null)
    {
        var result = await Search.SearchAsync(new KnowledgeSearchRequest(query, k, filter, mode), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>The workspace AI clients for tests: the local MiniLM for embeddings; a chat client only where a test sets one.</summary>
public sealed class TestAiClients(LocalMiniLmEmbeddingGenerator local) : IWorkspaceAiClients
{
    private readonly ConcurrentDictionary<Guid, (IChatClient Client, string Model)> _chat = new();

    /// <summary>Points the workspace's chat at the fake provider, through the real OpenAI client.</summary>
    public void UseChat(Guid workspaceId, OpenAiTestServer server, string model = "test-chat")
    {
        var client = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential("sk-test"), new OpenAI.OpenAIClientOptions { Endpoint = server.Endpoint })
            .GetChatClient(model).AsIChatClient();
        _chat[workspaceId] = (client, model);
    }

    public Task<(IChatClient Client, string Model)?> ChatAsync(Guid workspaceId, CancellationToken ct = default) =>
        Task.FromResult<(IChatClient Client, string Model)?>(_chat.TryGetValue(workspaceId, out var c) ? c : null);

    public Task<(IEmbeddingGenerator<string, Embedding<float>> Generator, string Model)> EmbeddingsAsync(Guid workspaceId, CancellationToken ct = default) =>
        Task.FromResult<(IEmbeddingGenerator<string, Embedding<float>>, string)>((local, LocalMiniLmEmbeddingGenerator.ModelName));
}
