using GalaxyCo.Data;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Ai;

[Collection(PostgresCollection.Name)]
public sealed class AiProviderServiceTests(PostgresDatabase db)
{
    [Fact]
    public async Task SaveAsync_WithKey_StoresCiphertextNotTheKey()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ai Save");
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var providers = scope.ServiceProvider.GetRequiredService<AiProviderService>();

        var saved = await providers.SaveAsync(new AiProviderInput("http://127.0.0.1:9/v1/", "sk-live-secret-9876", "gpt-test", null));

        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal("http://127.0.0.1:9/v1", saved.Value!.BaseUrl);
        Assert.True(saved.Value.HasApiKey);
        Assert.Equal("••••9876", saved.Value.KeyHint);
        var stored = await ReadStoredAsync(w.Id);
        Assert.DoesNotContain("sk-live-secret", stored.Keys, StringComparison.Ordinal);
        Assert.Contains("\"ai\"", stored.Keys, StringComparison.Ordinal);
        Assert.Contains("gpt-test", stored.Settings, StringComparison.Ordinal);

        // A blank key keeps the stored one; the view never carries the key.
        var again = await providers.SaveAsync(new AiProviderInput("http://127.0.0.1:9/v1", "", "gpt-test-2", null));
        Assert.True(again.Succeeded, again.Message);
        var view = (await providers.GetAsync()).Value!;
        Assert.True(view.HasApiKey);
        Assert.Equal("gpt-test-2", view.ChatModel);
        Assert.DoesNotContain("sk-live", view.ToString(), StringComparison.Ordinal);
        Assert.Equal(stored.Keys, (await ReadStoredAsync(w.Id)).Keys);
    }

    [Fact]
    public async Task SaveAsync_BadInput_ReturnsFieldErrors()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ai Invalid");
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var providers = scope.ServiceProvider.GetRequiredService<AiProviderService>();

        var metadata = await providers.SaveAsync(new AiProviderInput("http://169.254.169.254/v1", null, "m", null));
        Assert.Equal(ResultStatus.Invalid, metadata.Status);
        Assert.NotNull(metadata.ErrorFor("baseUrl"));
        var noModel = await providers.SaveAsync(new AiProviderInput("not a url", null, " ", null));
        Assert.NotNull(noModel.ErrorFor("baseUrl"));
        Assert.NotNull(noModel.ErrorFor("chatModel"));
        Assert.False((await providers.GetAsync()).Value!.IsConfigured);
    }

    [Fact]
    public async Task Methods_MemberWithoutWorkspaceManage_AreForbidden()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ai Forbidden");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var scope = await host.ActAsync(w.Slug, member.UserId);
        var providers = scope.ServiceProvider.GetRequiredService<AiProviderService>();
        Assert.Equal(ResultStatus.Forbidden, (await providers.GetAsync()).Status);
        Assert.Equal(ResultStatus.Forbidden, (await providers.SaveAsync(new AiProviderInput("http://127.0.0.1:9/v1", "k", "m"))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await providers.RemoveAsync()).Status);
        Assert.Equal(ResultStatus.Forbidden, (await providers.TestAsync()).Status);
    }

    [Fact]
    public async Task SaveAsync_EmbeddingModelChanged_EnqueuesReembedOnlyOnChange()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ai Reembed");
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var providers = scope.ServiceProvider.GetRequiredService<AiProviderService>();

        Assert.True((await providers.SaveAsync(new AiProviderInput("http://127.0.0.1:9/v1", null, "chat", null))).Succeeded);
        Assert.Empty(host.Queue.Reembeds);
        Assert.True((await providers.SaveAsync(new AiProviderInput("http://127.0.0.1:9/v1", null, "chat", "embed-1"))).Succeeded);
        Assert.Equal([w.Id], host.Queue.Reembeds);
        Assert.True((await providers.SaveAsync(new AiProviderInput("http://127.0.0.1:9/v1", null, "chat-2", "embed-1"))).Succeeded);
        Assert.Single(host.Queue.Reembeds);
        Assert.True((await providers.RemoveAsync()).Succeeded);
        Assert.Equal(2, host.Queue.Reembeds.Count);
        Assert.False((await providers.GetAsync()).Value!.IsConfigured);
        Assert.DoesNotContain("\"ai\"", (await ReadStoredAsync(w.Id)).Keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAsync_LoopbackProvider_MakesOneRealCallWithTheKey()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        server.ChatReply = _ => "OK";
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ai Test Call");
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var providers = scope.ServiceProvider.GetRequiredService<AiProviderService>();
        Assert.True((await providers.SaveAsync(new AiProviderInput(server.Endpoint.ToString(), "sk-loopback", "chat-model", null))).Succeeded);

        var tested = await providers.TestAsync();

        Assert.True(tested.Succeeded, tested.Message);
        Assert.Equal("chat-model answered: OK", tested.Value);
        var request = Assert.Single(server.ChatRequests);
        Assert.Equal("Bearer sk-loopback", request.Authorization);
        Assert.Equal("chat-model", request.Body?["model"]?.GetValue<string>());

        server.FailWith = 401;
        var failed = await providers.TestAsync();
        Assert.Equal(ResultStatus.Invalid, failed.Status);
        Assert.Contains("401", failed.ErrorFor("baseUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkspaceAiClients_ProviderEmbeddingsWithoutKey_UsesProviderAndPlaceholderKey()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Ai Clients");
        var other = await db.CreateWorkspaceAsync("Ai Clients Other");

        var before = await host.Clients.EmbeddingsAsync(w.Id);
        Assert.Equal(LocalMiniLmEmbeddingGenerator.ModelName, before.Model);
        Assert.Null(await host.Clients.ChatAsync(w.Id));

        await using (var scope = await host.ActAsync(w.Slug, w.OwnerUserId))
        {
            var saved = await scope.ServiceProvider.GetRequiredService<AiProviderService>()
                .SaveAsync(new AiProviderInput(server.Endpoint.ToString(), null, null, "embed-model"));
            Assert.True(saved.Succeeded, saved.Message);
            Assert.False(saved.Value!.HasApiKey);
        }
        var (generator, model) = await host.Clients.EmbeddingsAsync(w.Id);
        Assert.Equal("openai:embed-model", model);
        var vector = await generator.GenerateVectorAsync("hello library");
        Assert.Equal(server.VectorFor("hello library"), vector.ToArray());
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer no-key", request.Authorization);
        Assert.Null(await host.Clients.ChatAsync(w.Id));

        // Another workspace keeps the built-in model.
        Assert.Equal(LocalMiniLmEmbeddingGenerator.ModelName, (await host.Clients.EmbeddingsAsync(other.Id)).Model);
    }

    private async Task<(string Settings, string Keys)> ReadStoredAsync(Guid workspaceId)
    {
        await using var conn = await db.OpenSuperuserConnectionAsync();
        await using var cmd = new NpgsqlCommand("select settings::text, encrypted_api_keys::text from workspaces where id = @id", conn);
        cmd.Parameters.AddWithValue("id", workspaceId);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }
}
