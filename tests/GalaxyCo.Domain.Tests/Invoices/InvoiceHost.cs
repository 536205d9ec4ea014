using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Tests.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Invoices;

/// <summary>
/// The invoice services on the real test database, wired as the web app wires them (AddWorkspaces + AddInvoices), with
/// a controllable clock and mail written to a temp folder.
/// </summary>
public sealed class InvoiceHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;

    public InvoiceHost(PostgresDatabase db, CalendarClock? clock = null)
    {
        this.db = db;
        Clock = clock ?? new CalendarClock(DateTimeOffset.UtcNow);
        MailFolder = Directory.CreateTempSubdirectory("galaxyco-invoice-mail-").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddInvoices();
        services.Configure<MailOptions>(o => o.OutboxDirectory = MailFolder);
        services.AddSingleton<IMailSender, FolderOutboxMailSender>();
        services.AddSingleton<TimeProvider>(Clock);
        provider = services.BuildServiceProvider();
    }

    public CalendarClock Clock { get; }

    public string MailFolder { get; }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public async Task<InvoiceActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new InvoiceActor(scope);
    }

    public Task<InvoiceActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    /// <summary>A scope with no workspace entered: a background job.</summary>
    public InvoiceActor Anonymous() => new(provider.CreateAsyncScope());

    public GalaxyDbContext Context(Guid workspaceId) => db.CreateContext(PostgresDatabase.Tenant(workspaceId));

    public async Task<T> ReadAsync<T>(Guid workspaceId, Func<GalaxyDbContext, Task<T>> read)
    {
        await using var ctx = Context(workspaceId);
        return await read(ctx);
    }

    /// <summary>A customer in the workspace (no email unless given, so sending does not render and mail a PDF).</summary>
    public async Task<Guid> CustomerAsync(TestWorkspace w, string name, string? email = null)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        var customer = new Customer { Name = name, Email = email };
        ctx.Customers.Add(customer);
        await ctx.SaveChangesAsync();
        return customer.Id;
    }

    public async Task<Guid> ProjectAsync(TestWorkspace w, string name, Guid? customerId)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        var project = new Project { Name = name, CustomerId = customerId };
        ctx.Projects.Add(project);
        await ctx.SaveChangesAsync();
        return project.Id;
    }

    /// <summary>A member with or without the billing flag (invoices.send) granted on top of the role's defaults.</summary>
    public async Task<TestMember> MemberAsync(TestWorkspace w, UserRole role, bool billing)
    {
        var m = await db.AddMemberAsync(w, role);
        if (billing)
        {
            await using var ctx = db.CreateContext(w.Tenant());
            var row = await ctx.WorkspaceMembers.SingleAsync(x => x.Id == m.MemberId);
            row.Permissions = new Dictionary<string, bool> { [Permissions.InvoicesSend] = true };
            await ctx.SaveChangesAsync();
        }
        return m;
    }

    public void Dispose()
    {
        provider.Dispose();
        try { Directory.Delete(MailFolder, recursive: true); } catch (IOException) { }
    }
}

public sealed class InvoiceActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public InvoiceService Invoices => scope.ServiceProvider.GetRequiredService<InvoiceService>();
    public InvoicePaymentService Payments => scope.ServiceProvider.GetRequiredService<InvoicePaymentService>();
    public InvoiceSettingsService Settings => scope.ServiceProvider.GetRequiredService<InvoiceSettingsService>();
    public InvoiceOverdueJob Overdue => scope.ServiceProvider.GetRequiredService<InvoiceOverdueJob>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>Shorthands for invoice tests.</summary>
internal static class InvoiceTestData
{
    public static InvoiceInput Draft(Guid customerId, DateOnly issue, string currency = "USD", params LineItemInput[] lines) => new()
    {
        CustomerId = customerId,
        Currency = currency,
        IssueDate = issue,
        DueDate = issue.AddDays(30),
        Items = lines.Length == 0 ? [new LineItemInput("Consulting", 2, 10_000, 0, 10)] : lines,
    };

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, $"{result.Status}: {result.Message} {string.Join("; ", result.FieldErrors.Select(f => f.Key + "=" + f.Value))}");
        return result.Value!;
    }

    /// <summary>Creates and sends a draft; returns the sent view.</summary>
    public static async Task<InvoiceView> SentAsync(InvoiceActor a, InvoiceInput input)
    {
        var draft = Ok(await a.Invoices.CreateAsync(input));
        return Ok(await a.Invoices.SendAsync(draft.Id, draft.Version));
    }
}
