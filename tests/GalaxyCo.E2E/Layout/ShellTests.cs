using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Layout;

[Collection(GalaxyAppCollection.Name)]
public sealed class ShellTests(GalaxyApp app, ITestOutputHelper output)
{
    // The demo workspace the app seeds (GalaxyCo.Domain/Seeding/DemoSeeder.cs) when GALAXYCO_SCREENSHOTS=1.
    private const string DemoEmail = "demo@galaxyco.local";
    private const string DemoPassword = "Demo!2345";
    private const string DemoSlug = "demo";

    /// <summary>
    /// Visits home and members on desktop and phone. With GALAXYCO_SCREENSHOTS=1 it photographs the seeded demo workspace
    /// into docs/screenshots/{home,members,home-phone}.png (or GALAXYCO_SCREENSHOTS_DIR).
    /// </summary>
    [Fact]
    public Task ShellTakesScreenshots() => BrowserSession.RunAsync(app, output, async session =>
    {
        var desktop = await session.NewPageAsync(1280, 800);
        string slug, email, password = People.Password;
        if (app.DemoSeeded)
        {
            (slug, email, password) = (DemoSlug, DemoEmail, DemoPassword);
            await People.SignInAsync(desktop, email, password);
        }
        else
        {
            email = await People.NewSignedInPersonAsync(desktop, app.Mail, "shell");
            slug = await People.CreateWorkspaceAsync(desktop, $"Shell Works {Guid.NewGuid().ToString("N")[..6]}");
        }

        await desktop.GotoInteractiveAsync($"/w/{slug}");
        await Expect(desktop.Locator("h1")).ToBeVisibleAsync();
        await WaitForFiguresAsync(desktop);
        await SaveAsync(desktop, "home");

        // Ctrl+K opens the command palette; Escape closes it.
        await desktop.Keyboard.PressAsync("Control+k");
        var palette = desktop.InputByTestId("palette-input");
        await Expect(palette).ToBeVisibleAsync();
        await Expect(palette).ToBeFocusedAsync(); // type straight away, as the placeholder invites
        await desktop.Keyboard.TypeAsync("Memb");
        await Expect(desktop.Locator(".mud-dialog .gc-palette-item")).ToHaveCountAsync(1);
        await Expect(desktop.Locator(".mud-dialog .gc-palette-item")).ToContainTextAsync("Members");
        await desktop.Keyboard.PressAsync("Escape");
        await Expect(desktop.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await desktop.GotoInteractiveAsync($"/w/{slug}/members");
        await Expect(desktop.Locator("h1")).ToHaveTextAsync("Members");
        await Expect(desktop.ByTestId("member-table")).ToContainTextAsync(email);
        await SaveAsync(desktop, "members");

        // A phone-sized browser with the same sign-in.
        var phone = await session.NewPageAsync(390, 844);
        await People.SignInAsync(phone, email, password);
        await phone.GotoInteractiveAsync($"/w/{slug}");
        await Expect(phone.Locator("h1")).ToBeVisibleAsync();
        await WaitForFiguresAsync(phone);
        await SaveAsync(phone, "home-phone");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "The workspace home scrolls sideways on a 390 px wide phone.");
    });

    private static async Task WaitForFiguresAsync(IPage page)
    {
        await Expect(page.GetByText("Open prospects")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0);
    }

    private async Task SaveAsync(IPage page, string name)
    {
        if (!GalaxyApp.TakeScreenshots) return;
        var directory = Environment.GetEnvironmentVariable("GALAXYCO_SCREENSHOTS_DIR") is { Length: > 0 } elsewhere
            ? elsewhere
            : Path.Combine(app.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.Mouse.MoveAsync(0, 0); // no hover effects in the picture
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        output.WriteLine($"[e2e] screenshot {path}");
    }
}
