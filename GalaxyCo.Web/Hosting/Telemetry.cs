using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics for ASP.NET Core, outgoing HTTP, Npgsql (every SQL command EF sends) and the
/// .NET runtime. They are exported over OTLP only when an endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
/// OpenTelemetry:OtlpEndpoint); without one nothing is collected beyond what the in-process meters cost.
/// </summary>
internal static class Telemetry
{
    public static IServiceCollection AddGalaxyTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return services;

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("galaxyco-web", serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/_blazor") && !http.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Hangfire"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql"))
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, new Uri(endpoint));
        return services;
    }
}
