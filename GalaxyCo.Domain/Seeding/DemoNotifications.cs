using GalaxyCo.Data;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Domain.Notifications;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// The demo user's bell: one or more notifications of every type about records that exist, the newest unread.
/// A couple go to colleagues too, so per-user delivery is visible when signing in as them.
/// </summary>
internal static class DemoNotifications
{
    public static void Build(DemoData d)
    {
        var slug = DemoSeeder.WorkspaceSlug;
        var negotiation = d.Prospects.First(p => p.Stage == ProspectStage.Negotiation);
        var won = d.Prospects.First(p => p.Stage == ProspectStage.Won && p.ConvertedToCustomer);
        var paid = d.Invoices.Where(i => i.Status == InvoiceStatus.Paid).MaxBy(i => i.PaidAt)!;
        var overdue = d.Invoices.First(i => i.Status == InvoiceStatus.Overdue);
        var myTask = d.Tasks.FirstOrDefault(t => t.AssignedTo == d.Owner.UserId && t.Status == WorkTaskStatus.Todo && t.DueDate > d.Now)
            ?? d.Tasks.First(t => t.AssignedTo == d.Owner.UserId);
        var nextMeeting = d.Events.Where(e => e.StartTime > d.Now && !e.IsRecurring && !e.IsAllDay).MinBy(e => e.StartTime)!;
        var failedRun = d.Executions.Where(e => e.Status == ExecutionStatus.Failed).MaxBy(e => e.StartedAt);
        var failedAgent = failedRun is null ? d.Agents[0] : d.Agents.Single(a => a.Id == failedRun.AgentId);
        var doc = d.KnowledgeItems.OrderByDescending(i => i.CreatedAt).First();

        // Newest first; the first five are unread.
        var items = new (string Category, NotificationType Type, string Title, string Message, string Url, string Label, Dictionary<string, string> Meta, DateTime? Expires)[]
        {
            (NotificationCategories.Reminder, NotificationType.Reminder, $"Coming up: {nextMeeting.Title}", $"Starts {DemoClock.Describe(nextMeeting.StartTime)}.", $"/w/{slug}/calendar", "Open calendar",
                new() { ["event_id"] = nextMeeting.Id.ToString() }, nextMeeting.StartTime),
            (NotificationCategories.Mention, NotificationType.Mention, $"{d.Admin.FirstName} mentioned you", $"\"@{d.Owner.FirstName} can you approve the discount for {negotiation.Company}?\"", $"/w/{slug}/crm", "Reply",
                new() { ["prospect_id"] = negotiation.Id.ToString(), ["by"] = d.Admin.UserId.ToString() }, null),
            (NotificationCategories.Assignment, NotificationType.Assignment, "New task assigned to you", $"{d.Member.FirstName} assigned you \"{myTask.Title}\".", $"/w/{slug}/work/tasks/{myTask.Id}", "View task",
                new() { ["task_id"] = myTask.Id.ToString() }, null),
            (NotificationCategories.Invoice, NotificationType.Warning, $"Invoice {overdue.InvoiceNumber} is overdue", $"{Dollars(overdue.Total - overdue.AmountPaid)} was due {DemoClock.Describe(overdue.DueDate!.Value)}.", $"/w/{slug}/invoices", "View invoice",
                new() { ["invoice_id"] = overdue.Id.ToString() }, null),
            (NotificationCategories.Agent, NotificationType.Error, $"Agent run failed: {failedAgent.Name}", failedRun?.Error?.Message ?? "The run could not finish.", $"/w/{slug}/agents", "See run",
                new() { ["agent_id"] = failedAgent.Id.ToString() }, null),
            (NotificationCategories.Invoice, NotificationType.Success, $"Invoice {paid.InvoiceNumber} was paid", $"{Dollars(paid.Total)} received.", $"/w/{slug}/invoices", "View invoice",
                new() { ["invoice_id"] = paid.Id.ToString() }, null),
            (NotificationCategories.System, NotificationType.Info, $"{negotiation.Name} moved to Negotiation", $"{negotiation.Company} is now in Negotiation ({Dollars(negotiation.EstimatedValue ?? 0)}).", $"/w/{slug}/crm", "Open pipeline",
                new() { ["prospect_id"] = negotiation.Id.ToString() }, null),
            (NotificationCategories.System, NotificationType.Success, $"Deal won: {won.Company}", $"{won.Name} signed; the prospect was converted to a customer.", $"/w/{slug}/crm", "Open customer",
                new() { ["customer_id"] = won.CustomerId!.Value.ToString() }, null),
            (NotificationCategories.System, NotificationType.Success, "Knowledge item ready", $"\"{doc.Title}\" was processed and is searchable.", $"/w/{slug}/knowledge", "Open item",
                new() { ["item_id"] = doc.Id.ToString() }, null),
            (NotificationCategories.Assignment, NotificationType.Assignment, "You were added to a project", $"{d.Admin.FirstName} added you to {d.Projects[0].Name}.", $"/w/{slug}/work/projects", "Open project",
                new() { ["project_id"] = d.Projects[0].Id.ToString() }, null),
            (NotificationCategories.System, NotificationType.System, "Scheduled maintenance", "GalaxyCo will be briefly unavailable on Sunday 02:00–02:15 UTC for database upgrades.", $"/w/{slug}", "Dismiss",
                [], null),
            (NotificationCategories.Invitation, NotificationType.Info, $"{d.Member.FirstName} joined {DemoSeeder.WorkspaceName}", $"{d.Member.Name} accepted your invitation.", $"/w/{slug}/settings/members", "View members",
                new() { ["user_id"] = d.Member.UserId.ToString() }, null),
            (NotificationCategories.System, NotificationType.System, $"Welcome to {DemoSeeder.WorkspaceName}", "This workspace is filled with sample data. Explore the pipeline, run an agent, or send an invoice.", $"/w/{slug}", "Get started",
                [], null),
        };

        var at = d.DaysAgo(0.02);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var read = i >= 5;
            d.Notifications.Add(new Notification
            {
                WorkspaceId = d.WorkspaceId,
                UserId = d.Owner.UserId,
                Type = item.Type,
                Title = item.Title,
                Message = item.Message,
                ActionUrl = item.Url,
                ActionLabel = item.Label,
                Metadata = Stamp(item.Meta, item.Category),
                IsRead = read,
                ReadAt = read ? Earlier(at.AddHours(d.Random.Double(0.2, 6)), d.Now.AddMinutes(-1)) : null,
                IsDismissed = i == items.Length - 1,
                ExpiresAt = item.Expires,
                CreatedAt = at,
            });
            at = at.AddHours(-d.Random.Double(2, 30));
        }

        d.Notifications.Add(new Notification
        {
            WorkspaceId = d.WorkspaceId,
            UserId = d.Member.UserId,
            Type = NotificationType.Assignment,
            Title = "New prospect assigned to you",
            Message = $"{d.Owner.FirstName} assigned you {negotiation.Name} ({negotiation.Company}).",
            ActionUrl = $"/w/{slug}/crm",
            ActionLabel = "Open pipeline",
            Metadata = Stamp(new() { ["prospect_id"] = negotiation.Id.ToString() }, NotificationCategories.Assignment),
            CreatedAt = d.DaysAgo(1.5),
        });
        d.Notifications.Add(new Notification
        {
            WorkspaceId = d.WorkspaceId,
            UserId = d.Viewer.UserId,
            Type = NotificationType.Success,
            Title = $"Invoice {paid.InvoiceNumber} was paid",
            Message = $"{Dollars(paid.Total)} received.",
            ActionUrl = $"/w/{slug}/invoices",
            ActionLabel = "View invoice",
            Metadata = Stamp(new() { ["invoice_id"] = paid.Id.ToString() }, NotificationCategories.Invoice),
            CreatedAt = paid.PaidAt ?? d.DaysAgo(3),
        });
    }

    /// <summary>Files a seeded notification under its category, as NotificationSender does for live ones.</summary>
    private static Dictionary<string, string> Stamp(Dictionary<string, string> meta, string category)
    {
        meta[NotificationCategories.MetadataKey] = category;
        return meta;
    }

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;

    private static string Dollars(long cents) => (cents / 100m).ToString("$#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
}
