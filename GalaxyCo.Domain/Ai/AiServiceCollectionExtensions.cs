using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Integrations.AccessTokens;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Ai;

/// <summary>AI providers per workspace (Microsoft.Extensions.AI) and the built-in local embedding model.</summary>
public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// The workspace AI clients (singleton, cached per workspace), the key protector, the provider settings service and
    /// the personal access tokens of the JSON API. The local embedding model itself is registered by AddKnowledge.
    /// </summary>
    public static IServiceCollection AddAi(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyProtectionOptions>().BindConfiguration(ApiKeyProtectionOptions.Section);
        services.AddOutboundUrlGuard();
        services.AddSingleton<ApiKeyProtector>();
        services.AddSingleton<WorkspaceAiClients>();
        services.AddSingleton<IWorkspaceAiClients>(sp => sp.GetRequiredService<WorkspaceAiClients>());
        services.AddScoped<AiProviderService>();
        services.AddScoped<PersonalAccessTokenService>();
        services.AddScoped<AccessTokenAuthenticator>();
        return services;
    }
}
