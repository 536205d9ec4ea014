using System.Collections.Concurrent;
using System.Net;
using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Tests.Integrations.Webhooks;

/// <summary>
/// The webhook pipeline on the real test database as the app wires it (AddWebhooks), with the live LISTEN feed and
/// the dispatcher running, a loopback receiver on the allow list, and Hangfire replaced by an in-process queue that
/// runs each job in its own scope (retries after the scheduled delay, shortened to milliseconds).
/// </summary>
public sealed class WebhookHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly PostgresDatabase _db;
    private readonly CancellationTokenSource _stop = new();

    private WebhookHost(PostgresDatabase db, ServiceProvider provider, WebhookReceiver receiver)
    {
        _db = db;
        _provider = provider;
        Receiver = receiver;
    }

    public WebhookReceiver Receiver { get; }
    public OutboxDispatcher Dispatcher => _provider.GetRequiredService<OutboxDispatcher>();
    public InlineDeliveryQueue Queue => (InlineDeliveryQueue)_provider.GetRequiredService<IWebhookDeliveryQueue>();
    public IServiceProvider Services => _provider;

    public static async Task<WebhookHost> StartAsync(PostgresDatabase db, int disableAfter = 15, int maxAttempts = 6, bool startDispatcher = true)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Webhooks:Timeout"] = "00:00:05",
            ["Webhooks:DisableAfterConsecutiveFailures"] = disableAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => { if (Environment.GetEnvironmentVariable("WEBHOOK_TEST_LOG") == "1") b.AddConsole(); });
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddLiveChanges(db.AppConnectionString);
        services.AddWebhooks(configuration);
        services.Replace(ServiceDescriptor.Singleton<IWebhookDeliveryQueue, InlineDeliveryQueue>());
        services.Replace(ServiceDescriptor.Singleton(new WebhookRetrySchedule([TimeSpan.FromMilliseconds(50)], new Random(7))));
        var provider = services.BuildServiceProvider();
        var host = new WebhookHost(db, provider, receiver);
        if (startDispatcher)
        {
            var listener = provider.GetRequiredService<DatabaseChangeListener>();
            await listener.StartAsync(host._stop.Token);
            await listener.Listening.WaitAsync(TimeSpan.FromSeconds(10));
            host.Dispatcher.PollInterval = TimeSpan.FromMilliseconds(500);
            await host.Dispatcher.StartAsync(host._stop.Token);
            await host.Dispatcher.Started.WaitAsync(TimeSpan.FromSeconds(10));
        }
        return host;
    }

    /// <summary>Starts the dispatcher late (a node that comes up after another died with events unprocessed).</summary>
    public async Task StartDispatcherAsync()
    {
        Dispatcher.PollInterval = TimeSpan.FromMilliseconds(500);
        await Dispatcher.StartAsync(_stop.Token);
        await Dispatcher.Started.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>An admin's scope in the workspace, with the webhook service at hand.</summary>
    public async Task<WebhookActor> ActAsync(string slug, Guid userId)
    {
        var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded);
        return new WebhookActor(scope);
    }

    public Task<WebhookActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    public GalaxyDbContext Context(Guid workspaceId) => _db.CreateContext(PostgresDatabase.Tenant(workspaceId));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Dispatcher.StopAsync(CancellationToken.None);
            await _provider.GetRequiredService<DatabaseChangeListener>().StopAsync(CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
        }
        await Queue.IdleAsync(TimeSpan.FromSeconds(10));
        await _provider.DisposeAsync();
        await Receiver.DisposeAsync();
        _stop.Dispose();
    }
}

public sealed class WebhookActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public WebhookService Webhooks => scope.ServiceProvider.GetRequiredService<WebhookService>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>Hangfire stand-in: runs each delivery job at once (or after its delay) in a fresh scope.</summary>
public sealed class InlineDeliveryQueue(IServiceScopeFactory scopes, ILogger<InlineDeliveryQueue> logger) : IWebhookDeliveryQueue
{
    private int _running;
    private int _enqueued;

    public int Enqueued => Volatile.Read(ref _enqueued);

    public void Enqueue(Guid workspaceId, Guid[] deliveryIds) => Run(workspaceId, deliveryIds, TimeSpan.Zero);

    public void Schedule(Guid workspaceId, Guid[] deliveryIds, TimeSpan delay) => Run(workspaceId, deliveryIds, delay);

    private void Run(Guid workspaceId, Guid[] ids, TimeSpan delay)
    {
        Interlocked.Increment(ref _enqueued);
        Interlocked.Increment(ref _running);
        _ = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookDeliveryJob>().SendAsync(workspaceId, ids, CancellationToken.None);
            }
#pragma warning disable CA1031 // a test queue reports job failures through the log and the assertions
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Delivery job failed");
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        });
    }

    public async Task IdleAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _running) > 0 && DateTime.UtcNow < until) await Task.Delay(20);
    }
}

/// <summary>What the receiver got.</summary>
public sealed record ReceivedWebhook(string Path, IHeaderDictionary Headers, string Body, DateTime At);

/// <summary>A Kestrel receiver on 127.0.0.1 (random port). Each path answers as its responder says (200 by default).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Path → (request number from 1) → status code and optional Location.</summary>
    public ConcurrentDictionary<string, Func<int, (int Status, string? Location)>> Responders { get; } = new();

    private readonly ConcurrentDictionary<string, int> _counts = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? self = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Path.Value ?? "/";
            var headers = new HeaderDictionary();
            foreach (var (k, v) in context.Request.Headers) headers[k] = v;
            self!.Received.Enqueue(new ReceivedWebhook(path, headers, body, DateTime.UtcNow));
            var n = self._counts.AddOrUpdate(path, 1, (_, c) => c + 1);
            var (status, location) = self.Responders.TryGetValue(path, out var responder) ? responder(n) : (200, null);
            context.Response.StatusCode = status;
            if (location is not null) context.Response.Headers.Location = location;
            await context.Response.WriteAsync(status < 300 ? "ok" : "nope");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new WebhookReceiver(app, address.TrimEnd('/'));
        return self;
    }

    public IReadOnlyList<ReceivedWebhook> At(string path) => Received.Where(r => r.Path == path).ToList();

    /// <summary>Waits until <paramref name="path"/> got at least <paramref name="count"/> requests.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string path, int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            var got = At(path);
            if (got.Count >= count) return got;
            await Task.Delay(25);
        }
        return At(path);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
