using System.Runtime.CompilerServices;
using System.Text;

namespace GalaxyCo.E2E.Infrastructure;

/// <summary>
/// The browsers one test opens. Run a test body through <see cref="RunAsync"/>: when it fails, every open page is
/// saved as a full-page screenshot plus its HTML, and the paths and the app's recent log are added to the failure.
/// </summary>
public sealed class BrowserSession
{
    private readonly List<(IBrowserContext Context, List<string> Console)> contexts = [];
    private readonly GalaxyApp app;

    static BrowserSession() => SetDefaultExpectTimeout(10_000); // a 2-core CI box starts circuits slowly

    private BrowserSession(GalaxyApp app) => this.app = app;

    public GalaxyApp App => app;

    private readonly List<GalaxyNode> nodes = [];

    /// <summary>
    /// Another app node for this test (<see cref="GalaxyApp.StartNodeAsync"/>): stopped when the test ends, after a
    /// failure has been captured, so its pages are photographed while it still runs.
    /// </summary>
    public async Task<GalaxyNode> StartNodeAsync()
    {
        var node = await app.StartNodeAsync();
        nodes.Add(node);
        return node;
    }

    /// <summary>
    /// A page in a new browser context: its own cookies, so a second person signs in independently. With
    /// <paramref name="baseUri"/> its relative URLs go to another app node (<see cref="GalaxyApp.StartNodeAsync"/>).
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, Uri? baseUri = null)
    {
        var context = await app.NewContextAsync(width, height, baseUri);
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(30_000);
        var console = new List<string>();
        context.Page += (_, page) => page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                lock (console) console.Add($"[{message.Type}] {page.Url}: {message.Text}");
        };
        contexts.Add((context, console));
        return await context.NewPageAsync();
    }

    public static async Task RunAsync(GalaxyApp app, ITestOutputHelper output, Func<BrowserSession, Task> test, [CallerMemberName] string name = "")
    {
        var session = new BrowserSession(app);
        try
        {
            await test(session);
            foreach (var (_, console) in session.contexts)
                lock (console)
                    foreach (var line in console) output.WriteLine("[browser console] " + line);
        }
        catch (Exception e)
        {
            var report = await session.CaptureAsync(name);
            output.WriteLine(report);
            throw new E2EFailureException($"{e.Message}\n{report}", e);
        }
        finally
        {
            foreach (var (context, _) in session.contexts) await context.CloseAsync();
            foreach (var node in session.nodes) await node.DisposeAsync();
        }
    }

    private async Task<string> CaptureAsync(string name)
    {
        var report = new StringBuilder();
        var n = 0;
        foreach (var (context, console) in contexts)
        {
            foreach (var page in context.Pages)
            {
                n++;
                var file = Path.Combine(app.ArtifactsDirectory, $"{name}-{n}");
                try
                {
                    await page.ScreenshotAsync(new() { Path = file + ".png", FullPage = true, Timeout = 10_000 });
                    await File.WriteAllTextAsync(file + ".html", await page.ContentAsync());
                    report.AppendLine($"[e2e] browser {n} at {page.Url}: screenshot {file}.png, html {file}.html");
                }
                catch (Exception capture) when (capture is PlaywrightException or System.TimeoutException)
                {
                    report.AppendLine($"[e2e] browser {n} at {page.Url}: could not capture ({capture.Message})");
                }
            }
            lock (console)
                foreach (var line in console.TakeLast(20)) report.AppendLine("[browser console] " + line);
        }
        report.AppendLine($"[e2e] app log (full log: {Path.Combine(app.ArtifactsDirectory, "app.log")}), last lines:");
        report.AppendLine(app.RecentAppLog(40));
        return report.ToString();
    }
}

/// <summary>A failed E2E step, with where to find its screenshots and the app log.</summary>
public sealed class E2EFailureException(string message, Exception inner) : Exception(message, inner);
