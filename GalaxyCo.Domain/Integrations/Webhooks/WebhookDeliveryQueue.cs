using Hangfire;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>Hands delivery rows to senders: at once (a batch) or later (a retry). Hangfire in the app.</summary>
public interface IWebhookDeliveryQueue
{
    void Enqueue(Guid workspaceId, Guid[] deliveryIds);

    void Schedule(Guid workspaceId, Guid[] deliveryIds, TimeSpan delay);
}

/// <summary>One Hangfire job per batch, shared by every app node's Hangfire server.</summary>
public sealed class HangfireWebhookDeliveryQueue(IBackgroundJobClient jobs) : IWebhookDeliveryQueue
{
    public void Enqueue(Guid workspaceId, Guid[] deliveryIds) =>
        jobs.Enqueue<WebhookDeliveryJob>(j => j.SendAsync(workspaceId, deliveryIds, CancellationToken.None));

    public void Schedule(Guid workspaceId, Guid[] deliveryIds, TimeSpan delay) =>
        jobs.Schedule<WebhookDeliveryJob>(j => j.SendAsync(workspaceId, deliveryIds, CancellationToken.None), delay);
}
