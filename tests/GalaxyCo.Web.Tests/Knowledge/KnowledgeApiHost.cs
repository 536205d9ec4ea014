using System.Net.Http.Headers;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Domain.Integrations.AccessTokens;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Knowledge;

/// <summary>
/// The whole app (Program) in-process through WebApplicationFactory, on the shared test database: migrations, Hangfire
/// with its server (so uploads are processed by the real ingestion jobs and the real MiniLM), and a 1 MB upload limit
/// so the 413 path is cheap to reach.
/// </summary>
public sealed class KnowledgeApiHost : IAsyncDisposable
{
    public const long UploadLimit = 1024 * 1024;

    private readonly WebApplicationFactory<Program> _factory;

    private KnowledgeApiHost(WebApplicationFactory<Program> factory) => _factory = factory;

    public IServiceProvider Services => _factory.Services;

    public static KnowledgeApiHost Start(PostgresDatabase db)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Galaxy", db.AppConnectionString);
            b.UseSetting("ConnectionStrings:GalaxyMigrations", db.OwnerConnectionString);
            b.UseSetting("Seed:Demo", "false");
            b.UseSetting("Knowledge:MaxUploadBytes", UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Knowledge:EmbeddingThreads", "2");
        });
        return new KnowledgeApiHost(factory);
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token (none: no Authorization header).</summary>
    public HttpClient Client(string? token = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenAsync(Guid userId, Guid workspaceId, AccessTokenScope scope = AccessTokenScope.ReadWrite)
    {
        await using var s = Services.CreateAsyncScope();
        var created = await s.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(userId, workspaceId, "api test", scope, null);
        Assert.True(created.Succeeded, created.Message);
        return created.Value!.Secret;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
