using System.Text;
using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;
using Microsoft.Playwright;

namespace GalaxyCo.E2E.Work;

/// <summary>
/// Files on a task, end to end: quick add on My tasks, attach through the panel (picker), refusals for a wrong type and
/// a too big file, downloads through the endpoint with their safety headers, an HTML file dressed as .png served as an
/// opaque download, the streamed upload endpoint with its antiforgery header, delete, and another workspace's person
/// getting 404 for all of it.
/// </summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class TaskAttachmentJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static readonly byte[] HtmlAsPng = Encoding.UTF8.GetBytes("<html><body><script>document.title='pwned'</script></body></html>");

    [Fact]
    public Task QuickAddTask_AttachFiles_DownloadWithSafeHeaders_DeleteAndOtherWorkspaceGets404() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(page, app.Mail, "attacher");
        var slug = await People.CreateWorkspaceAsync(page, $"Files Co {Guid.NewGuid().ToString("N")[..6]}");

        // A task from the quick-add box on My tasks, then its page.
        await page.GotoInteractiveAsync($"/w/{slug}/work/my");
        await page.ByTestId("quick-add-input").FillAsync("Review the attachment spec tomorrow");
        await page.ByTestId("quick-add-input").PressAsync("Enter");
        var title = page.ByTestId("task-title").Filter(new() { HasText = "Review the attachment spec" });
        await Expect(title).ToHaveCountAsync(1);
        await title.ClickAsync();
        await page.WaitForURLAsync(new Regex($"/w/{Regex.Escape(slug)}/work/tasks/[0-9a-f-]{{36}}$"));
        await page.WaitForInteractiveAsync();
        var taskPath = new Uri(page.Url).AbsolutePath;
        var panel = page.ByTestId("task-attachments");
        await Expect(panel.Locator("[data-testid=attachments-empty]")).ToBeVisibleAsync();
        // MudFileUpload adds an input per selection; the newest one is the live picker.
        ILocator Picker() => panel.Locator("input[type=file]").Last;

        // Refused before a byte is sent: a program, and a file over the 25 MB limit.
        await Picker().SetInputFilesAsync(new FilePayload { Name = "tool.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0] });
        await Expect(panel.Locator("[data-testid=attachment-error]")).ToContainTextAsync(".exe files can't be attached");
        // A path, not a buffer: the browser reads a local file directly, where 25 MB through the driver pipe is slow.
        var huge = Path.Combine(Path.GetTempPath(), $"huge-{Guid.NewGuid():N}.zip");
        await using (var sparse = File.Create(huge)) sparse.SetLength(25 * 1024 * 1024 + 1);
        try
        {
            await Picker().SetInputFilesAsync(huge);
        }
        finally
        {
            File.Delete(huge);
        }
        await Expect(panel.Locator("[data-testid=attachment-error]")).ToContainTextAsync("is too big");
        await Expect(panel.Locator("[data-testid=attachment-row]")).ToHaveCountAsync(0);

        // A real PNG and an HTML page named .png.
        await Picker().SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "shot.png", MimeType = "image/png", Buffer = Png },
            new FilePayload { Name = "cat.png", MimeType = "image/png", Buffer = HtmlAsPng },
        });
        await Expect(panel.Locator("[data-testid=attachment-row]")).ToHaveCountAsync(2);
        await Expect(panel.Locator("[data-testid=attachment-error]")).ToHaveCountAsync(0);
        var shotLink = panel.Locator("[data-testid=attachment-download]").Filter(new() { HasText = "shot.png" });
        var catLink = panel.Locator("[data-testid=attachment-download]").Filter(new() { HasText = "cat.png" });
        var shotUrl = await shotLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("no href");
        var catUrl = await catLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("no href");
        Assert.StartsWith(taskPath + "/attachments/", catUrl, StringComparison.Ordinal);

        // The browser downloads the disguised page under its name instead of rendering it.
        var download = await page.RunAndWaitForDownloadAsync(() => catLink.ClickAsync());
        Assert.Equal("cat.png", download.SuggestedFilename);
        Assert.Equal(HtmlAsPng, await File.ReadAllBytesAsync(await download.PathAsync()));

        // Headers: the page-like file is opaque and an attachment; the real image may show inline; both sandboxed.
        var http = page.Context.APIRequest;
        var cat = await http.GetAsync(catUrl);
        Assert.Equal(200, cat.Status);
        Assert.Equal("application/octet-stream", cat.Headers["content-type"]);
        Assert.StartsWith("attachment", cat.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Contains("cat.png", cat.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", cat.Headers["x-content-type-options"]);
        Assert.Equal("sandbox", cat.Headers["content-security-policy"]);
        Assert.Equal(HtmlAsPng, await cat.BodyAsync());
        var shot = await http.GetAsync(shotUrl);
        Assert.Equal(("image/png", "nosniff", "sandbox"), (shot.Headers["content-type"], shot.Headers["x-content-type-options"], shot.Headers["content-security-policy"]));
        Assert.StartsWith("inline", shot.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.StartsWith("attachment", (await http.GetAsync(shotUrl + "?download=1")).Headers["content-disposition"], StringComparison.Ordinal);

        // The streamed upload endpoint: without the antiforgery header it refuses, with the page's token it stores.
        var token = await panel.Locator("input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var notes = new FilePayload { Name = "api-notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("posted by a script") };
        var refused = await http.PostAsync(taskPath + "/attachments", new() { Multipart = Multipart(http, notes) });
        Assert.Equal(400, refused.Status);
        Assert.Contains("Antiforgery", await refused.TextAsync(), StringComparison.Ordinal);
        var posted = await http.PostAsync(taskPath + "/attachments", new()
        {
            Multipart = Multipart(http, notes),
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token! },
        });
        Assert.Equal(201, posted.Status);
        var apiUrl = posted.Headers["location"];
        var apiFile = await http.GetAsync(apiUrl);
        Assert.Equal("posted by a script", await apiFile.TextAsync());
        Assert.StartsWith("text/plain", apiFile.Headers["content-type"], StringComparison.Ordinal);
        var wrongType = await http.PostAsync(taskPath + "/attachments", new()
        {
            Multipart = Multipart(http, new FilePayload { Name = "run.sh", MimeType = "text/x-sh", Buffer = Encoding.UTF8.GetBytes("echo hi") }),
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token! },
        });
        Assert.Equal(400, wrongType.Status);
        Assert.Contains("can't be attached", await wrongType.TextAsync(), StringComparison.Ordinal);
        await page.ReloadInteractiveAsync();
        await Expect(panel.Locator("[data-testid=attachment-row]")).ToHaveCountAsync(3);

        // Someone from another workspace: 404 for the file, through their own workspace too, and for a delete.
        var strangerContext = await app.NewContextAsync();
        try
        {
            var stranger = await strangerContext.NewPageAsync();
            await People.NewSignedInPersonAsync(stranger, app.Mail, "stranger");
            var otherSlug = await People.CreateWorkspaceAsync(stranger, $"Other Co {Guid.NewGuid().ToString("N")[..6]}");
            var theirs = strangerContext.APIRequest;
            Assert.Equal(404, (await theirs.GetAsync(catUrl)).Status);
            Assert.Equal(404, (await theirs.GetAsync(catUrl.Replace($"/w/{slug}/", $"/w/{otherSlug}/", StringComparison.Ordinal))).Status);
            Assert.Equal(404, (await theirs.DeleteAsync(catUrl, new() { Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = "x" } })).Status);
            Assert.Equal(404, (await theirs.PostAsync(taskPath + "/attachments", new() { Multipart = Multipart(theirs, notes) })).Status);
        }
        finally
        {
            await strangerContext.CloseAsync();
        }
        Assert.Equal(200, (await http.GetAsync(catUrl)).Status);

        // Delete after confirming: the row goes and so does the file.
        await panel.Locator("[data-testid=attachment-row]").Filter(new() { HasText = "shot.png" }).Locator("[data-testid=attachment-delete]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(panel.Locator("[data-testid=attachment-row]")).ToHaveCountAsync(2);
        Assert.Equal(404, (await http.GetAsync(shotUrl)).Status);
    });

    private static IFormData Multipart(IAPIRequestContext http, FilePayload file)
    {
        var form = http.CreateFormData();
        form.Set("file", file);
        return form;
    }
}
