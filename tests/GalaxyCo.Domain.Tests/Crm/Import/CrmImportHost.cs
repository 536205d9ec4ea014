using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Crm.Export;
using GalaxyCo.Domain.Crm.Import;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Crm.Import;

/// <summary>The import and export services on the real test database, wired as the app wires them (AddCrm).</summary>
public sealed class CrmImportHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;

    public CrmImportHost(PostgresDatabase db)
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

    public CrmImportRunner Runner => provider.GetRequiredService<CrmImportRunner>();

    public async Task<ImportActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new ImportActor(scope, Runner);
    }

    public Task<ImportActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    public async Task<T> ReadAsync<T>(Guid workspaceId, Func<GalaxyDbContext, Task<T>> read)
    {
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(workspaceId));
        return await read(ctx);
    }

    public async Task ArrangeAsync(TestWorkspace w, Func<GalaxyDbContext, Task> arrange)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        await arrange(ctx);
        await ctx.SaveChangesAsync();
    }

    public void Dispose() => provider.Dispose();
}

public sealed class ImportActor(AsyncServiceScope scope, CrmImportRunner runner) : IAsyncDisposable
{
    public CrmImportService Imports => scope.ServiceProvider.GetRequiredService<CrmImportService>();
    public CrmImportRevertService Reverts => scope.ServiceProvider.GetRequiredService<CrmImportRevertService>();
    public CrmExportService Exports => scope.ServiceProvider.GetRequiredService<CrmExportService>();

    /// <summary>Reads, validates with the guessed mapping (or <paramref name="mapping"/>), and returns the plan.</summary>
    public async Task<CrmImportPlan> PlanAsync(CrmRecordType type, string csv, IReadOnlyDictionary<string, string?>? mapping = null)
    {
        var draft = CrmAssert.Ok(await Imports.ReadAsync(type, "people.csv", Encoding.UTF8.GetBytes(csv)));
        return CrmAssert.Ok(await Imports.ValidateAsync(draft, mapping ?? draft.GuessedMapping));
    }

    /// <summary>Plans, starts and waits for the import to finish; returns its final state.</summary>
    public async Task<CrmImportView> ImportAsync(CrmRecordType type, string csv, CrmImportMatchRule rule = CrmImportMatchRule.Skip)
    {
        var plan = await PlanAsync(type, csv);
        var id = CrmAssert.Ok(await Imports.StartAsync(plan, rule));
        await runner.WhenFinishedAsync(id).WaitAsync(TimeSpan.FromMinutes(3));
        return CrmAssert.Ok(await Imports.GetAsync(id)).Import;
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
