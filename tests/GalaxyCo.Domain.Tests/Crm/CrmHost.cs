using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Crm;

/// <summary>The CRM services on the real test database, wired as the web app wires them (AddWorkspaces + AddCrm).</summary>
public sealed class CrmHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;

    public CrmHost(PostgresDatabase db)
    {
        this.db = db;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddCrm();
        provider = services.BuildServiceProvider();
    }

    /// <summary>A person acting in a workspace: a fresh scope (one request or circuit) entered into the slug.</summary>
    public async Task<CrmActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new CrmActor(scope);
    }

    public Task<CrmActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    /// <summary>A context as the app role inside <paramref name="workspaceId"/>, for arranging and checking rows.</summary>
    public GalaxyDbContext Context(Guid workspaceId) => db.CreateContext(PostgresDatabase.Tenant(workspaceId));

    public async Task<T> ReadAsync<T>(Guid workspaceId, Func<GalaxyDbContext, Task<T>> read)
    {
        await using var ctx = Context(workspaceId);
        return await read(ctx);
    }

    public void Dispose() => provider.Dispose();
}

/// <summary>One person's scope with the CRM services at hand.</summary>
public sealed class CrmActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public CustomerService Customers => scope.ServiceProvider.GetRequiredService<CustomerService>();
    public ContactService Contacts => scope.ServiceProvider.GetRequiredService<ContactService>();
    public ProspectService Prospects => scope.ServiceProvider.GetRequiredService<ProspectService>();
    public ProspectBoardService Board => scope.ServiceProvider.GetRequiredService<ProspectBoardService>();
    public ProspectConversionService Conversion => scope.ServiceProvider.GetRequiredService<ProspectConversionService>();
    public CrmActivityService Activities => scope.ServiceProvider.GetRequiredService<CrmActivityService>();
    public CrmTimelineService Timeline => scope.ServiceProvider.GetRequiredService<CrmTimelineService>();
    public CrmRelatedRecordsService Related => scope.ServiceProvider.GetRequiredService<CrmRelatedRecordsService>();
    public CrmMergeService Merge => scope.ServiceProvider.GetRequiredService<CrmMergeService>();
    public ProspectLossService Loss => scope.ServiceProvider.GetRequiredService<ProspectLossService>();
    public CrmSavedViewService Views => scope.ServiceProvider.GetRequiredService<CrmSavedViewService>();
    public CrmBulkService Bulk => scope.ServiceProvider.GetRequiredService<CrmBulkService>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
