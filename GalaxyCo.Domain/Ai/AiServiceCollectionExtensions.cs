using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Ai;

/// <summary>AI providers per workspace (Microsoft.Extensions.AI) and the built-in local embedding model.</summary>
public static class AiServiceCollectionExtensions
{
    public static IServiceCollection AddAi(this IServiceCollection services)
    {
        return services;
    }
}
