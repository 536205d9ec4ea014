using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Workspaces;

[Collection(PostgresCollection.Name)]
public sealed class MemberServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly DomainHost host = new(db);

    public void Dispose() => host.Dispose();

    private async Task<UserRole?> RoleOf(Guid workspaceId, Guid memberId)
    {
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(workspaceId));
        return await ctx.WorkspaceMembers.Where(m => m.Id == memberId).Select(m => (UserRole?)m.Role).FirstOrDefaultAsync();
    }

    private static async Task<MemberRow> Row(AsyncServiceScope scope, Guid memberId) =>
        (await scope.ServiceProvider.GetRequiredService<MemberService>().ListAsync()).Single(m => m.Id == memberId);

    [Fact]
    public async Task ChangeRoleAsync_ByOwner_ChangesRoleAndWritesAudit()
    {
        var w = await db.CreateWorkspaceAsync("Roles Inc");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.ActAsync(w.Slug, w.OwnerUserId);
        var service = owner.ServiceProvider.GetRequiredService<MemberService>();

        var result = await service.ChangeRoleAsync(member.MemberId, UserRole.Admin, (await Row(owner, member.MemberId)).Version);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(UserRole.Admin, await RoleOf(w.Id, member.MemberId));
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(w.Id));
        var audit = await ctx.AuditLogs.Where(a => a.ResourceId == member.MemberId.ToString() && a.Action == "update").SingleAsync();
        Assert.Equal("Member", audit.Changes["role"].Before);
        Assert.Equal("Admin", audit.Changes["role"].After);
        Assert.Equal(w.OwnerUserId, audit.UserId);
    }

    [Theory]
    [InlineData(UserRole.Viewer)]
    [InlineData(UserRole.Member)]
    public async Task ChangeRoleAsync_ByViewerOrMember_IsForbidden(UserRole actorRole)
    {
        var w = await db.CreateWorkspaceAsync("Forbidden Co");
        var actor = await db.AddMemberAsync(w, actorRole);
        var target = await db.AddMemberAsync(w, UserRole.Member);
        await using var scope = await host.ActAsync(w.Slug, actor.UserId);
        var service = scope.ServiceProvider.GetRequiredService<MemberService>();

        var result = await service.ChangeRoleAsync(target.MemberId, UserRole.Admin, (await Row(scope, target.MemberId)).Version);

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Equal(UserRole.Member, await RoleOf(w.Id, target.MemberId));
        Assert.Equal(ResultStatus.Forbidden, (await service.RemoveAsync(target.MemberId)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await service.SetPermissionsAsync(target.MemberId, new Dictionary<string, bool> { [Permissions.RecordsDelete] = false }, 0)).Status);
    }

    [Fact]
    public async Task Admin_CannotTouchOwners_NorMakeOwners()
    {
        var w = await db.CreateWorkspaceAsync("Admin Limits");
        var admin = await db.AddMemberAsync(w, UserRole.Admin);
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var scope = await host.ActAsync(w.Slug, admin.UserId);
        var service = scope.ServiceProvider.GetRequiredService<MemberService>();

        var demoteOwner = await service.ChangeRoleAsync(w.OwnerMemberId, UserRole.Member, (await Row(scope, w.OwnerMemberId)).Version);
        var removeOwner = await service.RemoveAsync(w.OwnerMemberId);
        var promote = await service.ChangeRoleAsync(member.MemberId, UserRole.Owner, (await Row(scope, member.MemberId)).Version);
        var promoteToAdmin = await service.ChangeRoleAsync(member.MemberId, UserRole.Admin, (await Row(scope, member.MemberId)).Version);

        Assert.Equal(ResultStatus.Forbidden, demoteOwner.Status);
        Assert.Equal(ResultStatus.Forbidden, removeOwner.Status);
        Assert.Equal(ResultStatus.Invalid, promote.Status);
        Assert.True(promoteToAdmin.Succeeded, promoteToAdmin.Message);
        Assert.Equal(UserRole.Owner, await RoleOf(w.Id, w.OwnerMemberId));
        Assert.Equal(UserRole.Admin, await RoleOf(w.Id, member.MemberId));
    }

    [Fact]
    public async Task LastOwner_CanNeverBeDemotedOrRemoved()
    {
        var w = await db.CreateWorkspaceAsync("Last Owner");
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<MemberService>();

        var demote = await service.ChangeRoleAsync(w.OwnerMemberId, UserRole.Admin, (await Row(scope, w.OwnerMemberId)).Version);
        var leave = await service.RemoveAsync(w.OwnerMemberId);

        Assert.Equal(ResultStatus.Invalid, demote.Status);
        Assert.Contains("at least one owner", demote.Message, StringComparison.Ordinal);
        Assert.Equal(ResultStatus.Invalid, leave.Status);
        Assert.Equal(UserRole.Owner, await RoleOf(w.Id, w.OwnerMemberId));
    }

    [Fact]
    public async Task SecondOwner_CanDemoteFirst_ButNotBothAtOnce()
    {
        var w = await db.CreateWorkspaceAsync("Two Owners");
        var second = await db.AddMemberAsync(w, UserRole.Owner);
        await using var first = await host.ActAsync(w.Slug, w.OwnerUserId);
        await using var other = await host.ActAsync(w.Slug, second.UserId);
        var v1 = (await Row(first, second.MemberId)).Version;
        var v2 = (await Row(other, w.OwnerMemberId)).Version;

        // Both owners demote each other at the same moment: the owner-row lock lets exactly one through.
        var results = await Task.WhenAll(
            first.ServiceProvider.GetRequiredService<MemberService>().ChangeRoleAsync(second.MemberId, UserRole.Admin, v1),
            other.ServiceProvider.GetRequiredService<MemberService>().ChangeRoleAsync(w.OwnerMemberId, UserRole.Admin, v2));

        Assert.Single(results, r => r.Succeeded);
        var roles = new[] { await RoleOf(w.Id, w.OwnerMemberId), await RoleOf(w.Id, second.MemberId) };
        Assert.Single(roles, r => r == UserRole.Owner);
    }

    [Fact]
    public async Task ChangeRoleAsync_WithStaleVersion_IsConflict_AndKeepsTheOtherEdit()
    {
        var w = await db.CreateWorkspaceAsync("Stale Edits");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<MemberService>();
        var stale = (await Row(scope, member.MemberId)).Version;

        Assert.True((await service.ChangeRoleAsync(member.MemberId, UserRole.Admin, stale)).Succeeded);
        var second = await service.ChangeRoleAsync(member.MemberId, UserRole.Viewer, stale);

        Assert.Equal(ResultStatus.Conflict, second.Status);
        Assert.Equal(UserRole.Admin, await RoleOf(w.Id, member.MemberId));
    }

    [Fact]
    public async Task AnotherWorkspacesMember_IsNotFound_AndUntouched()
    {
        var a = await db.CreateWorkspaceAsync("Tenant A");
        var b = await db.CreateWorkspaceAsync("Tenant B");
        var bMember = await db.AddMemberAsync(b, UserRole.Member);
        await using var scope = await host.ActAsync(a.Slug, a.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<MemberService>();

        Assert.Equal(ResultStatus.NotFound, (await service.ChangeRoleAsync(bMember.MemberId, UserRole.Viewer, 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await service.RemoveAsync(bMember.MemberId)).Status);
        Assert.Equal(ResultStatus.NotFound, (await service.SetPermissionsAsync(bMember.MemberId, new Dictionary<string, bool>(), 0)).Status);
        Assert.DoesNotContain(await service.ListAsync(), m => m.Id == bMember.MemberId);
        Assert.Equal(UserRole.Member, await RoleOf(b.Id, bMember.MemberId));
    }

    [Fact]
    public async Task SetPermissionsAsync_StoresFlags_ButNeverPromotesAViewer()
    {
        var w = await db.CreateWorkspaceAsync("Flags");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.ActAsync(w.Slug, w.OwnerUserId);
        var service = owner.ServiceProvider.GetRequiredService<MemberService>();

        var ok = await service.SetPermissionsAsync(viewer.MemberId, new Dictionary<string, bool> { [Permissions.RecordsWrite] = true }, (await Row(owner, viewer.MemberId)).Version);
        var bad = await service.SetPermissionsAsync(viewer.MemberId, new Dictionary<string, bool> { ["launch.rockets"] = true }, 0);

        Assert.True(ok.Succeeded, ok.Message);
        Assert.Equal(ResultStatus.Invalid, bad.Status);
        await using var viewerScope = await host.ActAsync(w.Slug, viewer.UserId);
        var me = viewerScope.ServiceProvider.GetRequiredService<CurrentMember>();
        Assert.True(me.Can(Permissions.RecordsRead));
        Assert.False(me.Can(Permissions.RecordsWrite));
    }

    [Fact]
    public async Task RemovedMember_LosesAccess_OnTheirNextEntry_InTheSameCircuit()
    {
        var w = await db.CreateWorkspaceAsync("Removal");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var circuit = await host.ActAsync(w.Slug, member.UserId);
        await using (var owner = await host.ActAsync(w.Slug, w.OwnerUserId))
        {
            Assert.True((await owner.ServiceProvider.GetRequiredService<MemberService>().RemoveAsync(member.MemberId)).Succeeded);
        }

        var again = await circuit.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, member.UserId);

        Assert.Equal(ResultStatus.NotFound, again.Status);
        Assert.Empty(await circuit.ServiceProvider.GetRequiredService<MemberService>().ListAsync());
    }
}
