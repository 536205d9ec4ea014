using System.Collections.Concurrent;
using GalaxyCo.Data;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Ai;

/// <summary>
/// AddAi as the app registers it, on the test database, with ephemeral Data Protection keys, the webhook SSRF guard
/// allowing 127.0.0.1 (the loopback <see cref="OpenAiTestServer"/>), and a queue that records re-embed requests.
/// </summary>
public sealed class AiHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private AiHost(ServiceProvider provider) => _provider = provider;

    public IServiceProvider Services => _provider;
    public RecordingIngestionQueue Queue => (RecordingIngestionQueue)_provider.GetRequiredService<IKnowledgeIngestionQueue>();
    public WorkspaceAiClients Clients => _provider.GetRequiredService<WorkspaceAiClients>();
    public ApiKeyProtector Protector => _provider.GetRequiredService<ApiKeyProtector>();

    public static AiHost Start(PostgresDatabase db, string? encryptionKey = null, TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?> { ["Webhooks:AllowedHosts:0"] = "127.0.0.1" };
        if (encryptionKey is not null) settings["Security:ApiKeyEncryptionKey"] = encryptionKey;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddOptions<KnowledgeOptions>();
        services.AddSingleton<LocalMiniLmEmbeddingGenerator>();
        services.AddSingleton<IKnowledgeIngestionQueue, RecordingIngestionQueue>();
        services.AddAi();
        return new AiHost(services.BuildServiceProvider());
    }

    /// <summary>A member's scope in the workspace (services resolve the member from it).</summary>
    public async Task<AsyncServiceScope> ActAsync(string slug, Guid userId)
    {
        var scope = _provider.CreateAsyncScope();
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, entered.Message);
        return scope;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
