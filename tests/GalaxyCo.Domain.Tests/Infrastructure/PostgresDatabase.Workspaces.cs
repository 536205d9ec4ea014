using System.Text.RegularExpressions;
using GalaxyCo.Data;
using GalaxyCo.Data.Agents;
using GalaxyCo.Data.Audit;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Inbox;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Work;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Infrastructure;

/// <summary>A workspace made by <see cref="PostgresDatabase.CreateWorkspaceAsync"/>, with its owner.</summary>
public sealed record TestWorkspace(Guid Id, string Name, string Slug, Guid OwnerUserId, string OwnerEmail, Guid OwnerMemberId)
{
    /// <summary>A fresh tenant scoped to this workspace, acting as its owner (the audit actor carries the owner's email).</summary>
    public TenantContext Tenant()
    {
        var tenant = PostgresDatabase.Tenant(Id, OwnerUserId);
        tenant.Actor = new AuditActor(OwnerEmail);
        return tenant;
    }
}

/// <summary>A person added to a workspace by <see cref="PostgresDatabase.AddMemberAsync"/>.</summary>
public sealed record TestMember(Guid WorkspaceId, Guid UserId, string Email, Guid MemberId, UserRole Role)
{
    public TenantContext Tenant()
    {
        var tenant = PostgresDatabase.Tenant(WorkspaceId, UserId);
        tenant.Actor = new AuditActor(Email);
        return tenant;
    }
}

/// <summary>The ids of the rows <see cref="PostgresDatabase.SeedEveryTenantTableAsync"/> wrote, one per tenant table.</summary>
public sealed record TenantRows(
    Guid WorkspaceId,
    Guid MemberId,
    Guid InvitationId,
    Guid AgentId,
    Guid AgentExecutionId,
    Guid AgentScheduleId,
    Guid KnowledgeCollectionId,
    Guid KnowledgeItemId,
    Guid CustomerId,
    Guid ContactId,
    Guid ProspectId,
    Guid ProjectId,
    Guid TaskId,
    Guid CalendarEventId,
    Guid InvoiceId,
    Guid EmailThreadId,
    Guid NotificationId,
    Guid WebhookId,
    Guid AuditLogId,
    Guid OutboxMessageId,
    Guid CrmActivityId,
    Guid CrmSavedViewId,
    Guid CrmCustomFieldId,
    Guid CrmImportId,
    Guid CrmImportRowId,
    Guid CrmSearchTermId)
{
    /// <summary>Table name to the id of the row written there (audit_logs also gets the trail's own rows).</summary>
    public IReadOnlyDictionary<string, Guid> ByTable => new Dictionary<string, Guid>
    {
        ["workspace_members"] = MemberId,
        ["workspace_invitations"] = InvitationId,
        ["agents"] = AgentId,
        ["agent_executions"] = AgentExecutionId,
        ["agent_schedules"] = AgentScheduleId,
        ["knowledge_collections"] = KnowledgeCollectionId,
        ["knowledge_items"] = KnowledgeItemId,
        ["customers"] = CustomerId,
        ["contacts"] = ContactId,
        ["prospects"] = ProspectId,
        ["projects"] = ProjectId,
        ["tasks"] = TaskId,
        ["calendar_events"] = CalendarEventId,
        ["invoices"] = InvoiceId,
        ["email_threads"] = EmailThreadId,
        ["notifications"] = NotificationId,
        ["webhooks"] = WebhookId,
        ["audit_logs"] = AuditLogId,
        ["outbox_messages"] = OutboxMessageId,
        ["crm_activities"] = CrmActivityId,
        ["crm_saved_views"] = CrmSavedViewId,
        ["crm_custom_fields"] = CrmCustomFieldId,
        ["crm_imports"] = CrmImportId,
        ["crm_import_rows"] = CrmImportRowId,
        ["crm_search_terms"] = CrmSearchTermId,
    };
}

/// <summary>A workspace with a row in every tenant table.</summary>
public sealed record SeededWorkspace(TestWorkspace Workspace, TenantRows Rows)
{
    public Guid Id => Workspace.Id;

    public TenantContext Tenant() => Workspace.Tenant();
}

public sealed partial class PostgresDatabase
{
    /// <summary>
    /// Creates a user, a workspace named <paramref name="name"/> (unique slug) and the user's Owner membership,
    /// through a context as the app role with the tenant entered into the new workspace (as sign-up does).
    /// </summary>
    public async Task<TestWorkspace> CreateWorkspaceAsync(string name, CancellationToken ct = default)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var slug = $"{Slugify(name)}-{suffix}";
        var user = NewUser($"owner-{suffix}@{Slugify(name)}.test", name, "Owner");
        var workspace = new Workspace { Name = name, Slug = slug };
        var member = new WorkspaceMember { WorkspaceId = workspace.Id, UserId = user.Id, Role = UserRole.Owner, JoinedAt = DateTime.UtcNow };

        var tenant = new TenantContext { Actor = new AuditActor(user.Email) };
        using (tenant.Enter(workspace.Id, user.Id))
        {
            await using var db = CreateContext(tenant);
            db.Users.Add(user);
            db.Workspaces.Add(workspace);
            db.WorkspaceMembers.Add(member);
            await db.SaveChangesAsync(ct);
        }
        return new TestWorkspace(workspace.Id, name, slug, user.Id, user.Email!, member.Id);
    }

    /// <summary>Creates a user and makes them a member of <paramref name="workspace"/> with <paramref name="role"/>.</summary>
    public async Task<TestMember> AddMemberAsync(TestWorkspace workspace, UserRole role, string? email = null, CancellationToken ct = default)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var user = NewUser(email ?? $"{role.ToString().ToLowerInvariant()}-{suffix}@{Slugify(workspace.Name)}.test", role.ToString(), suffix);
        var member = new WorkspaceMember { UserId = user.Id, Role = role, InvitedBy = workspace.OwnerUserId, JoinedAt = DateTime.UtcNow };

        var tenant = workspace.Tenant();
        await using var db = CreateContext(tenant);
        db.Users.Add(user);
        db.WorkspaceMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return new TestMember(workspace.Id, user.Id, user.Email!, member.Id, role);
    }

    /// <summary>
    /// Writes one row into every tenant table for <paramref name="workspace"/> (its member row exists already),
    /// through the EF model as the app role, tenant entered into the workspace. Keep it in step with the schema:
    /// the tenancy tests fail for any tenant table this leaves empty.
    /// </summary>
    public async Task<TenantRows> SeedEveryTenantTableAsync(TestWorkspace workspace, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var owner = workspace.OwnerUserId;
        var label = workspace.Name;

        var customer = new Customer
        {
            Name = $"{label} Customer", Email = $"customer@{workspace.Slug}.test", Company = $"{label} Inc",
            Status = CustomerStatus.Active, AssignedTo = owner, Tags = ["seed"], Address = new PostalAddress { City = "Austin" },
        };
        var contact = new Contact { FirstName = "Casey", LastName = label, Email = $"contact@{workspace.Slug}.test", CustomerId = customer.Id };
        var prospect = new Prospect { Name = $"{label} Prospect", Stage = ProspectStage.Qualified, Position = 1, CustomerId = customer.Id };
        var project = new Project { Name = $"{label} Project", CustomerId = customer.Id, ManagerId = owner, Status = ProjectStatus.InProgress };
        var task = new WorkTask { Title = $"{label} Task", ProjectId = project.Id, CustomerId = customer.Id, CreatedBy = owner, AssignedTo = owner };
        var calendarEvent = new CalendarEvent
        {
            Title = $"{label} Meeting", StartTime = now.AddDays(1), EndTime = now.AddDays(1).AddHours(1),
            CustomerId = customer.Id, ProjectId = project.Id, CreatedBy = owner,
            Attendees = [new Attendee { Email = customer.Email! }],
        };
        var calendarException = new CalendarEventException { EventId = calendarEvent.Id, OriginalStart = calendarEvent.StartTime, Title = $"{label} Meeting (moved)" };
        var feedToken = new CalendarFeedToken { UserId = owner, TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") };
        var reminderDelivery = new CalendarReminderDelivery { EventId = calendarEvent.Id, OccurrenceStart = calendarEvent.StartTime, MinutesBefore = 10 };
        var invoice = new Invoice
        {
            InvoiceNumber = "INV-0001", CustomerId = customer.Id, ProjectId = project.Id, Status = InvoiceStatus.Sent,
            Items = [new InvoiceLineItem { Description = "Work", Quantity = 1, UnitPriceCents = 10_000 }],
            Subtotal = 10_000, Total = 10_000, IssueDate = now, DueDate = now.AddDays(30),
        };
        var payment = new InvoicePayment { InvoiceId = invoice.Id, Amount = 2_500, PaidOn = DateOnly.FromDateTime(now), Method = "card", Reference = $"{label} payment" };
        invoice.AmountPaid = payment.Amount;
        var invoiceSettings = new InvoiceSettings { BusinessName = $"{label} Billing", NextNumber = 2 };
        var agent = new Agent { Name = $"{label} Agent", Type = AgentType.Research, Status = AgentStatus.Active, CreatedBy = owner };
        var execution = new AgentExecution { AgentId = agent.Id, TriggeredBy = owner, Status = ExecutionStatus.Completed, Input = new ExecutionPayload { Text = "go" } };
        var schedule = new AgentSchedule { AgentId = agent.Id, TriggerType = "scheduled", Cron = "0 * * * *", NextRunAt = now.AddHours(1) };
        var collection = new KnowledgeCollection { Name = $"{label} Docs", CreatedBy = owner };
        var item = new KnowledgeItem { Title = $"{label} Handbook", CollectionId = collection.Id, Content = "secret of " + label, CreatedBy = owner };
        var itemFile = new KnowledgeItemFile { Id = item.Id, Content = "secret file"u8.ToArray(), ContentType = "text/plain", FileName = "handbook.txt" };
        var chunk = new KnowledgeChunk { ItemId = item.Id, Position = 0, Text = "secret of " + label, TokenCount = 3, Embedding = new byte[16] };
        var accessToken = new PersonalAccessToken
        {
            UserId = owner, Name = $"{label} token", TokenPrefix = "abcd1234", TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
        };
        var thread = new EmailThread
        {
            Subject = $"{label} thread", MessageCount = 1, LastMessageAt = now,
            Participants = [new EmailParticipant { Email = customer.Email! }],
        };
        var notification = new Notification { UserId = owner, Title = $"{label} notice", Message = "hello" };
        var webhook = new Webhook { Name = $"{label} hook", Url = $"https://{workspace.Slug}.test/hook", Secret = "whsec", Events = ["invoice.paid"], CreatedBy = owner };
        var webhookDelivery = new WebhookDelivery
        {
            WebhookId = webhook.Id, MessageId = $"msg_{Guid.NewGuid():N}", EventType = "invoice.paid", RequestBody = "{}",
            Status = WebhookDeliveryStatus.Succeeded, ScheduledAt = now, CompletedAt = now, StatusCode = 200,
        };
        var invitation = new WorkspaceInvitation
        {
            Email = $"invitee@{workspace.Slug}.test", Role = UserRole.Member, InvitedBy = owner,
            TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), ExpiresAt = now.AddDays(7), LastSentAt = now,
        };
        var outbox = new OutboxMessage { EventType = "test.seeded", Payload = new Dictionary<string, string> { ["workspace"] = workspace.Slug } };
        var audit = new AuditLog { UserId = owner, Action = "seed", ResourceType = "workspace", ResourceId = workspace.Id.ToString() };
        var activity = new CrmActivity { RecordType = CrmRecordType.Customer, RecordId = customer.Id, Kind = CrmActivityKind.Note, Body = $"{label} note", ActorId = owner, OccurredAt = now };
        var view = new CrmSavedView { OwnerId = owner, RecordType = CrmRecordType.Prospect, Name = $"{label} view", Filters = new Dictionary<string, string> { ["tag"] = "seed" } };
        var field = new CrmCustomField { RecordType = CrmRecordType.Customer, Key = "segment", Label = "Segment", FieldType = CrmCustomFieldType.Text };
        var import = new CrmImport { RecordType = CrmRecordType.Contact, FileName = $"{label}.csv", Status = CrmImportStatus.Completed, CreatedBy = owner };
        var importRow = new CrmImportRow { ImportId = import.Id, RecordId = contact.Id, Action = CrmImportRowAction.Created };

        Guid searchTermId;
        var tenant = new TenantContext { Actor = new AuditActor(workspace.OwnerEmail) };
        using (tenant.Enter(workspace.Id, owner))
        {
            await using var db = CreateContext(tenant);
            db.AddRange(customer, contact, prospect, project, task, calendarEvent, invoice, agent, execution, schedule,
                collection, item, thread, notification, webhook, invitation, outbox, audit, activity, view, field, import, importRow,
                calendarException, feedToken, reminderDelivery, payment, invoiceSettings, webhookDelivery, itemFile, chunk, accessToken);
            await db.SaveChangesAsync(ct);
            // The search terms trigger wrote these.
            searchTermId = await db.CrmSearchTerms.Where(t => t.RecordId == customer.Id).Select(t => t.Id).FirstAsync(ct);
        }

        return new TenantRows(
            workspace.Id, workspace.OwnerMemberId, invitation.Id, agent.Id, execution.Id, schedule.Id, collection.Id, item.Id,
            customer.Id, contact.Id, prospect.Id, project.Id, task.Id, calendarEvent.Id, invoice.Id, thread.Id, notification.Id,
            webhook.Id, audit.Id, outbox.Id, activity.Id, view.Id, field.Id, import.Id, importRow.Id, searchTermId);
    }

    /// <summary>Creates a workspace (user + owner member) and a row in every tenant table for it.</summary>
    public async Task<SeededWorkspace> CreateSeededWorkspaceAsync(string name, CancellationToken ct = default)
    {
        var workspace = await CreateWorkspaceAsync(name, ct);
        return new SeededWorkspace(workspace, await SeedEveryTenantTableAsync(workspace, ct));
    }

    /// <summary>The two-workspace arrangement of the tenancy tests: A and B, each with a row in every tenant table.</summary>
    public async Task<(SeededWorkspace A, SeededWorkspace B)> CreateTwoSeededWorkspacesAsync(CancellationToken ct = default) =>
        (await CreateSeededWorkspaceAsync("Workspace A", ct), await CreateSeededWorkspaceAsync("Workspace B", ct));

    private static User NewUser(string email, string firstName, string lastName) => new()
    {
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        FirstName = firstName,
        LastName = lastName,
        SecurityStamp = Guid.NewGuid().ToString("N"),
    };

    private static string Slugify(string name)
    {
        var slug = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 30) slug = slug[..30].TrimEnd('-');
        return slug.Length == 0 ? "ws" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
