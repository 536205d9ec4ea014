using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Work;

public static class WorkServiceCollectionExtensions
{
    /// <summary>Projects and tasks: services, quick add, the task board, attachments and the due-soon job.</summary>
    public static IServiceCollection AddWork(this IServiceCollection services)
    {
        return services;
    }
}
