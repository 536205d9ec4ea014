using System.Collections.Concurrent;
using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GalaxyCo.Domain.Tests.Knowledge.Library;

/// <summary>
/// The library services and the ingestion jobs on the real test database, wired as the app wires them (AddKnowledge),
/// with the real local MiniLM for embeddings, no chat provider, and a queue that records what was handed to the
/// pipeline so a test runs each job itself (no timing).
/// </summary>
public sealed class KnowledgeLibraryHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private KnowledgeLibraryHost(ServiceProvider provider) => _provider = provider;

    public RecordingIngestionQueue Queue => (RecordingIngestionQueue)_provider.GetRequiredService<IKnowledgeIngestionQueue>();
    public IServiceProvider Services => _provider;

    /// <summary>Small limits so hostile-input tests stay cheap: 1 MB uploads, 2 MB expanded .docx.</summary>
    /// <param name="realAiClients">
    /// Use the app's WorkspaceAiClients (each workspace's configured provider, else the local model) instead of the
    /// local model only: for tests that point a workspace at the loopback OpenAiTestServer.
    /// </param>
    public static KnowledgeLibraryHost Start(PostgresDatabase db, long maxUploadBytes = 1024 * 1024, bool realAiClients = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:MaxUploadBytes"] = maxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Knowledge:MaxDocxExpandedBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddLiveChanges(db.AppConnectionString);
        services.AddWebhooks(configuration);
        services.AddKnowledge();
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IKnowledgeIngestionQueue, RecordingIngestionQueue>());
        if (realAiClients)
        {
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            services.AddAi();
        }
        else
        {
            services.Replace(ServiceDescriptor.Singleton<IWorkspaceAiClients, LocalOnlyAiClients>());
        }
        return new KnowledgeLibraryHost(services.BuildServiceProvider());
    }

    public async Task<KnowledgeActor> ActAsync(string slug, Guid userId)
    {
        var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded);
        return new KnowledgeActor(scope);
    }

    public Task<KnowledgeActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    /// <summary>Runs the ingestion job in a fresh scope, as Hangfire would.</summary>
    public async Task ProcessAsync(Guid workspaceId, Guid itemId)
    {
        await using var scope = _provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KnowledgeIngestionJob>().ProcessAsync(workspaceId, itemId, CancellationToken.None);
    }

    /// <summary>Runs every job queued so far (and those they queue), in order.</summary>
    public async Task DrainAsync()
    {
        while (Queue.Items.TryDequeue(out var job)) await ProcessAsync(job.WorkspaceId, job.ItemId);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

public sealed class KnowledgeActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public KnowledgeCollectionService Collections => scope.ServiceProvider.GetRequiredService<KnowledgeCollectionService>();
    public KnowledgeItemService Items => scope.ServiceProvider.GetRequiredService<KnowledgeItemService>();
    public KnowledgeIngestService Ingest => scope.ServiceProvider.GetRequiredService<KnowledgeIngestService>();
    public KnowledgeItemEditService Edit => scope.ServiceProvider.GetRequiredService<KnowledgeItemEditService>();
    public IServiceProvider Services => scope.ServiceProvider;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

public sealed class LocalOnlyAiClients(LocalMiniLmEmbeddingGenerator local) : IWorkspaceAiClients
{
    public Task<(IChatClient Client, string Model)?> ChatAsync(Guid workspaceId, CancellationToken ct = default) =>
        Task.FromResult<(IChatClient Client, string Model)?>(null);

    public Task<(IEmbeddingGenerator<string, Embedding<float>> Generator, string Model)> EmbeddingsAsync(Guid workspaceId, CancellationToken ct = default) =>
        Task.FromResult<(IEmbeddingGenerator<string, Embedding<float>>, string)>((local, LocalMiniLmEmbeddingGenerator.ModelName));
}
