using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Knowledge;

public static partial class KnowledgeServiceCollectionExtensions
{
    internal static IServiceCollection AddKnowledgeExtraction(this IServiceCollection services)
    {
        return services;
    }
}
