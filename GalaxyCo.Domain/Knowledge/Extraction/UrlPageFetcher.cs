using System.Net;
using System.Net.Http.Headers;
using GalaxyCo.Domain.Integrations.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>A fetched page: where it ended up after redirects, its bytes, type and a file name with a matching extension.</summary>
public sealed record FetchedPage(Uri FinalUrl, byte[] Body, string ContentType, string FileName);

/// <summary>
/// Fetches a url item server-side under the webhook SSRF rules (<see cref="WebhookUrlGuard"/>): http(s) only, no
/// credentials in the URL, no loopback/private/link-local/metadata targets — checked before the request, on every
/// redirect (followed here, at most <see cref="MaxRedirects"/>) and again in the connect callback so DNS rebinding
/// can't reach an internal address; at most <see cref="KnowledgeOptions.MaxUrlBytes"/> within
/// <see cref="KnowledgeOptions.UrlFetchTimeout"/>. Failures are <c>Invalid("url", ...)</c> with a readable message.
/// </summary>
public sealed class UrlPageFetcher(IHttpClientFactory clients, WebhookUrlGuard guard, IOptions<KnowledgeOptions> options)
{
    public const string ClientName = "knowledge-url";
    public const string UserAgent = "GalaxyCo-Knowledge/1.0 (+https://galaxyco.example)";
    public const int MaxRedirects = 5;

    private const string PrivateMessage = "That address is on a private network, loopback or link-local (such as a cloud metadata service), so it can't be fetched.";

    private static readonly HashSet<string> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        DocumentExtractor.Html, "application/xhtml+xml", DocumentExtractor.PlainText, DocumentExtractor.Markdown, "text/x-markdown",
        DocumentExtractor.Pdf, DocumentExtractor.Docx,
    };

    private readonly KnowledgeOptions _options = options.Value;

    /// <summary>The handler every fetch goes through: no automatic redirects, no proxy or cookies, guarded connect.</summary>
    public static SocketsHttpHandler CreateHandler(WebhookUrlGuard guard, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.UrlFetchTimeout,
            ConnectCallback = guard.ConnectAsync,
        };
    }

    /// <summary>Registers the guarded "knowledge-url" HttpClient.</summary>
    internal static void AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<WebhookUrlGuard>(), sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value))
            .RemoveAllLoggers();

    /// <summary>Null when <paramref name="url"/> may be fetched, else a message for the url field.</summary>
    public async Task<string?> CheckAsync(string? url, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
            return "Enter a full web address, e.g. https://example.com/page.";
        return await CheckUriAsync(uri, ct);
    }

    private async Task<string?> CheckUriAsync(Uri uri, CancellationToken ct)
    {
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return "Only http:// and https:// addresses can be added.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Remove the user name and password from the address; pages needing a login can't be fetched.";
        try
        {
            await guard.ResolveAllowedAsync(uri.IdnHost, ct);
            return null;
        }
        catch (WebhookBlockedException e)
        {
            return e.Message.Contains("could not be resolved", StringComparison.Ordinal)
                ? $"{uri.Host} could not be found; check the address."
                : e.Message.Contains("no host", StringComparison.OrdinalIgnoreCase) ? "The address has no host." : PrivateMessage;
        }
    }

    public async Task<Result<FetchedPage>> FetchAsync(string url, CancellationToken ct)
    {
        if (await CheckAsync(url, ct) is { } problem) return Invalid(problem);
        var uri = new Uri(url.Trim());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.UrlFetchTimeout);
        try
        {
            var client = clients.CreateClient(ClientName);
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.UserAgent.ParseAdd(UserAgent);
                request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.8,*/*;q=0.1");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var code = (int)response.StatusCode;
                if (code is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects >= MaxRedirects) return Invalid($"The page redirected more than {MaxRedirects} times.");
                    var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (await CheckUriAsync(next, timeout.Token) is { } redirectProblem) return Invalid("The page redirected somewhere that can't be fetched: " + redirectProblem);
                    uri = next;
                    continue;
                }
                if (code is < 200 or >= 300) return Invalid($"The page answered {code} {response.ReasonPhrase}.");

                var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
                var fileName = FileNameFor(uri, response, mediaType);
                var sniffable = mediaType.Length == 0 || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);
                if (!sniffable && !Accepted.Contains(mediaType))
                    return Invalid($"That address serves {mediaType}, which can't be added as a page (HTML, text, Markdown, PDF and Word are supported).");
                if (response.Content.Headers.ContentLength is { } length && length > _options.MaxUrlBytes)
                    return Invalid($"The page is larger than {FormatBytes(_options.MaxUrlBytes)}.");
                var body = await ReadLimitedAsync(response, _options.MaxUrlBytes, timeout.Token);
                if (body is null) return Invalid($"The page is larger than {FormatBytes(_options.MaxUrlBytes)}.");
                if (body.Length == 0) return Invalid("The page is empty.");
                var contentType = sniffable ? DocumentExtractor.DetectContentType(body, fileName) : Normalize(mediaType);
                if (!DocumentExtractor.IsSupported(contentType) || DocumentExtractor.IsImage(contentType))
                    return Invalid("That address doesn't serve a page or document that can be added.");
                return Result<FetchedPage>.Ok(new FetchedPage(uri, body, contentType, fileName));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Invalid($"The page did not load within {_options.UrlFetchTimeout.TotalSeconds:0.#} seconds.");
        }
        catch (HttpRequestException e)
        {
            for (Exception? x = e; x is not null; x = x.InnerException)
                if (x is WebhookBlockedException) return Invalid(PrivateMessage);
            return Invalid($"The page could not be loaded ({e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "the host could not be found",
                HttpRequestError.ConnectionError => "the connection failed",
                HttpRequestError.SecureConnectionError => "the secure connection failed",
                _ => "the connection failed",
            }}).");
        }
        catch (WebhookBlockedException)
        {
            return Invalid(PrivateMessage);
        }
    }

    private static string Normalize(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "application/xhtml+xml" => DocumentExtractor.Html,
        "text/x-markdown" => DocumentExtractor.Markdown,
        var m => m,
    };

    /// <summary>A file name whose extension matches the served type, so the extractor reads it the right way.</summary>
    private static string FileNameFor(Uri uri, HttpResponseMessage response, string mediaType)
    {
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        name = name?.Trim('"');
        if (string.IsNullOrWhiteSpace(name))
        {
            var segment = Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? "").Trim('/');
            name = string.IsNullOrWhiteSpace(segment) ? uri.Host : segment;
        }
        name = Path.GetFileName(name.Replace('\\', '/'));
        foreach (var c in Path.GetInvalidFileNameChars()) name = name.Replace(c, '_');
        if (name.Length > 150) name = name[..150];
        var wanted = DocumentExtractor.ExtensionForContentType(mediaType);
        if (wanted.Length > 0 && !name.EndsWith(wanted, StringComparison.OrdinalIgnoreCase)
            && !(wanted == ".html" && name.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)))
            name += wanted;
        return name;
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpResponseMessage response, long max, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static string FormatBytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    private static Result<FetchedPage> Invalid(string message) => Result<FetchedPage>.From(Result.Invalid("url", message));
}
