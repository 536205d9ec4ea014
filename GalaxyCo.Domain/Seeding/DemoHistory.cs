using System.Globalization;
using System.Text.Json;
using GalaxyCo.Data;
using GalaxyCo.Data.Audit;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data.Tenancy;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// A curated history instead of one "create" row per seeded record: ~35 audit rows about real records, shaped
/// exactly as <c>AuditTrail</c> writes them (singular table name, snake_case fields, enum names, ISO dates), and a few
/// domain events already delivered through the outbox.
/// </summary>
internal static class DemoHistory
{
    private static readonly string[] Addresses = ["203.0.113.24", "198.51.100.7", "203.0.113.91", "198.51.100.52"];

    private static readonly string[] Browsers =
    [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    ];

    public static void Build(DemoData d)
    {
        var ws = d.Workspace;
        Log(d, ws.CreatedAt, d.Owner, "create", "workspace", ws.Id, Changes(("name", null, ws.Name), ("slug", null, ws.Slug), ("subscription_tier", null, nameof(SubscriptionTier.Starter)), ("is_active", null, "true")));
        Log(d, ws.CreatedAt.AddDays(60), d.Owner, "update", "workspace", ws.Id, Changes(("subscription_tier", nameof(SubscriptionTier.Starter), nameof(SubscriptionTier.Professional))), table: "workspaces");

        foreach (var m in d.WorkspaceMembers.Where(m => m.UserId != d.Owner.UserId))
            Log(d, m.CreatedAt, d.Owner, "create", "workspace_member", m.Id, Changes(("user_id", null, Str(m.UserId)), ("role", null, m.Role.ToString()), ("is_active", null, "true"), ("joined_at", null, Str(m.JoinedAt))));

        foreach (var c in d.Customers.OrderByDescending(c => c.CreatedAt).Take(5))
            Log(d, c.CreatedAt, Actor(d, c.AssignedTo), "create", "customer", c.Id, Changes(("name", null, c.Name), ("status", null, nameof(CustomerStatus.Lead)), ("industry", null, c.Industry), ("assigned_to", null, Str(c.AssignedTo))));
        foreach (var c in d.Customers.Where(c => c.Status == CustomerStatus.Active).OrderByDescending(c => c.CreatedAt).Take(3))
            Log(d, d.Between(c.CreatedAt.Max(d.DaysAgo(30)), d.Now), Actor(d, c.AssignedTo), "update", "customer", c.Id, Changes(("status", nameof(CustomerStatus.Lead), c.Status.ToString())), table: "customers");

        foreach (var p in d.Prospects.Where(p => p.Stage == ProspectStage.New).OrderByDescending(p => p.CreatedAt).Take(4))
            Log(d, p.CreatedAt, Actor(d, p.AssignedTo), "create", "prospect", p.Id, Changes(("name", null, p.Name), ("company", null, p.Company), ("stage", null, p.Stage.ToString()), ("source", null, p.Source), ("position", null, Str(p.Position))));

        var moved = new[] { ProspectStage.Contacted, ProspectStage.Qualified, ProspectStage.Proposal, ProspectStage.Negotiation, ProspectStage.Won, ProspectStage.Lost }
            .Select(stage => d.Prospects.Where(p => p.Stage == stage).MaxBy(p => p.LastContactedAt ?? p.CreatedAt)!).ToList();
        foreach (var (p, i) in moved.Select((p, i) => (p, i)))
        {
            var before = p.Stage == ProspectStage.Lost ? ProspectStage.Proposal : p.Stage - 1;
            var at = (p.LastContactedAt ?? d.DaysAgo(i + 1)).Max(p.CreatedAt.AddHours(1));
            // The Lead Qualifier agent moves cards too; its rows have no person behind them.
            var byAgent = p.Stage == ProspectStage.Contacted;
            Log(d, at, byAgent ? null : Actor(d, p.AssignedTo), "update", "prospect", p.Id,
                Changes(("stage", before.ToString(), p.Stage.ToString()), ("position", Str(p.Position + 500), Str(p.Position))),
                byAgent ? new() { ["source"] = "agent", ["agent_id"] = Str(d.Agents[0].Id) } : null, table: "prospects");
        }

        foreach (var inv in d.Invoices.Where(i => i.Status == InvoiceStatus.Draft).Take(2))
            Log(d, inv.CreatedAt, d.Admin, "create", "invoice", inv.Id, Changes(("invoice_number", null, inv.InvoiceNumber), ("status", null, inv.Status.ToString()), ("customer_id", null, Str(inv.CustomerId)), ("total", null, Str(inv.Total))));
        foreach (var inv in d.Invoices.Where(i => i.Status == InvoiceStatus.Sent).OrderByDescending(i => i.IssueDate).Take(2))
            Log(d, inv.IssueDate!.Value, d.Member, "update", "invoice", inv.Id, Changes(("status", nameof(InvoiceStatus.Draft), inv.Status.ToString()), ("issue_date", null, Str(inv.IssueDate)), ("due_date", null, Str(inv.DueDate))), table: "invoices");
        foreach (var inv in d.Invoices.Where(i => i.Status == InvoiceStatus.Paid).OrderByDescending(i => i.PaidAt).Take(2))
            Log(d, inv.PaidAt!.Value, d.Admin, "update", "invoice", inv.Id, Changes(("status", nameof(InvoiceStatus.Sent), inv.Status.ToString()), ("amount_paid", "0", Str(inv.AmountPaid)), ("paid_at", null, Str(inv.PaidAt))), table: "invoices");

        foreach (var t in d.Tasks.Where(t => t.Status == WorkTaskStatus.Done).OrderByDescending(t => t.CompletedAt).Take(3))
            Log(d, t.CompletedAt!.Value, Actor(d, t.AssignedTo), "update", "task", t.Id, Changes(("status", nameof(WorkTaskStatus.InProgress), t.Status.ToString()), ("completed_at", null, Str(t.CompletedAt))), table: "tasks");

        var qualifier = d.Agents[0];
        Log(d, qualifier.CreatedAt.AddDays(1), d.Owner, "update", "agent", qualifier.Id, Changes(("status", nameof(AgentStatus.Draft), qualifier.Status.ToString())), table: "agents");

        var hook = d.Webhooks[0];
        Log(d, hook.CreatedAt, d.Admin, "create", "webhook", hook.Id, Changes(("name", null, hook.Name), ("url", null, hook.Url),
            ("events", null, JsonSerializer.Serialize(hook.Events, JsonSerializerOptions.Web)), ("secret", null, "[redacted]"), ("is_active", null, "true")));

        var board = d.Events.Single(e => e.Title == "Board meeting");
        Log(d, board.CreatedAt, d.Owner, "create", "calendar_event", board.Id, Changes(("title", null, board.Title), ("start_time", null, Str(board.StartTime)), ("end_time", null, Str(board.EndTime)), ("timezone", null, board.Timezone)));

        // A duplicate contact someone cleaned up: the row is gone, its audit entry keeps what it held.
        var original = d.Contacts[^1];
        Log(d, d.DaysAgo(4.2), d.Member, "delete", "contact", Guid.CreateVersion7(), Changes(("first_name", original.FirstName, null), ("last_name", original.LastName, null),
            ("email", original.Email.Replace("@", "+old@", StringComparison.Ordinal), null), ("customer_id", Str(original.CustomerId), null)));

        d.AuditLogs.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        BuildOutbox(d, moved[^3], d.Invoices.Where(i => i.Status == InvoiceStatus.Paid).MaxBy(i => i.PaidAt)!);
    }

    /// <summary>Events the dispatcher already handled (processed_at set), so nothing is re-sent when the app starts.</summary>
    private static void BuildOutbox(DemoData d, Data.Crm.Prospect prospect, Data.Invoices.Invoice invoice)
    {
        void Add(string type, DateTime at, Dictionary<string, string> payload)
        {
            var processed = at.AddSeconds(d.Random.Double(0.3, 3));
            d.OutboxMessages.Add(new OutboxMessage
            {
                WorkspaceId = d.WorkspaceId,
                EventType = type,
                Payload = payload,
                Attempts = 1,
                ProcessedAt = processed < d.Now ? processed : d.Now,
                CreatedAt = at,
            });
        }

        Add("member.joined", d.WorkspaceMembers[^1].JoinedAt!.Value, new() { ["user_id"] = Str(d.WorkspaceMembers[^1].UserId), ["role"] = d.WorkspaceMembers[^1].Role.ToString() });
        Add("prospect.stage_changed", (prospect.LastContactedAt ?? prospect.CreatedAt).Max(prospect.CreatedAt.AddHours(1)),
            new() { ["prospect_id"] = Str(prospect.Id), ["from"] = (prospect.Stage - 1).ToString(), ["to"] = prospect.Stage.ToString() });
        Add("invoice.paid", invoice.PaidAt!.Value, new() { ["invoice_id"] = Str(invoice.Id), ["invoice_number"] = invoice.InvoiceNumber, ["amount"] = Str(invoice.Total) });
        var done = d.Tasks.Where(t => t.CompletedAt is not null).MaxBy(t => t.CompletedAt)!;
        Add("task.completed", done.CompletedAt!.Value, new() { ["task_id"] = Str(done.Id), ["title"] = done.Title });
    }

    private static void Log(DemoData d, DateTime at, DemoMember? actor, string action, string resourceType, Guid id, Dictionary<string, FieldChange> changes,
        Dictionary<string, string>? metadata = null, string? table = null)
    {
        var index = actor is null ? 0 : d.Members.ToList().IndexOf(actor);
        d.AuditLogs.Add(new AuditLog
        {
            WorkspaceId = d.WorkspaceId,
            UserId = actor?.UserId,
            UserEmail = actor?.Email ?? AuditActor.System.Email,
            IpAddress = actor is null ? null : Addresses[index % Addresses.Length],
            UserAgent = actor is null ? null : Browsers[index % Browsers.Length],
            Action = action,
            ResourceType = resourceType,
            ResourceId = Str(id),
            Changes = changes,
            Metadata = metadata ?? new() { ["source"] = "web" },
            CreatedAt = at,
        });
        if (table is not null) d.Edits.Add((table, id, at));
    }

    private static Dictionary<string, FieldChange> Changes(params (string Field, string? Before, string? After)[] fields) =>
        fields.ToDictionary(f => f.Field, f => new FieldChange { Before = f.Before, After = f.After });

    private static DemoMember Actor(DemoData d, Guid? userId) => d.Members.FirstOrDefault(m => m.UserId == userId) ?? d.Owner;

    // The formats AuditTrail uses, so seeded and live rows read the same.
    private static string Str(Guid value) => value.ToString();
    private static string? Str(Guid? value) => value?.ToString();
    private static string? Str(DateTime? value) => value?.ToString("O", CultureInfo.InvariantCulture);
    private static string Str(double value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static DateTime Max(this DateTime a, DateTime b) => a > b ? a : b;
}
