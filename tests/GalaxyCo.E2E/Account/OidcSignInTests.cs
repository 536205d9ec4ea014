using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;
using Npgsql;

namespace GalaxyCo.E2E.Account;

/// <summary>Single sign-on against a real OpenID Connect provider on loopback, through the sign-in page.</summary>
[Collection(OidcGalaxyAppCollection.Name)]
public sealed class OidcSignInTests(OidcGalaxyApp sso, ITestOutputHelper output)
{
    [Fact]
    public Task Oidc_FirstPersonOfAnOrganization_LandsSignedInInItsNewWorkspace_AndColleagueJoinsIt() => RunAsync(async session =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var organization = $"org_{suffix}";
        var organizationName = $"Acme Rockets {suffix}";
        var ada = new OidcPerson($"ada-{suffix}", $"ada-{suffix}@acme.example", "Ada", "Lovelace", organization, organizationName);

        // Ada signs in with "Acme SSO" on the sign-in page and lands in her organization's new workspace.
        var a = await session.NewPageAsync();
        var slug = await SignInWithSsoAsync(a, ada);
        Assert.StartsWith($"acme-rockets-{suffix}", slug, StringComparison.Ordinal);
        await Expect(a.GetByRole(AriaRole.Heading, new() { Name = organizationName })).ToBeVisibleAsync();

        var adaRow = await ReadAsync(
            "select u.external_id, u.email_confirmed, u.first_name, u.last_name, m.role::text from users u " +
            "join workspace_members m on m.user_id = u.id join workspaces w on w.id = m.workspace_id " +
            "where u.email = @email and w.slug = @slug", ("email", ada.Email!), ("slug", slug));
        Assert.Equal([ada.Subject, true, "Ada", "Lovelace", "owner"], adaRow);
        Assert.Equal([organization, organizationName], await ReadAsync("select external_id, name from workspaces where slug = @slug", ("slug", slug)));

        // Grace, a colleague from the same organization, signs in from her own browser and joins that workspace.
        var grace = new OidcPerson($"grace-{suffix}", $"grace-{suffix}@acme.example", "Grace", "Hopper", organization, organizationName);
        var g = await session.NewPageAsync();
        Assert.Equal(slug, await SignInWithSsoAsync(g, grace));
        await Expect(g.GetByRole(AriaRole.Heading, new() { Name = organizationName })).ToBeVisibleAsync();
        Assert.Equal([grace.Subject, "member"], await ReadAsync(
            "select u.external_id, m.role::text from users u join workspace_members m on m.user_id = u.id " +
            "join workspaces w on w.id = m.workspace_id where u.email = @email and w.slug = @slug", ("email", grace.Email!), ("slug", slug)));

        // Ada signs in again (a fresh browser): the same account and workspace, nothing duplicated.
        var again = await session.NewPageAsync();
        Assert.Equal(slug, await SignInWithSsoAsync(again, ada));
        Assert.Equal([1L, 2L], await ReadAsync(
            "select (select count(*) from users where external_id = @sub), " +
            "(select count(*) from workspace_members m join workspaces w on w.id = m.workspace_id where w.external_id = @org)",
            ("sub", ada.Subject), ("org", organization)));
    });

    [Fact]
    public Task Oidc_WithoutAnEmailClaim_AsksForAnAddress_AndConfirmsItByMail() => RunAsync(async session =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var page = await session.NewPageAsync();
        sso.Provider.NextPerson = new OidcPerson($"noemail-{suffix}", Email: null, "No", "Mail", OrganizationId: null, OrganizationName: null);

        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Continue with {OidcGalaxyApp.DisplayName}", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Account/ExternalLogin"));
        await Expect(page.Locator("h2")).ToContainTextAsync($"Associate your {OidcGalaxyApp.DisplayName} account");

        var email = People.NewEmail("sso-manual");
        await page.Locator("[id='Input.Email']").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Account/RegisterConfirmation"));
        Assert.Equal([$"noemail-{suffix}", false], await ReadAsync("select external_id, email_confirmed from users where email = @email", ("email", email)));
    });

    private Task RunAsync(Func<BrowserSession, Task> test, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        BrowserSession.RunAsync(sso.App, output, async session =>
        {
            try
            {
                await test(session);
            }
            catch
            {
                output.WriteLine("[oidc provider] last lines:\n" + sso.Provider.RecentLog());
                throw;
            }
        }, name);

    /// <summary>Sign-in page → the provider's button → back in the app on a workspace page; returns its slug.</summary>
    private async Task<string> SignInWithSsoAsync(IPage page, OidcPerson person)
    {
        sso.Provider.NextPerson = person;
        var before = sso.Provider.AuthorizationCount;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync("/Account/Login");
        var button = page.GetByRole(AriaRole.Button, new() { Name = $"Continue with {OidcGalaxyApp.DisplayName}", Exact = true });
        await Expect(button).ToBeVisibleAsync();
        output.WriteLine($"[timing] login page {watch.ElapsedMilliseconds} ms");
        await button.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/w/[^/?#]+$"), new() { Timeout = 60_000 });
        output.WriteLine($"[timing] in workspace {watch.ElapsedMilliseconds} ms");
        Assert.Equal(before + 1, sso.Provider.AuthorizationCount);
        return page.WorkspaceSlug();
    }

    /// <summary>One row, read as superuser (past RLS) to check what the app wrote.</summary>
    private async Task<object?[]> ReadAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(sso.App.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters) command.Parameters.AddWithValue(parameterName, value);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for: {sql}");
        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }
}
