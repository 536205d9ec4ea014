using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Integrations.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace GalaxyCo.Domain.Ai;

/// <summary>
/// The AI clients per workspace, built from workspaces.settings.aiProvider and the encrypted key, and kept: a search
/// embeds its query on every call, so the settings are read at most every <see cref="Lifetime"/> (other nodes see a
/// change within it; this node drops the entry at once through <see cref="Invalidate"/>). Clients are rebuilt only
/// when the settings actually changed.
/// </summary>
public sealed class WorkspaceAiClients(
    IServiceScopeFactory scopes, ApiKeyProtector protector, LocalMiniLmEmbeddingGenerator local, WebhookUrlGuard guard, TimeProvider clock)
    : IWorkspaceAiClients, IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Sent when no key is stored: local servers (Ollama, vLLM) take none, but the client library wants one.</summary>
    internal const string PlaceholderKey = "no-key";

    /// <summary>A provider call that takes longer fails instead of holding a request or a job.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(100);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    // One connection pool for every provider. Connections go through the SSRF guard, so a provider host that later
    // resolves to a private address is refused at connect time, as for webhooks.
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = guard.ConnectAsync,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<(IChatClient Client, string Model)?> ChatAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var entry = await GetAsync(workspaceId, ct);
        return entry.Chat;
    }

    public async Task<(IEmbeddingGenerator<string, Embedding<float>> Generator, string Model)> EmbeddingsAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var entry = await GetAsync(workspaceId, ct);
        return entry.Embeddings ?? (local, LocalMiniLmEmbeddingGenerator.ModelName);
    }

    /// <summary>Drops the workspace's clients; the next call reads the settings again.</summary>
    public void Invalidate(Guid workspaceId) => _entries.TryRemove(workspaceId, out _);

    /// <summary>The name recorded in embeddings_model for a provider's embedding model.</summary>
    public static string ProviderModelName(string model) => "openai:" + model;

    public void Dispose() => _http.Dispose();

    private OpenAIClient CreateClient(string baseUrl, string? apiKey) =>
        new(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? PlaceholderKey : apiKey),
            new OpenAIClientOptions { Endpoint = new Uri(baseUrl), NetworkTimeout = NetworkTimeout, Transport = new HttpClientPipelineTransport(_http) });

    private async Task<Entry> GetAsync(Guid workspaceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(workspaceId, out var hit) && now - hit.Loaded < Lifetime) return hit;
        var (settings, cipher) = await LoadAsync(workspaceId, ct);
        var fingerprint = settings is null ? "" : string.Join('\n', settings.BaseUrl, settings.ChatModel, settings.EmbeddingModel, cipher);
        Entry entry;
        if (hit is not null && hit.Fingerprint == fingerprint)
        {
            entry = hit with { Loaded = now };
        }
        else if (settings is null || string.IsNullOrWhiteSpace(settings.BaseUrl))
        {
            entry = new Entry(now, fingerprint, null, null);
        }
        else
        {
            var client = CreateClient(settings.BaseUrl, protector.Unprotect(workspaceId, cipher));
            (IChatClient, string)? chat = string.IsNullOrWhiteSpace(settings.ChatModel)
                ? null
                : (client.GetChatClient(settings.ChatModel).AsIChatClient(), settings.ChatModel);
            (IEmbeddingGenerator<string, Embedding<float>>, string)? embeddings = string.IsNullOrWhiteSpace(settings.EmbeddingModel)
                ? null
                : (client.GetEmbeddingClient(settings.EmbeddingModel).AsIEmbeddingGenerator(), ProviderModelName(settings.EmbeddingModel));
            entry = new Entry(now, fingerprint, chat, embeddings);
        }
        _entries[workspaceId] = entry;
        return entry;
    }

    private async Task<(AiProviderSettings? Settings, string? Cipher)> LoadAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var entered = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(workspaceId);
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<GalaxyDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId)
            .Select(w => new { w.Settings, w.EncryptedApiKeys }).FirstOrDefaultAsync(ct);
        if (row is null) return (null, null);
        return (row.Settings.AiProvider, row.EncryptedApiKeys.GetValueOrDefault(AiProviderService.KeyName));
    }

    private sealed record Entry(
        DateTimeOffset Loaded, string Fingerprint, (IChatClient Client, string Model)? Chat,
        (IEmbeddingGenerator<string, Embedding<float>> Generator, string Model)? Embeddings);
}
