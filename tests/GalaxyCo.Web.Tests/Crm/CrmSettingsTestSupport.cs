using GalaxyCo.Domain;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Crm;

/// <summary>Wiring for the scoring, custom field and tag component tests: the CRM services, entered into a workspace.</summary>
internal static class CrmSettingsTestSupport
{
    public static void Crm(IServiceCollection services)
    {
        services.AddLogging();
        services.AddCrm();
        services.AddSingleton<ChangeFeed>();
    }

    /// <summary>A context acting as <paramref name="userId"/> inside the workspace, as WorkspaceGate would leave it.</summary>
    public static async Task<GalaxyBunitContext> EnterAsync(PostgresDatabase database, TestWorkspace workspace, Guid userId, string email)
    {
        var ctx = new GalaxyBunitContext(database, userId, email, Crm);
        var entered = await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(workspace.Slug, userId);
        Assert.True(entered.Succeeded, entered.Message);
        return ctx;
    }

    public static Task<GalaxyBunitContext> EnterAsOwnerAsync(PostgresDatabase database, TestWorkspace workspace) =>
        EnterAsync(database, workspace, workspace.OwnerUserId, workspace.OwnerEmail);
}
