using System.Text.RegularExpressions;

namespace GalaxyCo.E2E.Infrastructure;

/// <summary>What a person does in the browser to get going: register, confirm, sign in, create a workspace.</summary>
public static class People
{
    public const string Password = "Orbit!2345x";

    /// <summary>An address no other test (or earlier run against the same database) uses.</summary>
    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid().ToString("N")[..10]}@example.com";

    public static async Task RegisterAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/Account/Register");
        await page.Locator("[id='Input.Email']").FillAsync(email);
        await page.Locator("[id='Input.Password']").FillAsync(password);
        await page.Locator("[id='Input.ConfirmPassword']").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Account/RegisterConfirmation"));
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "We sent a confirmation link" })).ToContainTextAsync(email);
    }

    /// <summary>Opens the confirmation link from the mail, as the person would.</summary>
    public static async Task ConfirmEmailAsync(IPage page, MailOutbox mail, string email)
    {
        var link = await mail.WaitForLinkAsync(email, "Confirm your");
        await page.GotoAsync(link);
        await Expect(page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();
    }

    /// <summary>Signs in at /Account/Login; waits until the browser has left the sign-in page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await SubmitSignInAsync(page, email, password);
        try
        {
            await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase));
        }
        catch (System.TimeoutException e)
        {
            var alerts = await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
            throw new InvalidOperationException($"Signing in as {email} stayed on {page.Url}. The page says: {string.Join(" | ", alerts)}", e);
        }
    }

    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("[id='Input.Email']").FillAsync(email);
        await page.Locator("[id='Input.Password']").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Register, confirm and sign in: a brand-new person lands on /workspaces/new.</summary>
    public static async Task<string> NewSignedInPersonAsync(IPage page, MailOutbox mail, string who)
    {
        var email = NewEmail(who);
        await RegisterAsync(page, email);
        await ConfirmEmailAsync(page, mail, email);
        await SignInAsync(page, email);
        await page.WaitForURLAsync(new Regex("/workspaces/new$"));
        return email;
    }

    /// <summary>From /workspaces/new: names and creates a workspace; returns its slug (the app then shows its members page).</summary>
    public static async Task<string> CreateWorkspaceAsync(IPage page, string name)
    {
        await page.WaitForInteractiveAsync();
        var input = page.InputByTestId("workspace-name");
        await input.FillAsync(name);
        await Expect(input).ToHaveValueAsync(name);
        await page.ByTestId("create-workspace").ClickAsync();
        // The app goes there by an in-page (enhanced) navigation, which no navigation wait reliably sees: a "load" wait
        // and then a "commit" wait each timed out once under load with the page already there. Poll the URL instead.
        await Expect(page).ToHaveURLAsync(new Regex("/w/[^/]+/members"), new() { Timeout = 30_000 });
        return page.WorkspaceSlug();
    }
}
