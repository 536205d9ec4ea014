using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Workspaces;

[Collection(PostgresCollection.Name)]
public sealed class InvitationServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly DomainHost host = new(db);

    public void Dispose() => host.Dispose();

    private async Task<(TestWorkspace W, string Email, string Token)> InviteAsync(UserRole role = UserRole.Member)
    {
        var w = await db.CreateWorkspaceAsync("Inviting Co");
        var email = $"new-{Guid.NewGuid():N}@example.com";
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var result = await scope.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync(email, role, "http://localhost:5080/");
        Assert.True(result.Succeeded, result.Message);
        return (w, email, DomainHost.TokenOf(host.LinkInLatestMailTo(email)));
    }

    [Fact]
    public async Task InviteAsync_SendsMailWithLink_AndAcceptCreatesMembership()
    {
        var (w, email, token) = await InviteAsync(UserRole.Admin);
        var user = await db.AddMemberAsync(await db.CreateWorkspaceAsync("Elsewhere"), UserRole.Member, email);
        await using var scope = host.Anonymous(user.UserId);
        var service = scope.ServiceProvider.GetRequiredService<InvitationService>();

        var preview = await service.PreviewAsync(token);
        var accepted = await service.AcceptAsync(token, user.UserId);

        Assert.Equal(InvitationState.Valid, preview.State);
        Assert.Equal(email, preview.Email);
        Assert.Equal(w.Slug, accepted.Value);
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(w.Id));
        var member = await ctx.WorkspaceMembers.SingleAsync(m => m.UserId == user.UserId);
        Assert.Equal(UserRole.Admin, member.Role);
        Assert.Equal(w.OwnerUserId, member.InvitedBy);
        Assert.True(await ctx.OutboxMessages.AnyAsync(o => o.EventType == "member.joined"));
        // Single use: the same link cannot add anyone else.
        var other = await db.AddMemberAsync(await db.CreateWorkspaceAsync("Third"), UserRole.Member);
        Assert.Equal(ResultStatus.Invalid, (await service.AcceptAsync(token, other.UserId)).Status);
    }

    [Fact]
    public async Task AcceptAsync_ByAnotherEmail_IsRefused()
    {
        var (w, _, token) = await InviteAsync();
        var stranger = await db.AddMemberAsync(await db.CreateWorkspaceAsync("Stranger"), UserRole.Member);
        await using var scope = host.Anonymous(stranger.UserId);

        var result = await scope.ServiceProvider.GetRequiredService<InvitationService>().AcceptAsync(token, stranger.UserId);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("Sign in with that address", result.Message, StringComparison.Ordinal);
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(w.Id));
        Assert.False(await ctx.WorkspaceMembers.AnyAsync(m => m.UserId == stranger.UserId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task TamperedToken_IsInvalid(string token)
    {
        await using var scope = host.Anonymous(Guid.NewGuid());
        var service = scope.ServiceProvider.GetRequiredService<InvitationService>();
        Assert.Equal(InvitationState.Invalid, (await service.PreviewAsync(token)).State);
        Assert.Equal(ResultStatus.Invalid, (await service.AcceptAsync(token, Guid.NewGuid())).Status);
    }

    [Fact]
    public async Task EditedToken_IsInvalid()
    {
        var (_, _, token) = await InviteAsync();
        var edited = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        await using var scope = host.Anonymous(Guid.NewGuid());
        Assert.Equal(InvitationState.Invalid, (await scope.ServiceProvider.GetRequiredService<InvitationService>().PreviewAsync(edited)).State);
    }

    [Fact]
    public async Task RevokedAndResentInvitations_InvalidateOldLinks()
    {
        var (w, email, firstToken) = await InviteAsync();
        await using (var owner = await host.ActAsync(w.Slug, w.OwnerUserId))
        {
            var service = owner.ServiceProvider.GetRequiredService<InvitationService>();
            var invitation = (await service.ListPendingAsync()).Single(i => i.Email == email);
            Assert.True((await service.ResendAsync(invitation.Id, "http://localhost/")).Succeeded);
        }
        var secondToken = DomainHost.TokenOf(host.LinkInLatestMailTo(email));
        await using var anon = host.Anonymous(Guid.NewGuid());
        var previews = anon.ServiceProvider.GetRequiredService<InvitationService>();
        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(InvitationState.Invalid, (await previews.PreviewAsync(firstToken)).State);
        Assert.Equal(InvitationState.Valid, (await previews.PreviewAsync(secondToken)).State);

        await using (var owner = await host.ActAsync(w.Slug, w.OwnerUserId))
        {
            var service = owner.ServiceProvider.GetRequiredService<InvitationService>();
            var invitation = (await service.ListPendingAsync()).Single(i => i.Email == email);
            Assert.True((await service.RevokeAsync(invitation.Id)).Succeeded);
        }
        Assert.Equal(InvitationState.Revoked, (await previews.PreviewAsync(secondToken)).State);
    }

    [Fact]
    public async Task ExpiredInvitation_CannotBeAccepted()
    {
        var (_, email, token) = await InviteAsync();
        var user = await db.AddMemberAsync(await db.CreateWorkspaceAsync("Late"), UserRole.Member, email);
        using var later = new DomainHost(db, new ShiftedClock(InvitationService.Lifetime + TimeSpan.FromHours(1)));
        await using var scope = later.Anonymous(user.UserId);

        var result = await scope.ServiceProvider.GetRequiredService<InvitationService>().AcceptAsync(token, user.UserId);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("expired", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("a@b")]
    [InlineData("")]
    public async Task InviteAsync_InvalidEmail_IsInvalidNextToTheField(string email)
    {
        var w = await db.CreateWorkspaceAsync("Bad Emails");
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var result = await scope.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync(email, UserRole.Member, "http://localhost/");
        Assert.NotNull(result.ErrorFor("email"));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<InvitationService>().ListPendingAsync());
    }

    [Fact]
    public async Task InviteAsync_TwiceForSameEmail_OrAnExistingMember_IsInvalid()
    {
        var (w, email, _) = await InviteAsync();
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<InvitationService>();
        Assert.Contains("pending invitation", (await service.InviteAsync(email.ToUpperInvariant(), UserRole.Member, "http://x/")).ErrorFor("email"), StringComparison.Ordinal);
        Assert.Contains("already a member", (await service.InviteAsync(w.OwnerEmail, UserRole.Member, "http://x/")).ErrorFor("email"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_CannotInvite_AndAdminCannotInviteOwners()
    {
        var w = await db.CreateWorkspaceAsync("Who Invites");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        var admin = await db.AddMemberAsync(w, UserRole.Admin);
        await using var asMember = await host.ActAsync(w.Slug, member.UserId);
        await using var asAdmin = await host.ActAsync(w.Slug, admin.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await asMember.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync("x@example.com", UserRole.Member, "http://x/")).Status);
        Assert.NotNull((await asAdmin.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync("y@example.com", UserRole.Owner, "http://x/")).ErrorFor("role"));
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
