using System.Text.RegularExpressions;

namespace GalaxyCo.E2E.Infrastructure;

/// <summary>Playwright moves that know how Blazor Server and MudBlazor pages behave.</summary>
public static class BlazorPage
{
    /// <summary>
    /// Interactive pages are prerendered: buttons are visible before the circuit connects, and a click then does
    /// nothing. MainLayout's MudPopoverProvider initialises MudBlazor's popover helper, and MainLayout registers the
    /// Ctrl+K handler (js/shortcuts.js), both from OnAfterRenderAsync, which only runs once the circuit is live and its
    /// first render batch has reached the browser; either one having happened means "interactive".
    /// </summary>
    public static async Task WaitForInteractiveAsync(this IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("""
                () => !!window.Blazor && (
                    !!(window.mudpopoverHelper && window.mudpopoverHelper.mainContainerClass) ||
                    !!(window.galaxyShortcuts && window.galaxyShortcuts._handler))
                """, null, new() { Timeout = 30_000, PollingInterval = 100 });
        }
        catch (System.TimeoutException e)
        {
            throw new System.TimeoutException(
                $"{page.Url} did not become interactive within 30 s: the Blazor circuit never connected (is _framework/blazor.web.js served?) or MainLayout never rendered interactively.", e);
        }
    }

    /// <summary>Full page load of an interactive (MainLayout) page, then waits for its circuit.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    public static async Task ReloadInteractiveAsync(this IPage page)
    {
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>The element with this data-testid, or the input inside it (MudBlazor puts the attribute on a wrapper or on the input, depending on the component).</summary>
    public static ILocator InputByTestId(this IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    public static ILocator ByTestId(this IPage page, string testId) => page.Locator($"[data-testid='{testId}']");

    /// <summary>Opens a MudSelect and picks the item with exactly this text from its popover list.</summary>
    public static async Task ChooseAsync(this IPage page, ILocator select, string itemText)
    {
        await select.ClickAsync();
        var popover = page.Locator(".mud-popover-open");
        var item = popover.Locator(".mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(itemText)}\\s*$") });
        await Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();
        await Expect(popover.Locator(".mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>/w/{slug}/... → slug.</summary>
    public static string WorkspaceSlug(this IPage page) =>
        Regex.Match(new Uri(page.Url).AbsolutePath, "^/w/([^/]+)") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"{page.Url} is not a workspace page.");
}
