using GalaxyCo.Domain.SystemAdmin;
using GalaxyCo.Domain.Workspaces;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// Hangfire on PostgreSQL: retries, recurring jobs with time zones, one queue shared by every app node, and a
/// dashboard at /jobs for system admins. Its tables live in their own schema, created by the owner connection.
/// </summary>
public static class BackgroundJobs
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, string ownerConnectionString, IConfiguration configuration)
    {
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(ownerConnectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire", PrepareSchemaIfNecessary = true,
                // Webhook deliveries are jobs: a worker must pick one up within a fraction of a second, not the 15 s default.
                EnableLongPolling = true, QueuePollInterval = TimeSpan.FromMilliseconds(200),
            }));
        if (configuration.GetValue("Jobs:Server", true))
            // Jobs mostly wait on the network (webhook batches, mail), so a few workers per core keep deliveries
            // from queueing behind one another.
            services.AddHangfireServer(o => o.WorkerCount = Math.Max(4, Environment.ProcessorCount * 3));
        return services;
    }

    public static void MapBackgroundJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            DashboardTitle = "GalaxyCo jobs",
            AppPath = "/admin",
            AsyncAuthorization = [new SystemAdminOnly()],
        });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<InvitationCleanupJob>(
            "invitation-cleanup", job => job.RunAsync(CancellationToken.None), "15 3 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<GalaxyCo.Domain.Work.Reminders.TaskDueSoonJob>(
            GalaxyCo.Domain.Work.Reminders.TaskDueSoonJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "*/5 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<GalaxyCo.Domain.Calendar.CalendarReminderJob>(
            GalaxyCo.Domain.Calendar.CalendarReminderJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "* * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<GalaxyCo.Domain.Integrations.Webhooks.WebhookSweepJob>(
            GalaxyCo.Domain.Integrations.Webhooks.WebhookSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "* * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<GalaxyCo.Domain.Invoices.InvoiceOverdueJob>(
            GalaxyCo.Domain.Invoices.InvoiceOverdueJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "5 0 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<GalaxyCo.Domain.Knowledge.Ingestion.KnowledgeSweepJob>(
            GalaxyCo.Domain.Knowledge.Ingestion.KnowledgeSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "*/5 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<GalaxyCo.Domain.Notifications.NotificationDigestJob>(
            GalaxyCo.Domain.Notifications.NotificationDigestJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "0 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    private sealed class SystemAdminOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return http.User.UserId() is { } id
                && await http.RequestServices.GetRequiredService<SystemAdminService>().IsSystemAdminAsync(id, http.RequestAborted);
        }
    }
}
