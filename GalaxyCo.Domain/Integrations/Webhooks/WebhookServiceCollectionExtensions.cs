using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Integrations.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// The SSRF guard every server-side request to a user-given address goes through (webhooks, url items, AI
    /// providers). Safe to call from each area that needs it; the "Webhooks" options (AllowedHosts...) are bound from
    /// configuration by <see cref="AddWebhooks"/>, which the app always calls, so without it the defaults (strictest) apply.
    /// </summary>
    public static IServiceCollection AddOutboundUrlGuard(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>();
        services.TryAddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.TryAddSingleton<WebhookUrlGuard>();
        return services;
    }

    /// <summary>
    /// Outgoing webhooks: the admin service, the outbox dispatcher (hosted), the guarded "webhooks" HttpClient and the
    /// Hangfire delivery and sweep jobs. Needs AddLiveChanges (ChangeFeed) and Hangfire's IBackgroundJobClient.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddScoped<WebhookService>();
        services.AddOutboundUrlGuard();
        services.AddSingleton<WebhookEndpointCache>();
        services.AddSingleton<WebhookRetrySchedule>();
        services.AddSingleton<WebhookSender>();
        services.AddScoped<WebhookDeliveryJob>();
        services.AddScoped<WebhookSweepJob>();
        services.AddSingleton<IWebhookDeliveryQueue, HangfireWebhookDeliveryQueue>();
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout,
                ConnectCallback = sp.GetRequiredService<WebhookUrlGuard>().ConnectAsync,
            })
            // The sender logs nothing about requests itself, and the default handler logging would print URLs only;
            // signatures and secrets are in headers, never logged.
            .RemoveAllLoggers();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
