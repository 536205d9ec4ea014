using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Account;

[Collection(GalaxyAppCollection.Name)]
public sealed class AcceptInvitationTests(GalaxyApp app, ITestOutputHelper output)
{
    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public Task Invitation_TamperedToken_ShowsInvalid(string token) => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();

        await page.GotoAsync($"/invitations/accept?token={Uri.EscapeDataString(token)}");

        await Expect(page.Locator("h1")).ToHaveTextAsync("This invitation link is not valid");
        await Expect(page.ByTestId("register-and-accept")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("accept-invitation")).ToHaveCountAsync(0);
    });
}
