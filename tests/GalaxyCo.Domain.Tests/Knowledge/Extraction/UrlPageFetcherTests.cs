using System.Text;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Extraction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Tests.Knowledge.Extraction;

/// <summary>The fetcher against a loopback Kestrel site; 127.0.0.1 is allow-listed like in the webhook tests.</summary>
public sealed class UrlPageFetcherTests : IAsyncLifetime
{
    private WebApplication _site = null!;
    private string _base = "";
    private SocketsHttpHandler _handler = null!;

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _site = builder.Build();
        _site.MapGet("/page", () => Results.Content("<html><head><title>Docs</title><script>evil()</script></head><body><h1>Hello</h1><p>World</p></body></html>", "text/html; charset=utf-8"));
        _site.MapGet("/docs/", () => Results.Content("# Notes", "text/markdown"));
        _site.MapGet("/hop", () => Results.Redirect("/page"));
        _site.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        _site.MapGet("/to-private", () => Results.Redirect("http://10.1.2.3/"));
        _site.MapGet("/to-ftp", () => Results.Redirect("ftp://127.0.0.1/file"));
        _site.MapGet("/loop", () => Results.Redirect("/loop"));
        _site.MapGet("/big", () => Results.Bytes(new byte[64 * 1024], "text/plain"));
        _site.MapGet("/big-chunked", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            var block = Encoding.ASCII.GetBytes(new string('a', 1024));
            for (var i = 0; i < 64; i++) await context.Response.Body.WriteAsync(block, context.RequestAborted);
        });
        _site.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text("late");
        });
        _site.MapGet("/binary", () => Results.Bytes([1, 2, 3], "application/zip"));
        _site.MapGet("/missing", () => Results.NotFound());
        await _site.StartAsync();
        _base = _site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        _handler?.Dispose();
        await _site.DisposeAsync();
    }

    private UrlPageFetcher Fetcher(Action<KnowledgeOptions>? configure = null)
    {
        var options = new KnowledgeOptions { UrlFetchTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        var guard = new WebhookUrlGuard(Options.Create(new WebhookOptions { AllowedHosts = ["127.0.0.1"] }), new DnsWebhookHostResolver());
        _handler = UrlPageFetcher.CreateHandler(guard, options);
        return new UrlPageFetcher(new Clients(_handler), guard, Options.Create(options));
    }

    [Fact]
    public async Task FetchAsync_HtmlPage_ReturnsBodyTypeAndHtmlFileName()
    {
        var result = await Fetcher().FetchAsync(_base + "/page", CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("text/html", result.Value!.ContentType);
        Assert.Equal("page.html", result.Value.FileName);
        Assert.Contains("<h1>Hello</h1>", Encoding.UTF8.GetString(result.Value.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_Redirect_FollowsAndReportsFinalUrl()
    {
        var result = await Fetcher().FetchAsync(_base + "/hop", CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(_base + "/page", result.Value!.FinalUrl.ToString());
    }

    [Fact]
    public async Task FetchAsync_DirectoryUrl_NamesFileAfterType()
    {
        var result = await Fetcher().FetchAsync(_base + "/docs/", CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(("text/markdown", "docs.md"), (result.Value!.ContentType, result.Value.FileName));
    }

    [Theory]
    [InlineData("/to-metadata", "private network")]
    [InlineData("/to-private", "private network")]
    [InlineData("/to-ftp", "Only http:// and https://")]
    [InlineData("/loop", "redirected more than 5 times")]
    [InlineData("/missing", "answered 404")]
    [InlineData("/binary", "application/zip")]
    public async Task FetchAsync_BadTarget_IsRefusedWithMessage(string path, string message)
    {
        var result = await Fetcher().FetchAsync(_base + path, CancellationToken.None);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains(message, result.ErrorFor("url"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "private network")]
    [InlineData("http://localhost/", "private network")]
    [InlineData("http://[::1]/", "private network")]
    [InlineData("file:///etc/passwd", "Only http:// and https://")]
    [InlineData("ftp://example.com/x", "Only http:// and https://")]
    [InlineData("https://user:pw@example.com/", "user name and password")]
    [InlineData("not a url", "full web address")]
    public async Task FetchAsync_ForbiddenUrl_IsRefusedBeforeAnyRequest(string url, string message)
    {
        var result = await Fetcher().FetchAsync(url, CancellationToken.None);

        Assert.Contains(message, result.ErrorFor("url"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/big")]
    [InlineData("/big-chunked")]
    public async Task FetchAsync_BodyOverLimit_IsRefused(string path)
    {
        var result = await Fetcher(o => o.MaxUrlBytes = 16 * 1024).FetchAsync(_base + path, CancellationToken.None);

        Assert.Contains("larger than 16 KB", result.ErrorFor("url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_SlowServer_TimesOut()
    {
        var result = await Fetcher(o => o.UrlFetchTimeout = TimeSpan.FromMilliseconds(300)).FetchAsync(_base + "/slow", CancellationToken.None);

        Assert.Contains("did not load within", result.ErrorFor("url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_FetchedHtml_ExtractsWithoutScript()
    {
        var page = (await Fetcher().FetchAsync(_base + "/page", CancellationToken.None)).Value!;

        var doc = new DocumentExtractor(Options.Create(new KnowledgeOptions())).Extract(page.Body, page.FileName, page.ContentType).Value!;

        Assert.Equal("Hello\n\nWorld", doc.Text);
    }
}
