using System.Text.Json;
using GalaxyCo.Data.Crm;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GalaxyCo.Domain.Live;

/// <summary>
/// Holds one connection that LISTENs for the NOTIFYs the CRM triggers send on commit and hands them to the
/// <see cref="ChangeFeed"/>. On a lost connection it reconnects with backoff and publishes a resync, because
/// notifications sent while it was away are gone.
/// </summary>
public sealed class DatabaseChangeListener(LiveChangesOptions options, ChangeFeed feed, ILogger<DatabaseChangeListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests and benchmarks wait for it).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { KeepAlive = 15, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {CrmDatabaseObjects.ChangeChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (connectedBefore) feed.Publish(DatabaseChange.Resync);
                connectedBefore = true;
                _listening.TrySetResult();
                delay = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                logger.LogWarning(e, "Live change listener lost its database connection; retrying in {Delay}", delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private void OnNotification(string payload)
    {
        if (Parse(payload) is { } change) feed.Publish(change);
        else logger.LogWarning("Ignored a malformed live change notification");
    }

    internal static DatabaseChange? Parse(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            var ids = root.TryGetProperty("ids", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(i => i.GetGuid()).ToList()
                : null;
            var users = root.TryGetProperty("u", out var people) && people.ValueKind == JsonValueKind.Array
                ? people.EnumerateArray().Select(i => i.GetGuid()).ToList()
                : null;
            return new DatabaseChange(root.GetProperty("w").GetGuid(), root.GetProperty("t").GetString() ?? "", root.GetProperty("op").GetString() ?? "", ids) { UserIds = users };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>The app-role connection string the listener uses.</summary>
public sealed record LiveChangesOptions(string ConnectionString);
