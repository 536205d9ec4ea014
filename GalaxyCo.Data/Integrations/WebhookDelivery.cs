namespace GalaxyCo.Data.Integrations;

/// <summary>Where one delivery attempt stands. Stored as smallint so the sweep's partial index is usable under RLS.</summary>
public enum WebhookDeliveryStatus : short
{
    /// <summary>Written, waiting for a sender (first attempt, a scheduled retry or a replay).</summary>
    Pending = 0,
    /// <summary>A sender claimed it and is sending; a claim older than the timeout is taken back by the sweep.</summary>
    Sending = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>
/// One attempt to deliver one event to one endpoint (webhook_deliveries). A retry or a replay is a new row with the
/// same <see cref="MessageId"/> (the webhook-id header), so receivers can dedupe and the log shows every attempt.
/// </summary>
public class WebhookDelivery : TenantEntity
{
    public Guid WebhookId { get; set; }
    public Webhook? Webhook { get; set; }

    /// <summary>The outbox event this delivers; null for a test event.</summary>
    public Guid? EventId { get; set; }

    /// <summary>webhook-id: the same on every attempt and replay of one event to one endpoint.</summary>
    public string MessageId { get; set; } = "";
    public string EventType { get; set; } = "";

    /// <summary>1 for the first try; retries count up. A replay starts again at 1.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>The JSON body exactly as signed and sent.</summary>
    public string RequestBody { get; set; } = "";
    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>When the attempt may be sent (now for a first try; later for a retry).</summary>
    public DateTime ScheduledAt { get; set; }

    /// <summary>When a sender claimed it (Sending).</summary>
    public DateTime? ClaimedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int? StatusCode { get; set; }

    /// <summary>The first few KB of the receiver's answer.</summary>
    public string? ResponseExcerpt { get; set; }
    public int? DurationMs { get; set; }
    public string? Error { get; set; }

    /// <summary>When a failed attempt was followed by a retry, when that retry is due.</summary>
    public DateTime? NextAttemptAt { get; set; }
    public bool IsTest { get; set; }

    /// <summary>The delivery this one replays (a person pressed Replay).</summary>
    public Guid? ReplayOf { get; set; }

    /// <summary>When the event was committed (outbox created_at): the start of commit-to-receiver latency.</summary>
    public DateTime? EventCreatedAt { get; set; }
}
