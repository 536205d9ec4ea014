using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Knowledge;

/// <summary>The knowledge library: extraction, ingestion, the library services, search and ask.</summary>
public static partial class KnowledgeServiceCollectionExtensions
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddKnowledgeExtraction();
        services.AddKnowledgeSearch();
        services.AddKnowledgeLibrary();
        return services;
    }
}
