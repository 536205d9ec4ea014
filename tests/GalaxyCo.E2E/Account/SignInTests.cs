using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Account;

[Collection(GalaxyAppCollection.Name)]
public sealed class SignInTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task SignIn_WithWrongPassword_ShowsError_AndLocksOutAfterFiveAttempts() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        var email = People.NewEmail("locked");
        await People.RegisterAsync(page, email);
        await People.ConfirmEmailAsync(page, app.Mail, email);

        // Attempts 1-4: a plain error, still on the sign-in page.
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await People.SubmitSignInAsync(page, email, "Wrong!2345x");
            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Invalid login attempt" })).ToBeVisibleAsync();
            Assert.StartsWith("/Account/Login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        }

        // Attempt 5 locks the account (Identity lockout: 5 failures, 15 minutes).
        await People.SubmitSignInAsync(page, email, "Wrong!2345x");
        await page.WaitForURLAsync(new Regex("/Account/Lockout"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Locked out");

        // Even the right password does not get in now.
        await People.SubmitSignInAsync(page, email, People.Password);
        await page.WaitForURLAsync(new Regex("/Account/Lockout"));
        await page.GotoAsync("/workspaces");
        await page.WaitForURLAsync(new Regex("/Account/Login"));
    });

    [Fact]
    public Task SignIn_BeforeConfirmingEmail_IsRefused() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        var email = People.NewEmail("unconfirmed");
        await People.RegisterAsync(page, email);

        await People.SubmitSignInAsync(page, email, People.Password);

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Invalid login attempt" })).ToBeVisibleAsync();
        await page.GotoAsync("/workspaces");
        await page.WaitForURLAsync(new Regex("/Account/Login"));
    });
}
