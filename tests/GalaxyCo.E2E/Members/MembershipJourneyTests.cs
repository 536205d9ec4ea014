using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Members;

[Collection(GalaxyAppCollection.Name)]
public sealed class MembershipJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task Register_Confirm_CreateWorkspace_Invite_Accept_ChangeRole() => BrowserSession.RunAsync(app, output, async session =>
    {
        // A: a newcomer registers, confirms from the mail and signs in.
        var a = await session.NewPageAsync();
        var ownerEmail = People.NewEmail("owner");
        await People.RegisterAsync(a, ownerEmail);
        await People.ConfirmEmailAsync(a, app.Mail, ownerEmail);
        await People.SignInAsync(a, ownerEmail);
        await a.WaitForURLAsync(new Regex("/workspaces/new$")); // no workspace yet

        // A creates a workspace and lands on its members page.
        var workspaceName = $"Orbit Labs {Guid.NewGuid().ToString("N")[..6]}";
        var slug = await People.CreateWorkspaceAsync(a, workspaceName);
        Assert.Equal($"/w/{slug}/members", new Uri(a.Url).AbsolutePath);
        await Expect(a.Locator("h1")).ToHaveTextAsync("Members");

        // A invites B.
        var memberEmail = People.NewEmail("member");
        await a.ByTestId("invite-button").ClickAsync();
        await a.InputByTestId("invite-email").FillAsync(memberEmail);
        await a.ByTestId("send-invite").ClickAsync();
        await Expect(a.ByTestId("invitation-table")).ToContainTextAsync(memberEmail);

        // B (another browser) opens the invitation, creates an account and joins.
        var b = await session.NewPageAsync();
        var invitation = await app.Mail.WaitForLinkAsync(memberEmail, "invited");
        await b.GotoAsync(Tampered(invitation));
        await Expect(b.Locator("h1")).ToHaveTextAsync("This invitation link is not valid");
        await b.GotoAsync(invitation);
        await Expect(b.Locator("h1")).ToHaveTextAsync($"Join {workspaceName}");
        await b.Locator("[id='Input.FirstName']").FillAsync("Bea");
        await b.Locator("[id='Input.LastName']").FillAsync("Member");
        await b.Locator("[id='Input.Password']").FillAsync(People.Password);
        await b.Locator("[id='Input.ConfirmPassword']").FillAsync(People.Password);
        await b.ByTestId("register-and-accept").ClickAsync();
        await b.WaitForURLAsync(new Regex($"/w/{Regex.Escape(slug)}$"));

        // As a member, B cannot manage people.
        await OpenMembersAsync(b, slug);
        await Expect(b.ByTestId("member-table")).ToContainTextAsync(ownerEmail);
        await Expect(b.ByTestId("invite-button")).ToHaveCountAsync(0);

        // A sees B in the member list (no longer pending) and makes B an admin.
        await OpenMembersAsync(a, slug);
        await Expect(a.ByTestId("member-table")).ToContainTextAsync(memberEmail);
        await Expect(a.ByTestId("invitation-table")).ToHaveCountAsync(0);
        await a.ChooseAsync(a.ByTestId($"role-{memberEmail}"), "admin");
        await Expect(a.Locator(".mud-snackbar")).ToContainTextAsync("is now admin");

        // B's UI follows the new role: the invite button appears.
        await OpenMembersAsync(b, slug);
        await Expect(b.ByTestId("invite-button")).ToBeVisibleAsync();

        // A demotes B to viewer: read-only notice, no invite button, no role pickers.
        await OpenMembersAsync(a, slug);
        await a.ChooseAsync(a.ByTestId($"role-{memberEmail}"), "viewer");
        await Expect(a.Locator(".mud-snackbar")).ToContainTextAsync("is now viewer");

        await OpenMembersAsync(b, slug);
        await Expect(b.ByTestId("viewer-notice")).ToBeVisibleAsync();
        await Expect(b.ByTestId("invite-button")).ToHaveCountAsync(0);
        await Expect(b.ByTestId("member-table").Locator(".mud-select")).ToHaveCountAsync(0);
        await Expect(b.ByTestId($"role-label-{memberEmail}")).ToHaveTextAsync("viewer");
    });

    /// <summary>The same link with one character in the middle of its signed token changed.</summary>
    private static string Tampered(string link)
    {
        var uri = new Uri(link);
        var token = Uri.UnescapeDataString(uri.Query[(uri.Query.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var chars = token.ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return $"{uri.GetLeftPart(UriPartial.Path)}?token={Uri.EscapeDataString(new string(chars))}";
    }

    /// <summary>Full reload (a new circuit, so the role is read again), then waits until the member list is loaded.</summary>
    private static async Task OpenMembersAsync(IPage page, string slug)
    {
        await page.GotoInteractiveAsync($"/w/{slug}/members");
        await Expect(page.ByTestId("member-table")).ToBeVisibleAsync();
    }
}
