using System.Collections.Concurrent;
using System.Diagnostics;
using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StandardWebhooks;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// The speed targets of issue 7, measured on a running node (its own host: change listener, outbox dispatcher,
/// Hangfire server with PostgreSQL storage, notification hub) against the bench database:
/// <list type="bullet">
/// <item>webhooks: events written at a steady 1,000/s (one outbox row per transaction, as the app writes them, from
/// four writers) to an endpoint on a loopback receiver; latency is receiver arrival minus the writer's commit.</item>
/// <item>notification fan-out: one commit of notifications until the last of 200 subscribed circuits has it —
/// 200 people with one circuit each (a broadcast), and one person with 200 circuits.</item>
/// </list>
/// </summary>
public sealed class LiveBench(BenchDatabase database, Guid workspaceId, Guid ownerId, int iterations)
{
    public const string Webhooks = "webhook commit -> receiver @1k/s";
    public const string Broadcast = "notify 200 people, 1 circuit each";
    public const string OnePerson = "notify 1 person with 200 circuits";

    public static IReadOnlyDictionary<string, double> Targets { get; } = new Dictionary<string, double> { [Webhooks] = 2000, [Broadcast] = 500, [OnePerson] = 500 };

    private const int EventsPerSecond = 1000;
    private const int Seconds = 15;
    private const int Writers = 8;

    public async Task RunAsync(List<Measurement> results, List<string> notes, CancellationToken ct)
    {
        await using var receiver = await Receiver.StartAsync(ct);
        using var host = BuildHost(receiver.Port);
        await host.StartAsync(ct);
        try
        {
            await host.Services.GetRequiredService<DatabaseChangeListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30), ct);
            results.Add(await MeasureWebhooksAsync(host.Services, receiver, notes, ct));
            results.AddRange(await MeasureFanOutAsync(host.Services, ct));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private IHost BuildHost(int receiverPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Mail:OutboxDirectory"] = Path.Combine(Path.GetTempPath(), "galaxyco-bench-live-mail"),
        });
        builder.Services.AddGalaxyData(database.AppConnectionString);
        builder.Services.AddMail(builder.Configuration);
        builder.Services.AddWorkspaces();
        builder.Services.AddAudit();
        builder.Services.AddWebhooks(builder.Configuration);
        builder.Services.AddLiveChanges(database.AppConnectionString);
        builder.Services.AddBackgroundJobs(database.OwnerConnectionString, builder.Configuration);
        return builder.Build();
    }

    private async Task<Measurement> MeasureWebhooksAsync(IServiceProvider services, Receiver receiver, List<string> notes, CancellationToken ct)
    {
        // An endpoint in the bench workspace for the one event type the writers emit.
        Guid endpointId;
        string secret;
        await using (var scope = services.CreateAsyncScope())
        {
            var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(BenchDatabase.MainSlug, ownerId, ct);
            if (!entered.Succeeded) throw new InvalidOperationException(entered.Message);
            var webhooks = scope.ServiceProvider.GetRequiredService<WebhookService>();
            foreach (var old in (await webhooks.ListAsync(ct)).Where(w => w.Name.StartsWith("bench ", StringComparison.Ordinal)))
                await webhooks.DeleteAsync(old.Id, ct);
            var created = await webhooks.CreateAsync(new WebhookInput("bench receiver", $"http://127.0.0.1:{receiver.Port}/hook", ["task.completed"]), ct);
            if (!created.Succeeded) throw new InvalidOperationException($"bench endpoint refused: {created.Message}");
            (endpointId, secret) = (created.Value!.Webhook.Id, created.Value.Secret);
        }
        receiver.Secret = secret;

        var total = EventsPerSecond * Seconds;
        var commits = new ConcurrentDictionary<string, long>();
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.AppConnectionString) { MaxPoolSize = 20 }.ConnectionString);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await using var connection = await source.OpenConnectionAsync(ct);
            await using (var tenant = new NpgsqlCommand("select set_config('app.workspace_id', @w, false)", connection))
            {
                tenant.Parameters.AddWithValue("w", workspaceId.ToString());
                await tenant.ExecuteNonQueryAsync(ct);
            }
            await using var insert = new NpgsqlCommand(
                "insert into outbox_messages (id, workspace_id, event_type, payload, attempts) values (@id, @w, 'task.completed', @p::jsonb, 0)", connection);
            var id = new NpgsqlParameter<Guid>("id", Guid.Empty);
            insert.Parameters.Add(id);
            insert.Parameters.AddWithValue("w", workspaceId);
            var payload = new NpgsqlParameter<string>("p", "");
            insert.Parameters.Add(payload);
            for (var i = w; i < total; i += Writers)
            {
                var due = start + (long)i * Stopwatch.Frequency / EventsPerSecond;
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency), ct);
                var eventId = Guid.CreateVersion7();
                id.TypedValue = eventId;
                payload.TypedValue = $$"""{"taskId":"{{eventId}}","title":"Bench task {{i}}","userId":"{{ownerId}}"}""";
                await insert.ExecuteNonQueryAsync(ct); // autocommit: one transaction per event
                commits[$"msg_{eventId:N}"] = Stopwatch.GetTimestamp();
            }
        }, ct)));
        var writeSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 120;
        while (receiver.Arrivals.Count < total && Stopwatch.GetTimestamp() < deadline) await Task.Delay(100, ct);
        var drainSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var latencies = receiver.Arrivals
            .Where(a => commits.ContainsKey(a.Key))
            .Select(a => Math.Max(0, (a.Value - commits[a.Key]) * 1000.0 / Stopwatch.Frequency))
            .Order().ToArray();
        var lost = total - latencies.Length;
        var note = $"{total:N0} events written in {writeSeconds:N1} s ({total / writeSeconds:N0}/s, {Writers} writers, one transaction each); " +
                   $"{latencies.Length:N0} received ({receiver.Duplicates} duplicate deliveries, {receiver.BadSignatures} bad signatures, {lost:N0} missing) by {drainSeconds:N1} s";
        notes.Add($"{Webhooks}: {note}");
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(BenchDatabase.MainSlug, ownerId, ct);
            await scope.ServiceProvider.GetRequiredService<WebhookService>().DeleteAsync(endpointId, ct);
        }
        if (latencies.Length == 0) return new Measurement(Webhooks, [double.PositiveInfinity], note);
        var m = new Measurement(Webhooks, latencies, note);
        Console.WriteLine($"{Webhooks,-34} p50 {m.P50,8:N2}  p95 {m.P95,8:N2}  p99 {m.P99,8:N2}  max {m.Max,8:N2} ms   ({note})");
        return m;
    }

    private async Task<IReadOnlyList<Measurement>> MeasureFanOutAsync(IServiceProvider services, CancellationToken ct)
    {
        var hub = services.GetRequiredService<NotificationHub>();
        List<Guid> people;
        await using (var connection = new NpgsqlConnection(database.SuperuserConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("select user_id from workspace_members where workspace_id = @w and is_active order by user_id limit 200", connection);
            cmd.Parameters.AddWithValue("w", workspaceId);
            people = [];
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) people.Add(reader.GetGuid(0));
        }
        var measurements = new List<Measurement>();
        measurements.Add(await FanOutAsync(hub, Broadcast, people, people, ct));
        measurements.Add(await FanOutAsync(hub, OnePerson, Enumerable.Repeat(ownerId, 200).ToList(), [ownerId], ct));
        return measurements;
    }

    /// <summary>
    /// One subscription per entry of <paramref name="circuits"/> (a person's circuit); each handler hops off the
    /// listener's thread the way a circuit's InvokeAsync does. A run inserts one notification per recipient in one
    /// transaction and stops the clock when every circuit has been pushed its notification.
    /// </summary>
    private async Task<Measurement> FanOutAsync(NotificationHub hub, string name, IReadOnlyList<Guid> circuits, IReadOnlyList<Guid> recipients, CancellationToken ct)
    {
        var pending = 0;
        TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = circuits.Select(person => hub.Subscribe(workspaceId, person, async push =>
        {
            await Task.Yield();
            if (push.Added.Count > 0 && Interlocked.Decrement(ref pending) == 0) done.TrySetResult();
        })).ToList();
        await using var source = NpgsqlDataSource.Create(database.AppConnectionString);
        await using var connection = await source.OpenConnectionAsync(ct);
        await using (var tenant = new NpgsqlCommand("select set_config('app.workspace_id', @w, false)", connection))
        {
            tenant.Parameters.AddWithValue("w", workspaceId.ToString());
            await tenant.ExecuteNonQueryAsync(ct);
        }
        await using var insert = new NpgsqlCommand(
            "insert into notifications (id, workspace_id, user_id, type, title, message, metadata) " +
            "select gen_random_uuid(), @w, u, 'info', 'Bench notice ' || @i, 'Fan-out benchmark', '{\"category\":\"system\"}'::jsonb from unnest(@u) as u", connection);
        insert.Parameters.AddWithValue("w", workspaceId);
        insert.Parameters.AddWithValue("u", recipients.ToArray());
        var round = new NpgsqlParameter<int>("i", 0);
        insert.Parameters.Add(round);
        var warmup = Math.Min(10, iterations);
        try
        {
            var m = await Measurement.RunAsync(name, warmup, iterations, async i =>
            {
                done = new(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref pending, circuits.Count);
                round.TypedValue = i;
                await insert.ExecuteNonQueryAsync(ct);
                await done.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            }, () => $"{circuits.Count} subscriptions, {recipients.Count} notification rows per commit; timed from the INSERT's start to the last circuit's push");
            return m;
        }
        finally
        {
            foreach (var s in subscriptions) s.Dispose();
            await using var cleanup = new NpgsqlCommand("delete from notifications where title like 'Bench notice %'", connection);
            await cleanup.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A loopback HTTP receiver that records when each webhook-id first arrives and checks signatures.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        public ConcurrentDictionary<string, long> Arrivals { get; } = new();
        public int Duplicates;
        public int BadSignatures;
        public int Port { get; private set; }
        public string? Secret { get; set; }
        private int verified;

        private Receiver(WebApplication app) => this.app = app;

        public static async Task<Receiver> StartAsync(CancellationToken ct)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpContext http) =>
            {
                var at = Stopwatch.GetTimestamp();
                var id = http.Request.Headers["webhook-id"].ToString();
                if (!receiver.Arrivals.TryAdd(id, at)) Interlocked.Increment(ref receiver.Duplicates);
                // Verify a sample (HMAC on every request would bill the receiver's CPU to the sender).
                if (receiver.Secret is { } secret && Interlocked.Increment(ref receiver.verified) % 50 == 1)
                {
                    using var body = new StreamReader(http.Request.Body);
                    var text = await body.ReadToEndAsync();
                    try
                    {
                        new StandardWebhook(secret).Verify(text, http.Request.Headers);
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref receiver.BadSignatures);
                    }
                }
                return Results.Ok();
            });
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            receiver.Port = new Uri(address).Port;
            return receiver;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
