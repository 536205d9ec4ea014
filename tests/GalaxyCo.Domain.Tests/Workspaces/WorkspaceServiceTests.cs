using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Workspaces;

[Collection(PostgresCollection.Name)]
public sealed class WorkspaceServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly DomainHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task CreateAsync_SameName_GetsUniqueSlugs_AndOwnerMembership()
    {
        var existing = await db.CreateWorkspaceAsync("Slug Owner");
        var name = $"Orbit Labs {Guid.NewGuid():N}"[..20];
        await using var scope = host.Anonymous(existing.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<WorkspaceService>();

        var first = await service.CreateAsync(name, existing.OwnerUserId);
        var second = await service.CreateAsync("  " + name + " ", existing.OwnerUserId);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(SlugGenerator.FromName(name), first.Value!.Slug);
        Assert.Equal(first.Value.Slug + "-2", second.Value!.Slug);
        var mine = await service.ListMineAsync(existing.OwnerUserId);
        Assert.Contains(mine, w => w.Slug == second.Value.Slug && w.Role == UserRole.Owner);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task CreateAsync_EmptyName_IsInvalid_AndSavesNothing(string name)
    {
        var w = await db.CreateWorkspaceAsync("Empty Names");
        await using var scope = host.Anonymous(w.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<WorkspaceService>();
        var before = (await service.ListMineAsync(w.OwnerUserId)).Count;

        var result = await service.CreateAsync(name, w.OwnerUserId);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.NotNull(result.ErrorFor("name"));
        Assert.Equal(before, (await service.ListMineAsync(w.OwnerUserId)).Count);
    }

    [Fact]
    public async Task CreateAsync_TooLongName_IsInvalidNextToTheField()
    {
        var w = await db.CreateWorkspaceAsync("Long Names");
        await using var scope = host.Anonymous(w.OwnerUserId);
        var result = await scope.ServiceProvider.GetRequiredService<WorkspaceService>().CreateAsync(new string('x', 101), w.OwnerUserId);
        Assert.Contains("100", result.ErrorFor("name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_CannotRenameOrConfigure_OwnerCan()
    {
        var w = await db.CreateWorkspaceAsync("Rename Me");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var viewerScope = await host.ActAsync(w.Slug, viewer.UserId);
        var asViewer = viewerScope.ServiceProvider.GetRequiredService<WorkspaceService>();
        var version = (await asViewer.GetCurrentAsync()).Value!.Version;

        Assert.Equal(ResultStatus.Forbidden, (await asViewer.RenameAsync("Hijacked", version)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await asViewer.DeactivateAsync("Rename Me", version)).Status);

        await using var ownerScope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var asOwner = ownerScope.ServiceProvider.GetRequiredService<WorkspaceService>();
        Assert.True((await asOwner.RenameAsync("Renamed", version)).Succeeded);
        Assert.Equal("Renamed", (await asOwner.GetCurrentAsync()).Value!.Name);
        // The viewer's copy is now stale as well as forbidden; a stale owner copy is a conflict.
        Assert.Equal(ResultStatus.Conflict, (await asOwner.RenameAsync("Again", version)).Status);
    }

    [Fact]
    public async Task DeactivateAsync_NeedsTheExactName_ThenHidesTheWorkspace()
    {
        var w = await db.CreateWorkspaceAsync("Closing Down");
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<WorkspaceService>();
        var version = (await service.GetCurrentAsync()).Value!.Version;

        Assert.Equal(ResultStatus.Invalid, (await service.DeactivateAsync("closing down", version)).Status);
        Assert.True((await service.DeactivateAsync("Closing Down", version)).Succeeded);

        Assert.DoesNotContain(await service.ListMineAsync(w.OwnerUserId), x => x.Id == w.Id);
        await using var again = host.Anonymous(w.OwnerUserId);
        Assert.Equal(ResultStatus.NotFound, (await again.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, w.OwnerUserId)).Status);
    }

    [Fact]
    public async Task EnterAsync_SlugOfAnotherWorkspace_IsNotFound()
    {
        var a = await db.CreateWorkspaceAsync("Mine");
        var b = await db.CreateWorkspaceAsync("Theirs");
        await using var scope = host.Anonymous(a.OwnerUserId);
        var result = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(b.Slug, a.OwnerUserId);
        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.False(scope.ServiceProvider.GetRequiredService<CurrentMember>().IsSet);
    }

    [Fact]
    public async Task UpdateSettingsAsync_UnknownFlag_IsInvalid_KnownFlagsAreSaved()
    {
        var w = await db.CreateWorkspaceAsync("Flagged");
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<WorkspaceService>();
        var current = (await service.GetCurrentAsync()).Value!;

        Assert.Equal(ResultStatus.Invalid, (await service.UpdateSettingsAsync(SubscriptionTier.Starter, new Dictionary<string, bool> { ["warp_drive"] = true }, current.Version)).Status);
        var ok = await service.UpdateSettingsAsync(SubscriptionTier.Enterprise, new Dictionary<string, bool> { ["ai_agents"] = false }, current.Version);

        Assert.True(ok.Succeeded, ok.Message);
        var after = (await service.GetCurrentAsync()).Value!;
        Assert.Equal(SubscriptionTier.Enterprise, after.Tier);
        Assert.False(after.FeatureFlags["ai_agents"]);
    }

    [Fact]
    public async Task Admin_CanSaveFlags_ButNotChangeTheTier()
    {
        var w = await db.CreateWorkspaceAsync("Admin Flags");
        var admin = await db.AddMemberAsync(w, UserRole.Admin);
        await using var scope = await host.ActAsync(w.Slug, admin.UserId);
        var service = scope.ServiceProvider.GetRequiredService<WorkspaceService>();
        var current = (await service.GetCurrentAsync()).Value!;

        var tierChange = await service.UpdateSettingsAsync(SubscriptionTier.Enterprise, new Dictionary<string, bool>(), current.Version);
        var flagsOnly = await service.UpdateSettingsAsync(current.Tier, new Dictionary<string, bool> { ["ai_agents"] = true }, current.Version);

        Assert.Equal(ResultStatus.Forbidden, tierChange.Status);
        Assert.True(flagsOnly.Succeeded, flagsOnly.Message);
        Assert.Equal(current.Tier, (await service.GetCurrentAsync()).Value!.Tier);
    }

    [Theory]
    [InlineData("Acme Inc.", "acme-inc")]
    [InlineData("Ünïcode & Co", "unicode-co")]
    [InlineData("!!!", "workspace")]
    public void SlugGenerator_MakesUrlSafeSlugs(string name, string slug) => Assert.Equal(slug, SlugGenerator.FromName(name));
}
