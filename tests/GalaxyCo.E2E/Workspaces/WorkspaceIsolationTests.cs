using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Workspaces;

[Collection(GalaxyAppCollection.Name)]
public sealed class WorkspaceIsolationTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task AnotherWorkspaceSlug_ShowsNotFound() => BrowserSession.RunAsync(app, output, async session =>
    {
        // B owns a workspace A has never been invited to.
        var b = await session.NewPageAsync();
        var ownerEmail = await People.NewSignedInPersonAsync(b, app.Mail, "secret-owner");
        var secretName = $"Hidden Ventures {Guid.NewGuid().ToString("N")[..6]}";
        var secretSlug = await People.CreateWorkspaceAsync(b, secretName);

        var a = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(a, app.Mail, "outsider");
        var ownSlug = await People.CreateWorkspaceAsync(a, $"Outsider Co {Guid.NewGuid().ToString("N")[..6]}");

        foreach (var path in new[] { $"/w/{secretSlug}", $"/w/{secretSlug}/members", $"/w/{secretSlug}/settings" })
        {
            await a.GotoInteractiveAsync(path);
            await Expect(a.GetByText("We couldn't find that workspace")).ToBeVisibleAsync();
            await Expect(a.Locator("body")).Not.ToContainTextAsync(secretName);
            await Expect(a.Locator("body")).Not.ToContainTextAsync(ownerEmail);
            await Expect(a.ByTestId("member-table")).ToHaveCountAsync(0);
            await Expect(a.ByTestId("invite-button")).ToHaveCountAsync(0);
        }

        // The page really is reachable for its member, so "not found" above is about A, not a broken route.
        await b.GotoInteractiveAsync($"/w/{secretSlug}");
        await Expect(b.Locator("h1")).ToHaveTextAsync(secretName);
        await Expect(b.GetByText("We couldn't find that workspace")).ToHaveCountAsync(0);
        Assert.NotEqual(ownSlug, secretSlug);
    });
}
