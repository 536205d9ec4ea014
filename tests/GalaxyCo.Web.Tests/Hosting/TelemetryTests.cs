using System.Net;
using System.Net.Sockets;
using GalaxyCo.Web.Hosting;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Trace;

namespace GalaxyCo.Web.Tests.Hosting;

/// <summary>Traces reach a real OTLP/HTTP receiver on loopback when an endpoint is configured, and nothing is set up without one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TelemetryTests(PostgresDatabase db)
{
    [Fact]
    public async Task WithOtlpEndpoint_NpgsqlCommandsAreExportedAsTraces()
    {
        var port = FreePort();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = new List<(string Path, long Length)>();
        var listening = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                HttpListenerContext context;
                try { context = await receiver.GetContextAsync(); }
                catch (HttpListenerException) { return; }
                catch (ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received) received.Add((context.Request.Url!.AbsolutePath, body.Length));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = $"http://127.0.0.1:{port}" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddGalaxyTelemetry(configuration);
        await using (var provider = services.BuildServiceProvider())
        {
            var tracer = provider.GetRequiredService<TracerProvider>();
            await using (var connection = new NpgsqlConnection(db.OwnerConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync();
            }
            Assert.True(tracer.ForceFlush(10_000));
        }
        receiver.Stop();

        lock (received)
        {
            Assert.Contains(received, r => r.Path.EndsWith("/v1/traces", StringComparison.Ordinal) && r.Length > 0);
        }
    }

    [Fact]
    public void WithoutEndpoint_NoTracerIsRegistered()
    {
        var services = new ServiceCollection().AddLogging().AddGalaxyTelemetry(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        Assert.Null(provider.GetService<TracerProvider>());
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
