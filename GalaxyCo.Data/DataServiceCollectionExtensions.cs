using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace GalaxyCo.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers a scoped <see cref="IDbContextFactory{GalaxyDbContext}"/> (short contexts per operation, as Blazor
    /// circuits live long), the scoped tenant, and a scoped context for ASP.NET Core Identity's stores.
    /// </summary>
    public static IServiceCollection AddGalaxyData(this IServiceCollection services, string connectionString)
    {
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContextFactory<GalaxyDbContext>(o => Configure(o, connectionString), ServiceLifetime.Scoped);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<GalaxyDbContext>>().CreateDbContext());
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseNpgsql(connectionString, MapEnums)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(TenantConnectionInterceptor.Instance);
    }

    private static void MapEnums(NpgsqlDbContextOptionsBuilder o)
    {
        o.MapEnum<UserRole>("user_role");
        o.MapEnum<SubscriptionTier>("subscription_tier");
        o.MapEnum<AgentType>("agent_type");
        o.MapEnum<AgentStatus>("agent_status");
        o.MapEnum<ExecutionStatus>("execution_status");
        o.MapEnum<KnowledgeItemType>("knowledge_item_type");
        o.MapEnum<KnowledgeItemStatus>("knowledge_item_status");
        o.MapEnum<CustomerStatus>("customer_status");
        o.MapEnum<ProjectStatus>("project_status");
        o.MapEnum<ProspectStage>("prospect_stage");
        o.MapEnum<WorkTaskStatus>("task_status");
        o.MapEnum<TaskPriority>("task_priority");
        o.MapEnum<InvoiceStatus>("invoice_status");
        o.MapEnum<NotificationType>("notification_type");
        o.MigrationsHistoryTable("__ef_migrations_history");
    }
}
