using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace GalaxyCo.Domain.Ai;

/// <summary>
/// The workspace's OpenAI-compatible AI provider (admins and owners): base URL, key (encrypted with
/// <see cref="ApiKeyProtector"/>, never shown again), chat and embedding models, and a Test that makes one real call.
/// The base URL follows the webhook SSRF rules (no private or metadata addresses) because every search and ask calls
/// it from the server; a local provider (Ollama, vLLM) is allowed by listing its host in Webhooks:AllowedHosts.
/// </summary>
public sealed class AiProviderService(
    IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, ApiKeyProtector protector, WorkspaceAiClients clients,
    WebhookUrlGuard guard, IKnowledgeIngestionQueue ingestion)
{
    /// <summary>The provider's entry in workspaces.encrypted_api_keys.</summary>
    public const string KeyName = "ai";

    public const int MaxUrlLength = 500;
    public const int MaxModelLength = 200;
    public const int MaxKeyLength = 1000;

    private const string ForbiddenMessage = "Only admins and owners can manage the AI provider.";

    public async Task<Result<AiProviderView>> GetAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<AiProviderView>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Workspaces.AsNoTracking().Where(w => w.Id == member.WorkspaceId)
            .Select(w => new { w.Settings, w.EncryptedApiKeys }).FirstOrDefaultAsync(ct);
        if (row is null) return Result<AiProviderView>.From(Result.NotFound("Workspace"));
        var provider = row.Settings.AiProvider;
        if (provider is null) return AiProviderView.None;
        var key = protector.Unprotect(member.WorkspaceId, row.EncryptedApiKeys.GetValueOrDefault(KeyName));
        return new AiProviderView(provider.BaseUrl, provider.ChatModel, provider.EmbeddingModel, key is not null, Hint(key));
    }

    public async Task<Result<AiProviderView>> SaveAsync(AiProviderInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!member.Can(Permissions.WorkspaceManage)) return Result<AiProviderView>.From(Result.Forbidden(ForbiddenMessage));
        var baseUrl = (input.BaseUrl ?? "").Trim().TrimEnd('/');
        var apiKey = input.ApiKey?.Trim();
        var chatModel = Blank(input.ChatModel);
        var embeddingModel = Blank(input.EmbeddingModel);
        var errors = new Dictionary<string, string>();
        if (baseUrl.Length == 0) errors["baseUrl"] = "Enter the provider's API address, e.g. https://api.openai.com/v1.";
        else if (baseUrl.Length > MaxUrlLength) errors["baseUrl"] = $"Use at most {MaxUrlLength} characters.";
        else if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            errors["baseUrl"] = "Enter a full address without query string, e.g. https://api.openai.com/v1.";
        else if (await guard.CheckUrlAsync(baseUrl, ct) is { } refused)
            errors["baseUrl"] = refused.Replace("webhooks can't call it", "the app can't call it (an operator can allow the host in Webhooks:AllowedHosts)", StringComparison.Ordinal);
        if (apiKey is { Length: > MaxKeyLength }) errors["apiKey"] = $"Use at most {MaxKeyLength} characters.";
        if (chatModel is { Length: > MaxModelLength }) errors["chatModel"] = $"Use at most {MaxModelLength} characters.";
        if (embeddingModel is { Length: > MaxModelLength }) errors["embeddingModel"] = $"Use at most {MaxModelLength} characters.";
        if (chatModel is null && embeddingModel is null) errors["chatModel"] = "Enter a chat model, an embedding model or both.";
        if (errors.Count > 0) return Result<AiProviderView>.From(Result.Invalid(errors));

        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == member.WorkspaceId, ct);
        if (workspace is null) return Result<AiProviderView>.From(Result.NotFound("Workspace"));
        var previousEmbedding = workspace.Settings.AiProvider?.EmbeddingModel;
        workspace.Settings = CopyWith(workspace.Settings, new AiProviderSettings { BaseUrl = baseUrl, ChatModel = chatModel, EmbeddingModel = embeddingModel });
        var keys = new Dictionary<string, string>(workspace.EncryptedApiKeys);
        if (!string.IsNullOrEmpty(apiKey)) keys[KeyName] = protector.Protect(member.WorkspaceId, apiKey);
        workspace.EncryptedApiKeys = keys;
        var saved = await SaveChangesAsync(db, ct);
        if (!saved.Succeeded) return Result<AiProviderView>.From(saved);
        clients.Invalidate(member.WorkspaceId);
        if (!string.Equals(previousEmbedding, embeddingModel, StringComparison.Ordinal)) ingestion.EnqueueReembed(member.WorkspaceId);
        var storedKey = protector.Unprotect(member.WorkspaceId, keys.GetValueOrDefault(KeyName));
        return new AiProviderView(baseUrl, chatModel, embeddingModel, storedKey is not null, Hint(storedKey));
    }

    /// <summary>Removes the provider and its key: answers become extracts, embeddings go back to the local model.</summary>
    public async Task<Result> RemoveAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result.Forbidden(ForbiddenMessage);
        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == member.WorkspaceId, ct);
        if (workspace is null) return Result.NotFound("Workspace");
        var hadEmbedding = workspace.Settings.AiProvider?.EmbeddingModel is not null;
        workspace.Settings = CopyWith(workspace.Settings, null);
        var keys = new Dictionary<string, string>(workspace.EncryptedApiKeys);
        keys.Remove(KeyName);
        workspace.EncryptedApiKeys = keys;
        var saved = await SaveChangesAsync(db, ct);
        if (!saved.Succeeded) return saved;
        clients.Invalidate(member.WorkspaceId);
        if (hadEmbedding) ingestion.EnqueueReembed(member.WorkspaceId);
        return Result.Ok();
    }

    /// <summary>One real call with the saved settings: a short chat when a chat model is set, else one embedding.</summary>
    public async Task<Result<string>> TestAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<string>.From(Result.Forbidden(ForbiddenMessage));
        var current = await GetAsync(ct);
        if (!current.Succeeded) return Result<string>.From(current);
        if (!current.Value!.IsConfigured) return Result<string>.From(Result.Invalid("baseUrl", "Save a provider first, then test it."));
        clients.Invalidate(member.WorkspaceId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            if (await clients.ChatAsync(member.WorkspaceId, timeout.Token) is { } chat)
            {
                var response = await chat.Client.GetResponseAsync(
                    [new ChatMessage(ChatRole.User, "Reply with the single word OK.")], new ChatOptions { MaxOutputTokens = 16 }, timeout.Token);
                var text = response.Text.Trim();
                return Result<string>.Ok($"{chat.Model} answered: {(text.Length > 80 ? text[..80] + "…" : text)}");
            }
            var (generator, model) = await clients.EmbeddingsAsync(member.WorkspaceId, timeout.Token);
            var vector = await generator.GenerateVectorAsync("GalaxyCo connection test", cancellationToken: timeout.Token);
            return Result<string>.Ok($"{model} returned a {vector.Length}-dimension embedding.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Result<string>.From(Result.Invalid("baseUrl", "The provider did not answer within 30 seconds."));
        }
        catch (Exception e) when (e is System.ClientModel.ClientResultException or HttpRequestException or WebhookBlockedException or InvalidOperationException)
        {
            return Result<string>.From(Result.Invalid("baseUrl", "The provider refused or failed: " + Describe(e)));
        }
    }

    private static string Describe(Exception e)
    {
        var message = e is System.ClientModel.ClientResultException { Status: > 0 } c ? $"HTTP {c.Status}. {c.Message}" : e.Message;
        message = message.ReplaceLineEndings(" ");
        return message.Length > 300 ? message[..300] + "…" : message;
    }

    private static async Task<Result> SaveChangesAsync(GalaxyDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict("Someone else changed this workspace's settings in the meantime. Reload, then try again.");
        }
    }

    private static WorkspaceSettings CopyWith(WorkspaceSettings s, AiProviderSettings? provider) => new()
    {
        FeatureFlags = new Dictionary<string, bool>(s.FeatureFlags),
        AccentColor = s.AccentColor,
        DefaultCurrency = s.DefaultCurrency,
        TimeZone = s.TimeZone,
        LeadScoring = s.LeadScoring,
        AiProvider = provider,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Enough to recognise the key, never enough to use it.</summary>
    private static string? Hint(string? key) => key is null ? null : key.Length <= 8 ? "••••" : "••••" + key[^4..];
}
