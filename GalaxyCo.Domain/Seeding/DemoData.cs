using Bogus;
using GalaxyCo.Data;
using GalaxyCo.Data.Agents;
using GalaxyCo.Data.Audit;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Inbox;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data.Work;
using GalaxyCo.Data.Workspaces;

namespace GalaxyCo.Domain.Seeding;

/// <summary>A demo account once it exists as a users row.</summary>
internal sealed record DemoMember(Guid UserId, string Email, string FirstName, string LastName, UserRole Role)
{
    public string Name => $"{FirstName} {LastName}";
}

/// <summary>
/// Everything the demo seeder will insert, built in memory first (one faker, fixed seed, fixed draw order) so each
/// area can refer to what the areas before it produced: invoices bill real customers, tasks sit in real projects.
/// </summary>
internal sealed class DemoData(Guid workspaceId, IReadOnlyList<DemoMember> members, DateTime now, int seed)
{
    public Guid WorkspaceId { get; } = workspaceId;
    public DateTime Now { get; } = now;
    public Faker Faker { get; } = new("en") { Random = new Randomizer(seed) };
    public Randomizer Random => Faker.Random;

    public IReadOnlyList<DemoMember> Members { get; } = members;
    public DemoMember Owner => Members.First(m => m.Role == UserRole.Owner);
    public DemoMember Admin => Members.First(m => m.Role == UserRole.Admin);
    public DemoMember Member => Members.First(m => m.Role == UserRole.Member);
    public DemoMember Viewer => Members.First(m => m.Role == UserRole.Viewer);

    /// <summary>People who own records and get work assigned (a viewer only reads).</summary>
    public IReadOnlyList<DemoMember> Doers => [.. Members.Where(m => m.Role != UserRole.Viewer)];

    public Workspace Workspace { get; set; } = null!;
    public List<WorkspaceMember> WorkspaceMembers { get; } = [];
    public List<WorkspaceInvitation> Invitations { get; } = [];
    public List<Customer> Customers { get; } = [];
    public List<Contact> Contacts { get; } = [];
    public List<Prospect> Prospects { get; } = [];
    public List<Project> Projects { get; } = [];
    public List<WorkTask> Tasks { get; } = [];
    public List<CalendarEvent> Events { get; } = [];
    public List<CalendarFeedToken> CalendarFeedTokens { get; } = [];
    public List<CalendarReminderDelivery> CalendarReminderDeliveries { get; } = [];
    public List<Invoice> Invoices { get; } = [];
    public List<InvoicePayment> InvoicePayments { get; } = [];
    public List<InvoiceSettings> InvoiceSettingsRows { get; } = [];
    public List<Agent> Agents { get; } = [];
    public List<AgentExecution> Executions { get; } = [];
    public List<AgentSchedule> Schedules { get; } = [];
    public List<KnowledgeCollection> Collections { get; } = [];
    public List<KnowledgeItem> KnowledgeItems { get; } = [];
    public List<KnowledgeItemFile> KnowledgeFiles { get; } = [];
    public List<EmailThread> Threads { get; } = [];
    public List<Notification> Notifications { get; } = [];
    public List<Webhook> Webhooks { get; } = [];
    public List<WebhookDelivery> WebhookDeliveries { get; } = [];
    public List<AuditLog> AuditLogs { get; } = [];
    public List<OutboxMessage> OutboxMessages { get; } = [];
    public List<CrmActivity> CrmActivities { get; } = [];
    public List<CrmCustomField> CrmCustomFields { get; } = [];
    public List<CrmSavedView> CrmSavedViews { get; } = [];
    public List<CrmImport> CrmImports { get; } = [];
    public List<CrmImportRow> CrmImportRows { get; } = [];

    /// <summary>Records the audit history says were edited after creation, with when (their updated_at follows).</summary>
    public List<(string Table, Guid Id, DateTime At)> Edits { get; } = [];

    /// <summary>Every tenant row, in an order EF can insert.</summary>
    public IEnumerable<object> AllRows() =>
        WorkspaceMembers.Cast<object>()
            .Concat(Invitations).Concat(Customers).Concat(Contacts).Concat(Prospects).Concat(Projects).Concat(Tasks)
            .Concat(Events).Concat(Invoices).Concat(InvoicePayments).Concat(InvoiceSettingsRows).Concat(Agents).Concat(Executions).Concat(Schedules).Concat(Collections)
            .Concat(KnowledgeItems).Concat(KnowledgeFiles).Concat(Threads).Concat(Notifications).Concat(Webhooks).Concat(WebhookDeliveries).Concat(AuditLogs).Concat(OutboxMessages)
            .Concat(CrmActivities).Concat(CrmCustomFields).Concat(CrmSavedViews).Concat(CrmImports).Concat(CrmImportRows)
            .Concat(CalendarFeedTokens).Concat(CalendarReminderDeliveries);

    public DateTime DaysAgo(double days) => Now.AddDays(-days);

    /// <summary>A moment uniformly between two instants (either order).</summary>
    public DateTime Between(DateTime a, DateTime b)
    {
        var (from, to) = a <= b ? (a, b) : (b, a);
        return from.AddTicks((long)(Random.Double() * (to - from).Ticks));
    }

    /// <summary>A moment from <paramref name="from"/> until <paramref name="until"/>, never before <paramref name="from"/>.</summary>
    public DateTime After(DateTime from, DateTime until) => until <= from ? from : Between(from, until);

    /// <summary>A random moment between <paramref name="fromDaysAgo"/> and <paramref name="toDaysAgo"/> days before now.</summary>
    public DateTime AgoBetween(double fromDaysAgo, double toDaysAgo) => Between(DaysAgo(fromDaysAgo), DaysAgo(toDaysAgo));

    public DemoMember PickDoer() => Random.ListItem(Doers.ToList());

    /// <summary>The owner gets the largest share, so the demo user's own views ("my tasks") are well filled.</summary>
    public DemoMember PickAssignee() => Random.Double() < 0.45 ? Owner : PickDoer();

    public List<string> PickTags(IReadOnlyList<string> pool, int min, int max) =>
        [.. Random.Shuffle(pool).Take(Random.Int(min, max))];

    public T Weighted<T>(params (T Value, float Weight)[] choices) =>
        Random.WeightedRandom(choices.Select(c => c.Value).ToArray(), choices.Select(c => c.Weight).ToArray());
}
