using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Knowledge;

public static partial class KnowledgeServiceCollectionExtensions
{
    internal static IServiceCollection AddKnowledgeSearch(this IServiceCollection services)
    {
        services.AddSingleton<LocalMiniLmEmbeddingGenerator>();
        services.AddSingleton<KnowledgeEmbedder>();
        services.AddSingleton<KnowledgeChunkStore>();
        services.AddSingleton<KnowledgeSearchIndex>();
        services.AddScoped<KnowledgeSearchService>();
        services.AddScoped<KnowledgeAskService>();
        return services;
    }
}
