using GalaxyCo.Data;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Work.Tasks;
using GalaxyCo.Domain.Work;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Notifications;

/// <summary>
/// The notification services and every area that raises notifications, on the real test database, wired as the app
/// wires them, with a <see cref="TestClock"/>. Given <paramref name="smtpPort"/>, mail goes through the real
/// <see cref="Mail.SmtpMailSender"/> to a loopback SMTP server; otherwise to a temp outbox folder and mail counts as
/// not configured.
/// </summary>
public sealed class NotificationHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;

    public NotificationHost(PostgresDatabase db, int? smtpPort = null, DateTimeOffset? now = null)
    {
        this.db = db;
        Clock = new TestClock(now ?? new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero));
        MailFolder = Directory.CreateTempSubdirectory("galaxyco-notification-mail-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Mail:OutboxDirectory"] = MailFolder,
            ["Notifications:Digest:BaseUrl"] = "https://app.galaxyco.test/",
        };
        if (smtpPort is { } port)
        {
            settings["Mail:Smtp:Host"] = "127.0.0.1";
            settings["Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Mail:Smtp:Security"] = "None";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddMail(configuration);
        services.AddCrm();
        services.AddInvoices();
        services.AddWork();
        services.AddDataProtection().SetApplicationName("GalaxyCo.Tests");
        services.AddSingleton<TimeProvider>(Clock);
        provider = services.BuildServiceProvider();
    }

    public TestClock Clock { get; }

    public string MailFolder { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>A person acting in a workspace: a fresh scope entered into the slug.</summary>
    public async Task<NotificationActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new NotificationActor(scope);
    }

    public Task<NotificationActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    /// <summary>A scope outside any workspace (jobs, accepting an invitation).</summary>
    public NotificationActor Anonymous(Guid? userId = null)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetUser(userId);
        return new NotificationActor(scope);
    }

    /// <summary>Writes a notification row for <paramref name="userId"/> directly.</summary>
    public async Task<Notification> AddAsync(Guid workspaceId, Guid userId, string title, DateTime? createdAt = null, string? category = null,
        NotificationType type = NotificationType.Info, bool read = false, bool dismissed = false, DateTime? expiresAt = null)
    {
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(workspaceId));
        var n = new Notification
        {
            UserId = userId, Type = type, Title = title, Message = title + " message", ActionUrl = "/w/x/somewhere",
            Metadata = category is null ? [] : new() { [NotificationCategories.MetadataKey] = category },
            IsRead = read, IsDismissed = dismissed, ExpiresAt = expiresAt,
        };
        ctx.Notifications.Add(n);
        await ctx.SaveChangesAsync();
        if (createdAt is { } at)
        {
            await ctx.Notifications.Where(x => x.Id == n.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, at));
            n.CreatedAt = at;
        }
        return n;
    }

    /// <summary>The notifications of <paramref name="userId"/> in a workspace, newest first (as stored).</summary>
    public async Task<List<Notification>> NotificationsOfAsync(Guid workspaceId, Guid userId)
    {
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(workspaceId));
        return await ctx.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.CreatedAt).ToListAsync();
    }

    /// <summary>Edits a person's users.preferences.</summary>
    public async Task PreferencesAsync(Guid userId, Action<UserPreferences> edit)
    {
        await using var ctx = db.CreateContext(new TenantContext());
        var user = await ctx.Users.FirstAsync(u => u.Id == userId);
        edit(user.Preferences);
        await ctx.SaveChangesAsync();
    }

    public async Task<UserPreferences> ReadPreferencesAsync(Guid userId)
    {
        await using var ctx = db.CreateContext(new TenantContext());
        return (await ctx.Users.AsNoTracking().FirstAsync(u => u.Id == userId)).Preferences;
    }

    /// <summary>A sent invoice created by <paramref name="createdBy"/>, for payment tests.</summary>
    public async Task<Invoice> SentInvoiceAsync(TestWorkspace w, Guid createdBy, long total)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        var customer = new GalaxyCo.Data.Crm.Customer { Name = "Payer " + Guid.NewGuid().ToString("N")[..6] };
        ctx.Customers.Add(customer);
        var n = Random.Shared.Next(1, 1_000_000);
        var invoice = new Invoice
        {
            InvoiceNumber = $"INV-2026-{n:000000}", NumberSequence = n, Status = InvoiceStatus.Sent, CustomerId = customer.Id, Currency = "USD",
            Items = [new InvoiceLineItem { Description = "Work", Quantity = 1, UnitPriceCents = total, Amount = total }],
            Subtotal = total, Total = total, IssueDate = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc),
            DueDate = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc), SentAt = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc),
            CreatedBy = createdBy,
        };
        ctx.Invoices.Add(invoice);
        await ctx.SaveChangesAsync();
        return invoice;
    }

    public List<MimeKit.MimeMessage> FolderMail() =>
        Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();

    public void Dispose()
    {
        provider.Dispose();
        try { Directory.Delete(MailFolder, recursive: true); } catch (IOException) { }
    }
}

public sealed class NotificationActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public NotificationService Notifications => Get<NotificationService>();
    public NotificationPreferencesService Preferences => Get<NotificationPreferencesService>();
    public NotificationSender Sender => Get<NotificationSender>();
    public NotificationDigestJob Digest => Get<NotificationDigestJob>();
    public ProspectService Prospects => Get<ProspectService>();
    public CustomerService Customers => Get<CustomerService>();
    public CrmBulkService Bulk => Get<CrmBulkService>();
    public InvoicePaymentService Payments => Get<InvoicePaymentService>();
    public GalaxyCo.Domain.Work.Tasks.TaskService Tasks => Get<GalaxyCo.Domain.Work.Tasks.TaskService>();
    public InvitationService Invitations => Get<InvitationService>();
    public IDbContextFactory<GalaxyDbContext> Factory => Get<IDbContextFactory<GalaxyDbContext>>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
