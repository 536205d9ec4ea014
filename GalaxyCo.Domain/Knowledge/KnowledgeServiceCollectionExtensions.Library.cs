using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Knowledge;

public static partial class KnowledgeServiceCollectionExtensions
{
    internal static IServiceCollection AddKnowledgeLibrary(this IServiceCollection services)
    {
        return services;
    }
}
