using GalaxyCo.Data.Integrations;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>One event type endpoints can subscribe to, with an example of its data (documented on the docs page).</summary>
public sealed record WebhookEventType(string Name, string Area, string Description, IReadOnlyDictionary<string, string> ExampleData);

/// <summary>An endpoint as the admin page lists it. The secret itself is never part of it (only a hint).</summary>
public sealed record WebhookSummary(
    Guid Id,
    string Name,
    string Url,
    IReadOnlyList<string> Events,
    bool IsActive,
    DateTime? LastTriggeredAt,
    int SuccessCount,
    int FailureCount,
    int ConsecutiveFailures,
    DateTime? DisabledAt,
    string? DisabledReason,
    /// <summary>"whsec_…Ab3x": the last four characters, so admins can tell secrets apart.</summary>
    string SecretHint,
    DateTime? PreviousSecretExpiresAt,
    DateTime CreatedAt,
    uint Version);

/// <summary>What an admin types. <see cref="Events"/> are catalogue names (see WebhookEventCatalog).</summary>
public sealed record WebhookInput(string Name, string Url, IReadOnlyList<string> Events);

/// <summary>Returned once, on create or rotate: the only time the full secret is shown.</summary>
public sealed record WebhookSecretShown(WebhookSummary Webhook, string Secret);

public enum WebhookDeliveryFilter { All, Succeeded, Failed, Pending }

public sealed record WebhookDeliveryQuery(WebhookDeliveryFilter Filter = WebhookDeliveryFilter.All, DateTime? Before = null, Guid? BeforeId = null, int Take = 50);

/// <summary>One attempt in an endpoint's delivery log.</summary>
public sealed record WebhookDeliveryRow(
    Guid Id,
    Guid WebhookId,
    string EventType,
    string MessageId,
    int Attempt,
    WebhookDeliveryStatus Status,
    int? StatusCode,
    int? DurationMs,
    string? Error,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    DateTime? NextAttemptAt,
    bool IsTest,
    Guid? ReplayOf);

/// <summary>A delivery opened in the log: what was sent and what came back.</summary>
public sealed record WebhookDeliveryDetail(WebhookDeliveryRow Row, string RequestBody, string? ResponseExcerpt);

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryRow> Items, bool HasMore);

/// <summary>Settings under "Webhooks" in configuration.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Hosts or addresses (exact host names, IP addresses or CIDR ranges such as 127.0.0.0/8) that may be called even
    /// though they are loopback/private. Empty by default: tests and local development set it for their receiver.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long one attempt may take (connect + response).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per event, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Failed attempts in a row (no success between) after which the endpoint is disabled and admins told.</summary>
    public int DisableAfterConsecutiveFailures { get; set; } = 15;

    /// <summary>After a rotation the old secret keeps signing (a second signature) this long.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>At most this many redirects are followed, each checked like the first address.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>How much of a response body is kept in the log.</summary>
    public int ResponseExcerptChars { get; set; } = 2048;
}
