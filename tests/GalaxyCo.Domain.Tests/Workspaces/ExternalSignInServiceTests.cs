using System.Security.Claims;
using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Workspaces;

[Collection(PostgresCollection.Name)]
public sealed class ExternalSignInServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly DomainHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task JoinOrganizationAsync_FirstSignIn_CreatesWorkspaceWithExternalId_WithTheUserAsOwner()
    {
        var person = await db.CreateWorkspaceAsync("Sso First");
        var org = NewOrg();

        var result = await JoinAsync(person.OwnerUserId, org, "Acme Rockets");

        Assert.True(result.Succeeded, result.Message);
        var joined = result.Value!;
        Assert.True(joined.Created);
        Assert.Equal(UserRole.Owner, joined.Role);
        Assert.Equal("Acme Rockets", joined.Name);
        Assert.StartsWith("acme-rockets", joined.Slug, StringComparison.Ordinal);
        Assert.Equal(org, await ScalarAsync<string>("select external_id from workspaces where id = @w", joined.Id));
        Assert.Equal("owner", await ScalarAsync<string>("select role::text from workspace_members where workspace_id = @w and user_id = @u", joined.Id, person.OwnerUserId));
    }

    [Fact]
    public async Task JoinOrganizationAsync_WithoutOrganizationName_NamesTheWorkspaceAfterTheId()
    {
        var person = await db.CreateWorkspaceAsync("Sso Nameless");
        var org = NewOrg();

        var result = await JoinAsync(person.OwnerUserId, org, organizationName: null);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(org, result.Value!.Name);
        Assert.Equal(SlugGenerator.FromName(org), result.Value.Slug);
    }

    [Fact]
    public async Task JoinOrganizationAsync_SecondPersonOfTheSameOrganization_JoinsAsMember()
    {
        var first = await db.CreateWorkspaceAsync("Sso Founder");
        var second = await db.CreateWorkspaceAsync("Sso Colleague");
        var org = NewOrg();
        var created = (await JoinAsync(first.OwnerUserId, org, "Shared Org")).Value!;

        var result = await JoinAsync(second.OwnerUserId, org, "Renamed At The Provider");

        Assert.True(result.Succeeded, result.Message);
        Assert.False(result.Value!.Created);
        Assert.Equal(created.Id, result.Value.Id);
        Assert.Equal(created.Slug, result.Value.Slug);
        Assert.Equal("Shared Org", result.Value.Name);
        Assert.Equal(UserRole.Member, result.Value.Role);
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from workspaces where external_id = @e", created.Id, external: org));
        Assert.Equal("member", await ScalarAsync<string>("select role::text from workspace_members where workspace_id = @w and user_id = @u", created.Id, second.OwnerUserId));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from outbox_messages where workspace_id = @w and event_type = 'member.joined'", created.Id));

        // The new member sees it in their switcher, next to the workspace they had.
        await using var scope = host.Anonymous(second.OwnerUserId);
        var mine = await scope.ServiceProvider.GetRequiredService<WorkspaceService>().ListMineAsync(second.OwnerUserId);
        Assert.Contains(mine, w => w.Id == created.Id && w.Role == UserRole.Member);
        Assert.Contains(mine, w => w.Id == second.Id && w.Role == UserRole.Owner);
    }

    [Fact]
    public async Task JoinOrganizationAsync_SomeoneAlreadyAMember_IsNotDuplicated_AndKeepsTheirRole()
    {
        var founder = await db.CreateWorkspaceAsync("Sso Repeat");
        var colleague = await db.CreateWorkspaceAsync("Sso Repeat Colleague");
        var org = NewOrg();
        var created = (await JoinAsync(founder.OwnerUserId, org, "Repeat Org")).Value!;
        await JoinAsync(colleague.OwnerUserId, org, "Repeat Org");

        var founderAgain = await JoinAsync(founder.OwnerUserId, org, "Repeat Org");
        var colleagueAgain = await JoinAsync(colleague.OwnerUserId, org, "Repeat Org");

        Assert.Equal((created.Id, UserRole.Owner, false), (founderAgain.Value!.Id, founderAgain.Value.Role, founderAgain.Value.Created));
        Assert.Equal((created.Id, UserRole.Member), (colleagueAgain.Value!.Id, colleagueAgain.Value.Role));
        Assert.Equal(2L, await ScalarAsync<long>("select count(*) from workspace_members where workspace_id = @w", created.Id));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from outbox_messages where workspace_id = @w and event_type = 'member.joined'", created.Id));
    }

    [Fact]
    public async Task JoinOrganizationAsync_OrganizationOfOneTenant_NeverLinksToAnotherWorkspace()
    {
        // Tenant A is linked to org A; a workspace named exactly like org B's display name exists without any link.
        var tenantA = await db.CreateWorkspaceAsync("Sso Tenant A");
        var orgA = NewOrg();
        await ExecuteAsync("update workspaces set external_id = @e where id = @w", tenantA.Id, orgA);
        var lookalike = await db.CreateWorkspaceAsync("Sso Tenant A");
        var outsider = await db.CreateWorkspaceAsync("Sso Outsider");
        var orgB = NewOrg();

        var result = await JoinAsync(outsider.OwnerUserId, orgB, tenantA.Name);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(result.Value!.Created);
        Assert.NotEqual(tenantA.Id, result.Value.Id);
        Assert.NotEqual(lookalike.Id, result.Value.Id);
        Assert.Equal(orgB, await ScalarAsync<string>("select external_id from workspaces where id = @w", result.Value.Id));
        Assert.Equal(orgA, await ScalarAsync<string>("select external_id from workspaces where id = @w", tenantA.Id));
        foreach (var other in new[] { tenantA.Id, lookalike.Id })
        {
            Assert.Equal(0L, await ScalarAsync<long>("select count(*) from workspace_members where workspace_id = @w and user_id = @u", other, outsider.OwnerUserId));
            Assert.Equal(1L, await ScalarAsync<long>("select count(*) from workspace_members where workspace_id = @w", other));
        }

        // Ids differ in case or padding only: still another organization.
        var caseVariant = await JoinAsync(outsider.OwnerUserId, orgA.ToUpperInvariant(), "Case Variant");
        Assert.NotEqual(tenantA.Id, caseVariant.Value!.Id);
    }

    [Fact]
    public async Task JoinOrganizationAsync_ManyFirstSignInsAtOnce_CreateOneWorkspace()
    {
        var people = new List<TestWorkspace>();
        for (var i = 0; i < 4; i++) people.Add(await db.CreateWorkspaceAsync($"Sso Rush {i}"));
        var org = NewOrg();

        var results = await Task.WhenAll(people.Select(p => JoinAsync(p.OwnerUserId, org, "Rush Org")));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results.Select(r => r.Value!.Id).Distinct());
        Assert.Single(results, r => r.Value!.Created && r.Value.Role == UserRole.Owner);
        Assert.Equal(4L, await ScalarAsync<long>("select count(*) from workspace_members where workspace_id = @w", results[0].Value!.Id));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from workspaces where name = 'Rush Org' and external_id = @e", results[0].Value!.Id, external: org));
    }

    [Fact]
    public async Task JoinOrganizationAsync_DeactivatedWorkspace_IsNotJoined()
    {
        var tenant = await db.CreateWorkspaceAsync("Sso Closed");
        var org = NewOrg();
        await ExecuteAsync("update workspaces set external_id = @e, is_active = false where id = @w", tenant.Id, org);
        var person = await db.CreateWorkspaceAsync("Sso Closed Person");

        var result = await JoinAsync(person.OwnerUserId, org, "Closed");

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from workspace_members where workspace_id = @w and user_id = @u", tenant.Id, person.OwnerUserId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task JoinOrganizationAsync_BlankOrganization_IsInvalid_AndCreatesNothing(string org)
    {
        var person = await db.CreateWorkspaceAsync("Sso Blank");

        var result = await JoinAsync(person.OwnerUserId, org, "Blank");

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from workspace_members where user_id = @u", Guid.Empty, person.OwnerUserId));
    }

    [Fact]
    public async Task RecordSubjectAsync_SetsExternalIdOnce_AndNeverTakesAnotherUsersSubject()
    {
        var first = await db.CreateWorkspaceAsync("Sso Subject One");
        var second = await db.CreateWorkspaceAsync("Sso Subject Two");
        var subject = "sub-" + Guid.NewGuid().ToString("N");
        await using var scope = host.Anonymous(first.OwnerUserId);
        var service = scope.ServiceProvider.GetRequiredService<ExternalSignInService>();

        await service.RecordSubjectAsync(first.OwnerUserId, subject);
        await service.RecordSubjectAsync(first.OwnerUserId, "a-later-subject");
        await service.RecordSubjectAsync(second.OwnerUserId, subject);

        const string sql = "select coalesce(external_id, '') from users where id = @u";
        Assert.Equal(subject, await ScalarAsync<string>(sql, Guid.Empty, first.OwnerUserId));
        Assert.Equal("", await ScalarAsync<string>(sql, Guid.Empty, second.OwnerUserId));
    }

    [Fact]
    public void FromPrincipal_ReadsTheStandardClaims_AndTreatsAMissingEmailVerifiedAsVerified()
    {
        var identity = ExternalIdentity.FromPrincipal(Principal(
            ("sub", "user-123"), ("email", " ada@acme.test "), ("given_name", "Ada"), ("family_name", "Lovelace"),
            ("org_id", "org-1"), ("org_name", "Acme")), "org_id");

        Assert.Equal(new ExternalIdentity("user-123", "ada@acme.test", true, "Ada", "Lovelace", "org-1", "Acme"), identity);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("nonsense", false)]
    public void FromPrincipal_HonoursEmailVerified(string value, bool verified) =>
        Assert.Equal(verified, ExternalIdentity.FromPrincipal(Principal(("sub", "s"), ("email", "a@b.test"), ("email_verified", value)), "org_id")!.EmailVerified);

    [Fact]
    public void FromPrincipal_OnlyAnExplicitEmailVerified_AllowsLinkingToAnExistingAccount()
    {
        Assert.False(ExternalIdentity.FromPrincipal(Principal(("sub", "s"), ("email", "a@b.test")), "org_id")!.EmailVerifiedExplicitly);
        Assert.False(ExternalIdentity.FromPrincipal(Principal(("sub", "s"), ("email", "a@b.test"), ("email_verified", "false")), "org_id")!.EmailVerifiedExplicitly);
        Assert.True(ExternalIdentity.FromPrincipal(Principal(("sub", "s"), ("email", "a@b.test"), ("email_verified", "true")), "org_id")!.EmailVerifiedExplicitly);
    }

    [Fact]
    public void FromPrincipal_UsesTheConfiguredOrganizationClaim_AndNeedsASubject()
    {
        var identity = ExternalIdentity.FromPrincipal(Principal(("sub", "s"), ("org_id", "wrong"), ("tenant", "right")), "tenant");
        Assert.Equal("right", identity!.OrganizationId);
        Assert.Null(identity.Email);
        Assert.Null(ExternalIdentity.FromPrincipal(Principal(("email", "a@b.test")), "org_id"));
    }

    private async Task<Result<ExternalWorkspace>> JoinAsync(Guid userId, string org, string? organizationName)
    {
        await using var scope = host.Anonymous(userId);
        return await scope.ServiceProvider.GetRequiredService<ExternalSignInService>().JoinOrganizationAsync(userId, org, organizationName);
    }

    private static string NewOrg() => "org_" + Guid.NewGuid().ToString("N")[..16];

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

    private async Task<T> ScalarAsync<T>(string sql, Guid workspaceId, Guid? userId = null, string? external = null)
    {
        await using var connection = await db.OpenSuperuserConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("w", workspaceId);
        command.Parameters.AddWithValue("u", userId ?? Guid.Empty);
        command.Parameters.AddWithValue("e", external ?? "");
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, Guid workspaceId, string external)
    {
        await using var connection = await db.OpenSuperuserConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("w", workspaceId);
        command.Parameters.AddWithValue("e", external);
        await command.ExecuteNonQueryAsync();
    }
}
