using System.Security.Cryptography;
using GalaxyCo.Data.Integrations;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Two outgoing webhooks, one active and one paused. Their endpoints are on reserved .example hosts so a demo never
/// posts data anywhere real, and their signing secrets are random (not from the published seed).
/// </summary>
internal static class DemoIntegrations
{
    public static void Build(DemoData d)
    {
        var created = d.AgoBetween(90, 60);
        var slack = new Webhook
        {
            WorkspaceId = d.WorkspaceId,
            Name = "Slack: #sales-wins",
            Url = "https://hooks.slack.example/services/T0DEMO/B0SALES",
            Events = ["prospect.stage_changed", "invoice.paid"],
            Secret = NewSecret(),
            IsActive = true,
            LastTriggeredAt = d.AgoBetween(2, 0.1),
            SuccessCount = d.Random.Int(40, 120),
            FailureCount = d.Random.Int(0, 3),
            Metadata = new() { ["channel"] = "#sales-wins", ["created_via"] = "settings" },
            CreatedBy = d.Admin.UserId,
            CreatedAt = created,
        };
        d.Webhooks.Add(slack);
        BuildDeliveryLog(d, slack);
        d.Webhooks.Add(new Webhook
        {
            WorkspaceId = d.WorkspaceId,
            Name = "Accounting sync (paused)",
            Url = "https://books.acme-accounting.example/api/galaxyco/events",
            Events = ["invoice.sent", "invoice.paid"],
            Secret = NewSecret(),
            IsActive = false,
            LastTriggeredAt = d.AgoBetween(40, 30),
            SuccessCount = d.Random.Int(10, 30),
            FailureCount = d.Random.Int(5, 9),
            Metadata = new() { ["paused_reason"] = "Too many failed deliveries", ["created_via"] = "api" },
            CreatedBy = d.Owner.UserId,
            CreatedAt = created.AddDays(-d.Random.Int(10, 40)),
        });
    }

    /// <summary>
    /// A short delivery log for the active endpoint, so its console shows what deliveries look like: stage changes
    /// accepted with 200, and one event that failed with a 502, was retried and then accepted (same webhook-id).
    /// </summary>
    private static void BuildDeliveryLog(DemoData d, Webhook webhook)
    {
        string[] stages = ["contacted", "qualified", "proposal", "negotiation", "won"];
        for (var i = 0; i < 6; i++)
        {
            var at = d.AgoBetween(6 - i, 5.5 - i);
            var eventId = Guid.CreateVersion7();
            var from = stages[d.Random.Int(0, stages.Length - 2)];
            var to = stages[Array.IndexOf(stages, from) + 1];
            var body = $$$"""{"type":"prospect.stage_changed","timestamp":"{{{at:yyyy-MM-ddTHH:mm:ss.fffZ}}}","data":{"prospectId":"{{{Guid.CreateVersion7()}}}","from":"{{{from}}}","to":"{{{to}}}","userId":"{{{d.Admin.UserId}}}"}}""";
            var failedFirst = i == 3;
            var attempt = 1;
            foreach (var ok in failedFirst ? new[] { false, true } : [true])
            {
                var sent = at.AddSeconds(attempt == 1 ? 0.4 : 10.9);
                d.WebhookDeliveries.Add(new WebhookDelivery
                {
                    WorkspaceId = d.WorkspaceId,
                    WebhookId = webhook.Id,
                    EventId = eventId,
                    MessageId = $"msg_{eventId:N}",
                    EventType = "prospect.stage_changed",
                    Attempt = attempt,
                    RequestBody = body,
                    Status = ok ? WebhookDeliveryStatus.Succeeded : WebhookDeliveryStatus.Failed,
                    ScheduledAt = sent,
                    ClaimedAt = sent,
                    CompletedAt = sent.AddMilliseconds(ok ? 180 : 2400),
                    StatusCode = ok ? 200 : 502,
                    ResponseExcerpt = ok ? "ok" : "<html><body><h1>502 Bad Gateway</h1></body></html>",
                    DurationMs = ok ? d.Random.Int(90, 260) : 2400,
                    NextAttemptAt = ok ? null : at.AddSeconds(10.9),
                    EventCreatedAt = at,
                    CreatedAt = sent,
                });
                attempt++;
            }
        }
    }

    /// <summary>Standard Webhooks style: whsec_ followed by base64 of 32 random bytes.</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
