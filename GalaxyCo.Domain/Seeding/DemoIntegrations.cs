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
        d.Webhooks.Add(new Webhook
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
        });
        d.Webhooks.Add(new Webhook
        {
            WorkspaceId = d.WorkspaceId,
            Name = "Accounting sync (paused)",
            Url = "https://books.acme-accounting.example/api/galaxyco/events",
            Events = ["invoice.sent", "invoice.paid", "invoice.cancelled"],
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

    /// <summary>Standard Webhooks style: whsec_ followed by base64 of 32 random bytes.</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
