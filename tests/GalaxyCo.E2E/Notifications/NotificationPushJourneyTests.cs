using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Notifications;

/// <summary>
/// Live notifications across app nodes: two GalaxyCo.Web processes on two ports share one database, as a scaled-out
/// deployment does. B has the app open on node 2; A, on node 1, assigns B a task through the task page; B's bell
/// count rises and a snackbar names the task within seconds, without a reload (PostgreSQL LISTEN/NOTIFY carries it).
/// </summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class NotificationPushJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task AssignTask_OnNode1_RaisesTheAssigneesBell_OnNode2_WithoutReload() => BrowserSession.RunAsync(app, output, async session =>
    {
        var node2 = await session.StartNodeAsync();

        // A (node 1) makes a workspace and invites B.
        var a = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(a, app.Mail, "assigner");
        var workspace = $"Relay {Guid.NewGuid().ToString("N")[..6]}";
        var slug = await People.CreateWorkspaceAsync(a, workspace);
        var bEmail = People.NewEmail("assignee");
        await a.WaitForInteractiveAsync();
        await a.ByTestId("invite-button").ClickAsync();
        await a.InputByTestId("invite-email").FillAsync(bEmail);
        await a.ByTestId("send-invite").ClickAsync();
        await Expect(a.ByTestId("invitation-table")).ToContainTextAsync(bEmail);

        // B joins through the invitation, on node 2, and stays on the workspace home.
        var b = await session.NewPageAsync(baseUri: node2.BaseUri);
        var invitation = new Uri(await app.Mail.WaitForLinkAsync(bEmail, "invited"));
        await b.GotoAsync(invitation.PathAndQuery);
        await Expect(b.Locator("h1")).ToHaveTextAsync($"Join {workspace}");
        await b.Locator("[id='Input.FirstName']").FillAsync("Bea");
        await b.Locator("[id='Input.LastName']").FillAsync("Relay");
        await b.Locator("[id='Input.Password']").FillAsync(People.Password);
        await b.Locator("[id='Input.ConfirmPassword']").FillAsync(People.Password);
        await b.ByTestId("register-and-accept").ClickAsync();
        await b.WaitForURLAsync(new Regex($"/w/{Regex.Escape(slug)}$"));
        await b.WaitForInteractiveAsync();
        Assert.Equal(node2.BaseUri.Port, new Uri(b.Url).Port);
        var bBell = b.ByTestId("notification-bell");
        await Expect(bBell).ToBeVisibleAsync();
        await Expect(b.Locator("[data-testid='notification-badge'] .mud-badge")).ToHaveCountAsync(0);
        await b.EvaluateAsync("() => { window.__notReloaded = true; }");

        // A (node 1) creates a task and assigns it to B on its page.
        await a.GotoInteractiveAsync($"/w/{slug}/work/my");
        await a.ByTestId("quick-add-input").FillAsync("Draft the relay checklist");
        await a.ByTestId("quick-add-input").PressAsync("Enter");
        var title = a.ByTestId("task-title").Filter(new() { HasText = "Draft the relay checklist" });
        await Expect(title).ToHaveCountAsync(1);
        await title.ClickAsync();
        await a.WaitForURLAsync(new Regex($"/w/{Regex.Escape(slug)}/work/tasks/[0-9a-f-]{{36}}$"));
        await a.WaitForInteractiveAsync();
        var taskPath = new Uri(a.Url).AbsolutePath;
        await a.ChooseAsync(a.ByTestId("detail-assignee"), "Bea Relay");
        await a.ByTestId("detail-save").ClickAsync();
        await Expect(a.Locator(".mud-snackbar").Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();

        // B, on the other node, sees it within seconds: the count and a snackbar, on the same page load.
        await Expect(b.Locator("[data-testid='notification-badge'] .mud-badge")).ToHaveTextAsync("1", new() { Timeout = 5_000 });
        var snackbar = b.Locator(".mud-snackbar").Filter(new() { HasText = "assigned you a task" });
        await Expect(snackbar).ToBeVisibleAsync(new() { Timeout = 5_000 });
        Assert.True(await b.EvaluateAsync<bool>("() => window.__notReloaded === true"), "B's page must update without a reload");

        // The panel lists it under Today; opening it marks it read and goes to the task.
        await bBell.ClickAsync();
        var item = b.ByTestId("notification-item").Filter(new() { HasText = "Draft the relay checklist" });
        await Expect(b.ByTestId("notification-day").First).ToHaveTextAsync("Today");
        await Expect(item).ToHaveAttributeAsync("data-read", "false");
        await item.Locator("[data-testid='notification-open']").ClickAsync();
        await b.WaitForURLAsync(new Regex(Regex.Escape(taskPath) + "$"));
        await Expect(b.Locator("[data-testid='notification-badge'] .mud-badge")).ToHaveCountAsync(0);
    });
}
