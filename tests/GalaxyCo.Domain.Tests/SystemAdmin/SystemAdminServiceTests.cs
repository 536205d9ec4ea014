using GalaxyCo.Data;
using GalaxyCo.Domain.SystemAdmin;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.SystemAdmin;

[Collection(PostgresCollection.Name)]
public sealed class SystemAdminServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly DomainHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task GrantAsync_MakesASystemAdmin_WhoSeesEveryWorkspace_OthersAreRefused()
    {
        var w = await db.CreateWorkspaceAsync("Ops Candidate");
        var other = await db.CreateWorkspaceAsync("Somebody Else");
        await using var scope = host.Anonymous(w.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<SystemAdminService>();

        Assert.Equal(ResultStatus.Forbidden, (await service.ListWorkspacesAsync(w.OwnerUserId)).Status);
        Assert.True((await service.GrantAsync(w.OwnerEmail.ToUpperInvariant())).Succeeded);
        Assert.True((await service.GrantAsync(w.OwnerEmail)).Succeeded); // idempotent

        Assert.True(await service.IsSystemAdminAsync(w.OwnerUserId));
        var all = (await service.ListWorkspacesAsync(w.OwnerUserId)).Value!;
        Assert.Contains(all, x => x.Id == other.Id);
        Assert.Contains(all, x => x.Slug == SystemAdminService.OperationsSlug);
        Assert.False(await service.IsSystemAdminAsync(other.OwnerUserId));
        Assert.Equal(ResultStatus.Forbidden, (await service.ListUsersAsync(other.OwnerUserId)).Status);
    }

    [Fact]
    public async Task GrantAsync_UnknownEmail_IsInvalid()
    {
        await using var scope = host.Anonymous();
        var result = await scope.ServiceProvider.GetRequiredService<SystemAdminService>().GrantAsync("nobody@example.com");
        Assert.NotNull(result.ErrorFor("email"));
    }

    [Fact]
    public async Task NobodyCanCreateAWorkspaceAtTheOperationsAddress()
    {
        var w = await db.CreateWorkspaceAsync("Squatter");
        await using var scope = host.Anonymous(w.OwnerUserId);
        var created = await scope.ServiceProvider.GetRequiredService<GalaxyCo.Domain.Workspaces.WorkspaceService>().CreateAsync("GalaxyCo Operations", w.OwnerUserId);
        Assert.True(created.Succeeded);
        Assert.NotEqual(SystemAdminService.OperationsSlug, created.Value!.Slug);
    }

    [Fact]
    public async Task IsSystemAdminAsync_WorksFromARequestThatHasNotSetTheUserYet()
    {
        var w = await db.CreateWorkspaceAsync("Dashboard Visitor");
        await using (var granting = host.Anonymous())
        {
            Assert.True((await granting.ServiceProvider.GetRequiredService<SystemAdminService>().GrantAsync(w.OwnerEmail)).Succeeded);
        }

        await using var request = host.Anonymous(); // like the /jobs dashboard request: no user on the tenant context
        Assert.True(await request.ServiceProvider.GetRequiredService<SystemAdminService>().IsSystemAdminAsync(w.OwnerUserId));
    }
}
