using GalaxyCo.Domain.Audit;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Home;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.SystemAdmin;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain;

/// <summary>Each area registers itself, so Program.cs reads like a table of contents.</summary>
public static class DomainServiceCollectionExtensions
{
    public static IServiceCollection AddWorkspaces(this IServiceCollection services)
    {
        services.AddScoped<CurrentMember>();
        services.AddScoped<WorkspaceScope>();
        services.AddScoped<WorkspaceService>();
        services.AddScoped<MemberService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<ExternalSignInService>();
        services.AddScoped<WorkspaceFiguresService>();
        services.AddScoped<RecordSearchService>();
        services.AddScoped<SystemAdminService>();
        services.AddScoped<ProfileService>();
        services.AddScoped<Notifications.NotificationSender>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<Notifications.NotificationPreferencesService>();
        // The digest's link address (Notifications:Digest); binding needs the host's IConfiguration when the job is resolved.
        services.AddOptions<Notifications.NotificationDigestOptions>().BindConfiguration(Notifications.NotificationDigestOptions.Section);
        services.AddScoped<Notifications.NotificationDigestJob>();
        services.AddScoped<InvitationCleanupJob>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Customers, contacts and prospects: records, the prospect board and conversion.</summary>
    public static IServiceCollection AddCrm(this IServiceCollection services)
    {
        services.AddScoped<CustomerService>();
        services.AddScoped<ContactService>();
        services.AddScoped<ProspectService>();
        services.AddScoped<ProspectBoardService>();
        services.AddScoped<ProspectConversionService>();
        services.AddScoped<Crm.Import.CrmImportService>();
        services.AddScoped<Crm.Import.CrmImportRevertService>();
        services.AddSingleton<Crm.Import.CrmImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<Crm.Import.CrmImportRunner>());
        services.AddScoped<Crm.Export.CrmExportService>();
        services.AddScoped<Crm.Scoring.LeadScoringService>();
        services.AddSingleton<Crm.Scoring.LeadScoreQueue>();
        // Needs the ChangeFeed of AddLiveChanges; hosted, so only a running app (not a test's provider) starts it.
        services.AddSingleton<Crm.Scoring.LeadScoreRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<Crm.Scoring.LeadScoreRefresher>());
        services.AddScoped<Crm.CustomFields.CrmCustomFieldService>();
        services.AddScoped<CrmTagService>();
        services.AddScoped<CrmActivityService>();
        services.AddScoped<CrmTimelineService>();
        services.AddScoped<CrmRelatedRecordsService>();
        services.AddScoped<CrmMergeService>();
        services.AddScoped<CrmBulkService>();
        services.AddScoped<ProspectLossService>();
        services.AddScoped<CrmSavedViewService>();
        return services;
    }

    /// <summary>
    /// Committed changes pushed to open circuits: one LISTEN connection per app node feeding an in-process
    /// <see cref="ChangeFeed"/>, so a change on any node reaches every node.
    /// </summary>
    public static IServiceCollection AddLiveChanges(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(new LiveChangesOptions(connectionString));
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<DatabaseChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseChangeListener>());
        // One per node: loads each new notification once and pushes it to its person's circuits here.
        services.AddSingleton<Notifications.NotificationHub>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.NotificationHub>());
        return services;
    }

    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditLogService>();

    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MailOptions.Section);
        services.Configure<MailOptions>(section);
        if (!string.IsNullOrWhiteSpace(section["Smtp:Host"])) services.AddSingleton<IMailSender, SmtpMailSender>();
        else services.AddSingleton<IMailSender, FolderOutboxMailSender>();
        return services;
    }
}
