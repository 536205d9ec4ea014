namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>
/// Every event an endpoint can subscribe to. Each is written to the outbox in the transaction of the change it
/// describes and delivered as <c>{"type": name, "timestamp": ISO-8601, "data": {...}}</c>; data keys are camelCase
/// strings (ids are uuids, amounts integer minor units, stages and statuses lower case).
/// </summary>
public static class WebhookEventCatalog
{
    /// <summary>Sent by "Send test event"; every endpoint receives it whatever it subscribed to.</summary>
    public const string TestEvent = "webhook.test";

    public static readonly IReadOnlyList<WebhookEventType> All =
    [
        new("prospect.created", "CRM", "A prospect was added to the board (by a person, an import or the API).",
            new Dictionary<string, string> { ["prospectId"] = Example.Id1, ["name"] = "Ada Lovelace", ["company"] = "Analytical Engines Ltd", ["stage"] = "new", ["estimatedValue"] = "1250000", ["userId"] = Example.User }),
        new("prospect.stage_changed", "CRM", "A prospect moved to another stage of the pipeline.",
            new Dictionary<string, string> { ["prospectId"] = Example.Id1, ["name"] = "Ada Lovelace", ["from"] = "contacted", ["to"] = "proposal", ["userId"] = Example.User }),
        new("prospect.converted", "CRM", "A won prospect was converted into a customer (and contact).",
            new Dictionary<string, string> { ["prospectId"] = Example.Id1, ["customerId"] = Example.Id2, ["contactId"] = Example.Id3, ["userId"] = Example.User }),
        new("customer.created", "CRM", "A customer was created.",
            new Dictionary<string, string> { ["customerId"] = Example.Id2, ["name"] = "Analytical Engines Ltd", ["email"] = "billing@engines.example", ["userId"] = Example.User }),
        new("task.completed", "Work", "A task was marked done.",
            new Dictionary<string, string> { ["taskId"] = Example.Id1, ["title"] = "Send the proposal", ["projectId"] = Example.Id2, ["assigneeId"] = Example.User, ["userId"] = Example.User }),
        new("invoice.sent", "Invoices", "An invoice was numbered and sent to its customer.",
            new Dictionary<string, string> { ["invoiceId"] = Example.Id1, ["invoiceNumber"] = "INV-2026-0042", ["customerId"] = Example.Id2, ["total"] = "125000", ["currency"] = "USD", ["dueDate"] = "2026-12-26", ["userId"] = Example.User }),
        new("invoice.paid", "Invoices", "Payments recorded on an invoice reached its total.",
            new Dictionary<string, string> { ["invoiceId"] = Example.Id1, ["invoiceNumber"] = "INV-2026-0042", ["customerId"] = Example.Id2, ["total"] = "125000", ["currency"] = "USD", ["paidAt"] = "2026-12-01T15:04:05Z", ["userId"] = Example.User }),
        new("member.invited", "Workspace", "Someone was invited to the workspace.",
            new Dictionary<string, string> { ["email"] = "new.person@example.com", ["role"] = "Member", ["userId"] = Example.User }),
        new("member.joined", "Workspace", "An invitation was accepted and a member joined.",
            new Dictionary<string, string> { ["userId"] = Example.User, ["role"] = "Member" }),
        new("agent.execution.completed", "Agents", "An agent run finished (status completed or failed). Emitted once agents run in the workspace.",
            new Dictionary<string, string> { ["executionId"] = Example.Id1, ["agentId"] = Example.Id2, ["status"] = "completed", ["durationMs"] = "5320", ["userId"] = Example.User }),
    ];

    public static bool IsKnown(string name) => All.Any(e => e.Name == name);

    private static class Example
    {
        public const string Id1 = "0195f3a2-7c1e-7b7a-9f3e-2d1c0b9a8e71";
        public const string Id2 = "0195f3a2-7c1e-7b7a-9f3e-2d1c0b9a8e72";
        public const string Id3 = "0195f3a2-7c1e-7b7a-9f3e-2d1c0b9a8e73";
        public const string User = "0195f3a2-7c1e-7b7a-9f3e-2d1c0b9a8e00";
    }
}
