using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Knowledge.Library;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GalaxyCo.Domain.Knowledge;

public static partial class KnowledgeServiceCollectionExtensions
{
    internal static IServiceCollection AddKnowledgeLibrary(this IServiceCollection services)
    {
        services.AddScoped<KnowledgeCollectionService>();
        services.AddScoped<KnowledgeItemService>();
        services.AddScoped<KnowledgeIngestService>();
        services.AddScoped<KnowledgeItemEditService>();
        services.TryAddSingleton<IKnowledgeIngestionQueue, HangfireKnowledgeIngestionQueue>();
        services.AddScoped<KnowledgeIngestionJob>();
        services.AddScoped<KnowledgeSweepJob>();
        services.AddScoped<KnowledgeReembedJob>();
        return services;
    }
}
