using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Tests.Infrastructure;

/// <summary>A request the fake provider got: path, Authorization header and JSON body.</summary>
public sealed record OpenAiRequest(string Path, string? Authorization, JsonNode? Body);

/// <summary>
/// A loopback Kestrel server speaking enough of the OpenAI protocol for tests: POST /v1/chat/completions answers with
/// <see cref="ChatReply"/> (given the request), POST /v1/embeddings returns deterministic unit vectors of
/// <see cref="EmbeddingDimensions"/> derived from each input's SHA-256, GET /v1/models lists one model. Every request is
/// recorded. Point the OpenAI client at <see cref="Endpoint"/> (…/v1).
/// </summary>
public sealed class OpenAiTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenAiTestServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:port (no path).</summary>
    public string BaseUrl { get; }

    /// <summary>The OpenAI-style endpoint, BaseUrl + "/v1".</summary>
    public Uri Endpoint => new(BaseUrl + "/v1");

    public ConcurrentQueue<OpenAiRequest> Requests { get; } = new();

    /// <summary>The assistant's reply to a chat request (default: "Test answer [1]").</summary>
    public Func<JsonNode?, string> ChatReply { get; set; } = _ => "Test answer [1]";

    /// <summary>Status code for every request when set (e.g. 500, 401) instead of the normal answer.</summary>
    public int? FailWith { get; set; }

    public int EmbeddingDimensions { get; set; } = 8;

    public IReadOnlyList<OpenAiRequest> ChatRequests => Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();

    public static async Task<OpenAiTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        OpenAiTestServer? self = null;
        app.Run(async context => await self!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new OpenAiTestServer(app, address.TrimEnd('/'));
        return self;
    }

    /// <summary>The vector /v1/embeddings returns for <paramref name="text"/> (unit length).</summary>
    public float[] VectorFor(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var vector = new float[EmbeddingDimensions];
        for (var i = 0; i < vector.Length; i++) vector[i] = (hash[i % hash.Length] - 127.5f) / 127.5f;
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(new OpenAiRequest(path, context.Request.Headers.Authorization.ToString(), body));
        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "test failure", type = "server_error" } });
            return;
        }
        var model = body?["model"]?.GetValue<string>() ?? "test-model";
        object response;
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            response = new
            {
                id = "chatcmpl-test", @object = "chat.completion", created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = ChatReply(body) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
            };
        }
        else if (path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            var inputs = body?["input"] switch
            {
                JsonArray array => array.Select(n => n?.GetValue<string>() ?? "").ToList(),
                JsonValue value => [value.GetValue<string>()],
                _ => new List<string>(),
            };
            response = new
            {
                @object = "list", model,
                data = inputs.Select((input, i) => new { @object = "embedding", index = i, embedding = VectorFor(input) }).ToArray(),
                usage = new { prompt_tokens = inputs.Count, total_tokens = inputs.Count },
            };
        }
        else if (path.EndsWith("/models", StringComparison.Ordinal))
        {
            response = new { @object = "list", data = new[] { new { id = "test-model", @object = "model", created = 0, owned_by = "test" } } };
        }
        else
        {
            context.Response.StatusCode = 404;
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(response));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
