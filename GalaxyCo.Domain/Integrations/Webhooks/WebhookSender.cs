using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>What one attempt came to. <see cref="StatusCode"/> is null when no answer came (refused, timeout, blocked).</summary>
public sealed record WebhookAttemptOutcome(bool Succeeded, int? StatusCode, string? ResponseExcerpt, int DurationMs, string? Error)
{
    /// <summary>410 Gone: the receiver asked for no more of this; no retry.</summary>
    public bool IsGone => StatusCode == (int)HttpStatusCode.Gone;

    /// <summary>Not sent at all (the endpoint was disabled meanwhile): counts neither as success nor failure.</summary>
    public bool Skipped { get; init; }
}

/// <summary>What to send: the delivery's id, body and the endpoint's secrets (never logged).</summary>
public sealed record WebhookRequest(string Url, string MessageId, string Body, string Secret, string? PreviousSecret);

/// <summary>
/// Sends one signed attempt with the "webhooks" HttpClient (SSRF-guarded connect, no automatic redirects): follows at
/// most <see cref="WebhookOptions.MaxRedirects"/> redirects itself, checking each Location, within one timeout.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookUrlGuard guard, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";
    public const string UserAgent = "GalaxyCo-Webhooks/1.0";

    private readonly WebhookOptions _options = options.Value;

    public async Task<WebhookAttemptOutcome> SendAsync(WebhookRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            var client = clients.CreateClient(ClientName);
            var url = new Uri(request.Url);
            var method = HttpMethod.Post;
            for (var redirects = 0; ; redirects++)
            {
                using var message = Build(request, url, method);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var code = (int)response.StatusCode;
                if (code is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects >= _options.MaxRedirects)
                        return new(false, code, null, Elapsed(), $"More than {_options.MaxRedirects} redirects.");
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (WebhookUrlGuard.CheckRedirectScheme(next) is { } schemeError) return new(false, code, null, Elapsed(), schemeError);
                    // Checked here for a clear error; the connect callback checks the address again.
                    try
                    {
                        await guard.ResolveAllowedAsync(next.IdnHost, timeout.Token);
                    }
                    catch (WebhookBlockedException e)
                    {
                        return new(false, code, null, Elapsed(), "Redirect refused: " + e.Message);
                    }
                    if (response.StatusCode == HttpStatusCode.SeeOther) method = HttpMethod.Get;
                    url = next;
                    continue;
                }
                var excerpt = await ExcerptAsync(response, timeout.Token);
                var ok = code is >= 200 and < 300;
                return new(ok, code, excerpt, Elapsed(), ok ? null : $"The receiver answered {code} {response.ReasonPhrase}.");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(false, null, null, Elapsed(), $"No answer within {_options.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            var blocked = FindBlocked(e);
            return new(false, null, null, Elapsed(), blocked?.Message ?? "Connection failed: " + e.Message);
        }
        catch (WebhookBlockedException e)
        {
            return new(false, null, null, Elapsed(), e.Message);
        }
    }

    private HttpRequestMessage Build(WebhookRequest request, Uri url, HttpMethod method)
    {
        var message = new HttpRequestMessage(method, url);
        var now = clock.GetUtcNow();
        message.Headers.TryAddWithoutValidation(WebhookSigner.IdHeader, request.MessageId);
        message.Headers.TryAddWithoutValidation(WebhookSigner.TimestampHeader, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, WebhookSigner.Sign(request.MessageId, now, request.Body, request.Secret, request.PreviousSecret));
        message.Headers.UserAgent.ParseAdd(UserAgent);
        if (method == HttpMethod.Post)
            message.Content = new StringContent(request.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return message;
    }

    private async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[Math.Max(0, _options.ResponseExcerptChars)];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        return read == 0 ? null : new string(buffer, 0, read);
    }

    private static WebhookBlockedException? FindBlocked(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is WebhookBlockedException blocked) return blocked;
        return null;
    }
}
