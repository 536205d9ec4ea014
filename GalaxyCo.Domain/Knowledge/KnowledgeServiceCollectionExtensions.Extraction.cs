using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Knowledge.Extraction;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Knowledge;

public static partial class KnowledgeServiceCollectionExtensions
{
    internal static IServiceCollection AddKnowledgeExtraction(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section);
        services.AddSingleton<DocumentExtractor>();
        services.AddSingleton<KnowledgeChunker>();
        services.AddOutboundUrlGuard();
        services.AddScoped<UrlPageFetcher>();
        UrlPageFetcher.AddHttpClient(services);
        return services;
    }
}
