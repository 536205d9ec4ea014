using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Integrations;

/// <summary>
/// Outgoing webhooks in a real browser against a real receiver: an admin adds an endpoint (allowed on loopback by the
/// app's Webhooks__AllowedHosts), copies the secret shown once, sends a test event that arrives signed with it and is
/// logged as Succeeded 200; then the receiver breaks and a replay is logged as Failed 500 with the receiver's answer.
/// </summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class WebhooksJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task AddEndpoint_SendTestThenReplayToABrokenReceiver_LogsSuccessThenFailure() => BrowserSession.RunAsync(app, output, async session =>
    {
        await using var receiver = LoopbackReceiver.Start();
        var page = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(page, app.Mail, "hooks");
        var slug = await People.CreateWorkspaceAsync(page, $"Hook Co {Guid.NewGuid().ToString("N")[..6]}");

        // The empty page explains webhooks; the dialog takes a name, the receiver's URL and the events.
        await page.GotoInteractiveAsync($"/w/{slug}/settings/webhooks");
        await Expect(page.ByTestId("webhooks-empty")).ToBeVisibleAsync();
        await page.ByTestId("webhook-add").ClickAsync();
        await page.InputByTestId("webhook-name").FillAsync("Local receiver");
        await page.InputByTestId("webhook-url").FillAsync(receiver.Url);
        await page.Locator("[data-testid='event-prospect.created'] label").First.ClickAsync();
        await Expect(page.Locator("[data-testid='event-prospect.created'] input")).ToBeCheckedAsync();
        await page.ByTestId("webhook-save").ClickAsync();

        // The secret, once.
        var secretBox = page.ByTestId("webhook-secret");
        await Expect(secretBox).ToBeVisibleAsync();
        var secret = (await secretBox.InnerTextAsync()).Trim();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await Expect(page.ByTestId("webhook-secret-warning")).ToContainTextAsync("won't be shown again");
        await page.ByTestId("webhook-secret-done").ClickAsync();
        await Expect(page.ByTestId("webhook-row")).ToHaveCountAsync(1);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        // Send a test event: it arrives signed with that secret and the log turns Succeeded, 200.
        await page.ByTestId("webhook-link").ClickAsync();
        await Expect(page.ByTestId("webhook-title")).ToHaveTextAsync("Local receiver");
        await page.WaitForInteractiveAsync();
        await page.ByTestId("webhook-send-test").ClickAsync();
        var first = await receiver.NextAsync(TimeSpan.FromSeconds(30));
        Assert.True(LoopbackReceiver.SignatureMatches(secret, first), $"The signature {first.Header("webhook-signature")} does not verify with the secret shown.");
        Assert.StartsWith("msg_", first.Header("webhook-id"), StringComparison.Ordinal);
        using (var body = JsonDocument.Parse(first.Body))
        {
            Assert.Equal("webhook.test", body.RootElement.GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("data").ValueKind);
        }
        var rows = page.ByTestId("delivery-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("[data-testid=delivery-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = 20_000 });
        await Expect(rows.First.Locator("[data-testid=delivery-code]")).ToHaveTextAsync("200");
        await Expect(page.ByTestId("webhook-success-count")).ToHaveTextAsync("1", new() { Timeout = 20_000 });

        // The receiver breaks; a replay of that delivery sends the same message again and is logged as failed.
        receiver.Answer(HttpStatusCode.InternalServerError, "receiver down");
        await rows.First.Locator(".gc-delivery-line").ClickAsync();
        await Expect(page.ByTestId("delivery-request")).ToContainTextAsync("\"webhook.test\"");
        await page.ByTestId("delivery-replay").ClickAsync();
        var replayed = await receiver.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(first.Header("webhook-id"), replayed.Header("webhook-id"));
        Assert.True(LoopbackReceiver.SignatureMatches(secret, replayed));
        var failed = page.Locator("[data-testid=delivery-row][data-status=Failed]").First;
        await Expect(failed).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(failed.Locator("[data-testid=delivery-code]")).ToHaveTextAsync("500");
        await failed.Locator(".gc-delivery-line").ClickAsync();
        await Expect(failed.Locator("[data-testid=delivery-response]")).ToContainTextAsync("receiver down");

        // The Failed filter shows only failed attempts.
        await page.ByTestId("deliveries-filter").GetByText("Failed", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-testid=delivery-row][data-status=Succeeded]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=delivery-row][data-status=Failed]").First).ToBeVisibleAsync();
    });

    /// <summary>A tiny HTTP receiver on 127.0.0.1 that records every request and answers what the test says.</summary>
    private sealed class LoopbackReceiver : IAsyncDisposable
    {
        private readonly HttpListener listener = new();
        private readonly BlockingCollection<Received> received = [];
        private readonly CancellationTokenSource stop = new();
        private volatile int status = 200;
        private volatile string answer = "ok";
        private Task? loop;

        public string Url { get; private set; } = "";

        public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body)
        {
            public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";
        }

        public static LoopbackReceiver Start()
        {
            var receiver = new LoopbackReceiver();
            var port = FreePort();
            receiver.Url = $"http://127.0.0.1:{port}/hooks/";
            receiver.listener.Prefixes.Add(receiver.Url);
            receiver.listener.Start();
            receiver.loop = Task.Run(receiver.ServeAsync);
            return receiver;
        }

        public void Answer(HttpStatusCode code, string body)
        {
            answer = body;
            status = (int)code;
        }

        public Task<Received> NextAsync(TimeSpan timeout) => Task.Run(() =>
            received.TryTake(out var r, timeout) ? r : throw new System.TimeoutException($"The receiver got no request within {timeout.TotalSeconds:0} s."));

        /// <summary>Standard Webhooks, by hand: v1 = base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), any of the listed signatures.</summary>
        public static bool SignatureMatches(string secret, Received r)
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{r.Header("webhook-id")}.{r.Header("webhook-timestamp")}.{r.Body}"));
            if (!long.TryParse(r.Header("webhook-timestamp"), out var seconds) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300) return false;
            return r.Header("webhook-signature").Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(entry =>
            {
                var parts = entry.Split(',', 2);
                if (parts.Length != 2 || parts[0] != "v1") return false;
                try
                {
                    return CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(parts[1]), expected);
                }
                catch (FormatException)
                {
                    return false;
                }
            });
        }

        private async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return; // stopped
                }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k] ?? "");
                var bytes = Encoding.UTF8.GetBytes(answer);
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/plain";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
                received.Add(new Received(headers, body));
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            listener.Close();
            if (loop is not null) await loop;
            stop.Dispose();
            received.Dispose();
        }
    }
}
