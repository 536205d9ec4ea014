using System.Security.Cryptography;
using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Integrations.AccessTokens;
using GalaxyCo.Domain.Tests.Ai;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Integrations.AccessTokens;

[Collection(PostgresCollection.Name)]
public sealed class PersonalAccessTokenTests(PostgresDatabase db)
{
    [Fact]
    public async Task CreateAsync_Valid_ReturnsSecretOnceAndStoresOnlyItsHash()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Tokens Create");
        await using var scope = host.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>();

        var created = await tokens.CreateAsync(w.OwnerUserId, w.Id, " CI import ", AccessTokenScope.ReadWrite, 30);

        Assert.True(created.Succeeded, created.Message);
        var secret = created.Value!.Secret;
        Assert.Matches("^gxp_[0-9A-Za-z]{40}$", secret);
        Assert.Equal("CI import", created.Value.Token.Name);
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            var row = await ctx.PersonalAccessTokens.AsNoTracking().SingleAsync();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), row.TokenHash);
            Assert.Equal(secret[4..12], row.TokenPrefix);
            Assert.DoesNotContain(secret[12..], row.TokenHash + row.TokenPrefix + row.Name, StringComparison.Ordinal);
            Assert.NotNull(row.ExpiresAt);
            Assert.InRange(row.ExpiresAt!.Value, DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        }
        var listed = Assert.Single(await tokens.ListMineAsync(w.OwnerUserId));
        Assert.Equal(w.Slug, listed.WorkspaceSlug);
        Assert.Equal("gxp_" + secret[4..12], listed.Prefix);
        Assert.NotEqual(secret, PersonalAccessTokenService.NewSecret());
    }

    [Fact]
    public async Task CreateAsync_BadInputOrForeignWorkspace_IsRefused()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Tokens Invalid");
        var other = await db.CreateWorkspaceAsync("Tokens Invalid Other");
        await using var scope = host.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>();

        var invalid = await tokens.CreateAsync(w.OwnerUserId, w.Id, "  ", AccessTokenScope.Read, 0);
        Assert.NotNull(invalid.ErrorFor("name"));
        Assert.NotNull(invalid.ErrorFor("expiresInDays"));
        Assert.Equal(ResultStatus.NotFound, (await tokens.CreateAsync(w.OwnerUserId, other.Id, "x", AccessTokenScope.Read, null)).Status);
        Assert.Empty(await tokens.ListMineAsync(w.OwnerUserId));
    }

    [Fact]
    public async Task AuthenticateAsync_ValidToken_SetsMemberAndTenantAndLastUsed()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Tokens Auth");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        var secret = await CreateAsync(host, viewer.UserId, w.Id, AccessTokenScope.Read);

        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccessTokenAuthenticator>().AuthenticateAsync(w.Slug, secret, needsWrite: false);

        Assert.True(result.Succeeded, result.Message);
        var member = scope.ServiceProvider.GetRequiredService<CurrentMember>();
        Assert.Equal(w.Id, member.WorkspaceId);
        Assert.Equal(viewer.UserId, member.UserId);
        Assert.Equal(UserRole.Viewer, member.Role);
        Assert.False(member.Can(Permissions.RecordsWrite));
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        Assert.Equal(w.Id, tenant.WorkspaceId);
        Assert.Equal(viewer.UserId, tenant.UserId);
        await using var ctx = db.CreateContext(w.Tenant());
        Assert.NotNull((await ctx.PersonalAccessTokens.AsNoTracking().SingleAsync()).LastUsedAt);
    }

    [Fact]
    public async Task AuthenticateAsync_TokenOfWorkspaceAOnSlugB_IsNotFound()
    {
        await using var host = AiHost.Start(db);
        var a = await db.CreateWorkspaceAsync("Tokens Tenancy A");
        var b = await db.CreateWorkspaceAsync("Tokens Tenancy B");
        // The same person is a member of B too: still, A's token never opens B.
        var both = await db.AddMemberAsync(a, UserRole.Admin);
        await using (var ctx = db.CreateContext(b.Tenant()))
        {
            ctx.WorkspaceMembers.Add(new WorkspaceMember { UserId = both.UserId, Role = UserRole.Admin, JoinedAt = DateTime.UtcNow });
            await ctx.SaveChangesAsync();
        }
        var secret = await CreateAsync(host, both.UserId, a.Id, AccessTokenScope.ReadWrite);

        await using var scope = host.Services.CreateAsyncScope();
        var authenticator = scope.ServiceProvider.GetRequiredService<AccessTokenAuthenticator>();
        Assert.Equal(ResultStatus.NotFound, (await authenticator.AuthenticateAsync(b.Slug, secret, needsWrite: false)).Status);
        Assert.Equal(ResultStatus.NotFound, (await authenticator.AuthenticateAsync("no-such-workspace", secret, needsWrite: false)).Status);
        Assert.False(scope.ServiceProvider.GetRequiredService<CurrentMember>().IsSet);
        Assert.Null(scope.ServiceProvider.GetRequiredService<TenantContext>().WorkspaceId);
        Assert.True((await authenticator.AuthenticateAsync(a.Slug, secret, needsWrite: true)).Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_MissingMalformedRevokedExpired_AreUnauthenticated()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Tokens Bad");
        var revoked = await CreateAsync(host, w.OwnerUserId, w.Id, AccessTokenScope.ReadWrite);
        var expired = await CreateAsync(host, w.OwnerUserId, w.Id, AccessTokenScope.ReadWrite);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>();
            var listed = await tokens.ListMineAsync(w.OwnerUserId);
            var toRevoke = listed.Single(t => revoked.StartsWith(t.Prefix, StringComparison.Ordinal));
            Assert.True((await tokens.RevokeAsync(w.OwnerUserId, w.Id, toRevoke.Id)).Succeeded);
        }
        await using (var conn = await db.OpenSuperuserConnectionAsync())
        await using (var cmd = new NpgsqlCommand("update personal_access_tokens set expires_at = now() - interval '1 minute' where token_hash = @h", conn))
        {
            cmd.Parameters.AddWithValue("h", PersonalAccessTokenService.Hash(expired));
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        await using var auth = host.Services.CreateAsyncScope();
        var authenticator = auth.ServiceProvider.GetRequiredService<AccessTokenAuthenticator>();
        foreach (var bad in new[] { null, "", "Bearer", "gxp_short", revoked, expired })
        {
            var result = await authenticator.AuthenticateAsync(w.Slug, bad, needsWrite: false);
            Assert.Equal(ResultStatus.Invalid, result.Status);
            Assert.NotNull(result.ErrorFor("token"));
        }
        // Well-formed but unknown here: the same answer as another workspace's token.
        Assert.Equal(ResultStatus.NotFound, (await authenticator.AuthenticateAsync(w.Slug, PersonalAccessTokenService.NewSecret(), false)).Status);
    }

    [Fact]
    public async Task AuthenticateAsync_ReadTokenWritingOrInactiveMember_IsRefused()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Tokens Scope");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        var read = await CreateAsync(host, w.OwnerUserId, w.Id, AccessTokenScope.Read);
        var leaver = await CreateAsync(host, member.UserId, w.Id, AccessTokenScope.ReadWrite);
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            var row = await ctx.WorkspaceMembers.SingleAsync(m => m.UserId == member.UserId);
            row.IsActive = false;
            await ctx.SaveChangesAsync();
        }

        await using var scope = host.Services.CreateAsyncScope();
        var authenticator = scope.ServiceProvider.GetRequiredService<AccessTokenAuthenticator>();
        Assert.Equal(ResultStatus.Forbidden, (await authenticator.AuthenticateAsync(w.Slug, read, needsWrite: true)).Status);
        Assert.True((await authenticator.AuthenticateAsync(w.Slug, read, needsWrite: false)).Succeeded);
        Assert.Equal(ResultStatus.NotFound, (await authenticator.AuthenticateAsync(w.Slug, leaver, needsWrite: false)).Status);
    }

    [Fact]
    public async Task RevokeAsync_AnotherPersonsToken_IsNotFound()
    {
        await using var host = AiHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Tokens Revoke");
        var admin = await db.AddMemberAsync(w, UserRole.Admin);
        await CreateAsync(host, w.OwnerUserId, w.Id, AccessTokenScope.Read);
        await using var scope = host.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>();
        var owners = Assert.Single(await tokens.ListMineAsync(w.OwnerUserId));
        Assert.Equal(ResultStatus.NotFound, (await tokens.RevokeAsync(admin.UserId, w.Id, owners.Id)).Status);
        Assert.Null(Assert.Single(await tokens.ListMineAsync(w.OwnerUserId)).RevokedAt);
        Assert.Empty(await tokens.ListMineAsync(admin.UserId));
    }

    private static async Task<string> CreateAsync(AiHost host, Guid userId, Guid workspaceId, AccessTokenScope scope)
    {
        await using var s = host.Services.CreateAsyncScope();
        var created = await s.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(userId, workspaceId, "t", scope, null);
        Assert.True(created.Succeeded, created.Message);
        return created.Value!.Secret;
    }
}
