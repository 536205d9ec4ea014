using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Crm.CustomFields;
using GalaxyCo.Domain.Crm.Scoring;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Crm.Scoring;

/// <summary>
/// The CRM services wired as the app wires them, plus the live change listener and the lead score refresher when
/// <see cref="StartRefresherAsync"/> runs them (stopped again on dispose, so no other test sees scores move).
/// </summary>
public sealed class ScoringHost : IAsyncDisposable, IDisposable
{
    private readonly ServiceProvider provider;
    private bool started;

    public ScoringHost(PostgresDatabase db)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddCrm();
        services.AddLiveChanges(db.AppConnectionString);
        provider = services.BuildServiceProvider();
    }

    public LeadScoreRefresher Refresher => provider.GetRequiredService<LeadScoreRefresher>();

    public async Task StartRefresherAsync()
    {
        var listener = provider.GetRequiredService<DatabaseChangeListener>();
        await listener.StartAsync(CancellationToken.None);
        await Refresher.StartAsync(CancellationToken.None);
        started = true;
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(15));
        await Refresher.Started.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async Task<ScoringActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new ScoringActor(scope);
    }

    public Task<ScoringActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            started = false;
            await Refresher.StopAsync(CancellationToken.None);
            await provider.GetRequiredService<DatabaseChangeListener>().StopAsync(CancellationToken.None);
        }
        await provider.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>One person's scope with the services the scoring, custom field and tag tests use.</summary>
public sealed class ScoringActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public LeadScoringService Scoring => scope.ServiceProvider.GetRequiredService<LeadScoringService>();
    public CrmCustomFieldService Fields => scope.ServiceProvider.GetRequiredService<CrmCustomFieldService>();
    public CrmTagService Tags => scope.ServiceProvider.GetRequiredService<CrmTagService>();
    public ProspectService Prospects => scope.ServiceProvider.GetRequiredService<ProspectService>();
    public CustomerService Customers => scope.ServiceProvider.GetRequiredService<CustomerService>();
    public ContactService Contacts => scope.ServiceProvider.GetRequiredService<ContactService>();
    public CurrentMember Member => scope.ServiceProvider.GetRequiredService<CurrentMember>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
