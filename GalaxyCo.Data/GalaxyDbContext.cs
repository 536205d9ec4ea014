using GalaxyCo.Data.Agents;
using GalaxyCo.Data.Audit;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Inbox;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Work;
using GalaxyCo.Data.Workspaces;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Data;

/// <summary>
/// The whole seed model plus Identity. Tenant isolation, layer 2: a query filter on every tenant-owned entity and a
/// SaveChanges guard that stamps workspace_id on inserts and refuses writes to another workspace's rows.
/// Layer 3 (PostgreSQL RLS) is fed by <see cref="TenantConnectionInterceptor"/>.
/// </summary>
public class GalaxyDbContext(DbContextOptions<GalaxyDbContext> options, ITenantContext tenant)
    : IdentityUserContext<User, Guid>(options), IDataProtectionKeyContext
{
    public ITenantContext Tenant { get; } = tenant;

    /// <summary>Evaluated per query by the tenant filters (EF parameterises context members).</summary>
    public Guid? CurrentWorkspaceId => Tenant.WorkspaceId;

    /// <summary>Bulk seeding turns the per-row audit trail off; nothing else should.</summary>
    public bool SuppressAudit { get; set; }

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();
    public DbSet<WorkspaceInvitation> WorkspaceInvitations => Set<WorkspaceInvitation>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<AgentExecution> AgentExecutions => Set<AgentExecution>();
    public DbSet<AgentSchedule> AgentSchedules => Set<AgentSchedule>();
    public DbSet<KnowledgeCollection> KnowledgeCollections => Set<KnowledgeCollection>();
    public DbSet<KnowledgeItem> KnowledgeItems => Set<KnowledgeItem>();
    public DbSet<KnowledgeItemFile> KnowledgeItemFiles => Set<KnowledgeItemFile>();
    public DbSet<KnowledgeChunk> KnowledgeChunks => Set<KnowledgeChunk>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Prospect> Prospects => Set<Prospect>();
    public DbSet<CrmActivity> CrmActivities => Set<CrmActivity>();
    public DbSet<CrmSavedView> CrmSavedViews => Set<CrmSavedView>();
    public DbSet<CrmCustomField> CrmCustomFields => Set<CrmCustomField>();
    public DbSet<CrmImport> CrmImports => Set<CrmImport>();
    public DbSet<CrmImportRow> CrmImportRows => Set<CrmImportRow>();
    public DbSet<CrmSearchTerm> CrmSearchTerms => Set<CrmSearchTerm>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<WorkTask> Tasks => Set<WorkTask>();
    public DbSet<CalendarEvent> CalendarEvents => Set<CalendarEvent>();
    public DbSet<CalendarEventException> CalendarEventExceptions => Set<CalendarEventException>();
    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();
    public DbSet<CalendarReminderDelivery> CalendarReminderDeliveries => Set<CalendarReminderDelivery>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoicePayment> InvoicePayments => Set<InvoicePayment>();
    public DbSet<InvoiceSettings> InvoiceSettings => Set<InvoiceSettings>();
    public DbSet<InvoiceStatusCount> InvoiceStatusCounts => Set<InvoiceStatusCount>();
    public DbSet<EmailThread> EmailThreads => Set<EmailThread>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<AuditLog> AuditLogs => Set<AuditLog>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GalaxyDbContext).Assembly);
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            typeof(GalaxyDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }
    }

    private void ApplyTenantFilter<T>(ModelBuilder builder) where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => e.WorkspaceId == CurrentWorkspaceId);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void PrepareSave()
    {
        ChangeTracker.DetectChanges();
        var now = DateTime.UtcNow;
        TenantWriteGuard.Apply(this, now);
        if (!SuppressAudit) AuditTrail.Record(this, now);
    }
}
