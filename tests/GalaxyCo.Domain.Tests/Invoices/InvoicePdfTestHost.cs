using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Tests.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using UglyToad.PdfPig;

namespace GalaxyCo.Domain.Tests.Invoices;

/// <summary>
/// The PDF, mail and report services on the real test database, with a controllable clock. Mail goes to a temp
/// outbox folder, or through <see cref="SmtpMailSender"/> to the given loopback SMTP port. Invoices are written as
/// rows directly (amounts worked out by <see cref="InvoiceMath"/>), so these tests do not depend on the send flow.
/// </summary>
public sealed class InvoicePdfTestHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;
    private int sequence;

    public InvoicePdfTestHost(PostgresDatabase db, CalendarClock? clock = null, int? smtpPort = null)
    {
        this.db = db;
        Clock = clock ?? new CalendarClock(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
        MailFolder = Directory.CreateTempSubdirectory("galaxyco-invoice-pdf-mail-").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddScoped<InvoicePdfService>();
        services.AddScoped<InvoiceMailer>();
        services.AddScoped<InvoiceReportService>();
        services.Configure<MailOptions>(o =>
        {
            o.OutboxDirectory = MailFolder;
            if (smtpPort is { } port)
            {
                o.Smtp.Host = "127.0.0.1";
                o.Smtp.Port = port;
                o.Smtp.Security = "None";
            }
        });
        if (smtpPort is null) services.AddSingleton<IMailSender, FolderOutboxMailSender>();
        else services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<TimeProvider>(Clock);
        provider = services.BuildServiceProvider();
    }

    public CalendarClock Clock { get; }

    public string MailFolder { get; }

    public async Task<InvoiceFilesActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new InvoiceFilesActor(scope);
    }

    public Task<InvoiceFilesActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    public async Task<Guid> CustomerAsync(TestWorkspace w, string name, string? email = null, PostalAddress? address = null)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        var customer = new Customer { Name = name, Email = email, Address = address ?? new PostalAddress() };
        ctx.Customers.Add(customer);
        await ctx.SaveChangesAsync();
        return customer.Id;
    }

    public async Task ContactAsync(TestWorkspace w, Guid customerId, string email)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        ctx.Contacts.Add(new Contact { FirstName = "Billing", LastName = "Desk", Email = email, CustomerId = customerId });
        await ctx.SaveChangesAsync();
    }

    public async Task SettingsAsync(TestWorkspace w, Action<InvoiceSettings> configure)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        var settings = new InvoiceSettings();
        configure(settings);
        ctx.InvoiceSettings.Add(settings);
        await ctx.SaveChangesAsync();
    }

    /// <summary>
    /// Writes an invoice row: numbered (INV-2026-000n) unless a draft, amounts from the lines, amount paid as given
    /// (the whole total for a paid invoice unless said otherwise).
    /// </summary>
    public async Task<Invoice> InvoiceAsync(TestWorkspace w, Guid customerId, InvoiceStatus status, IEnumerable<InvoiceLineItem> lines,
        string currency = "USD", DateOnly? issue = null, DateOnly? due = null, long? paid = null, DateTime? paidAt = null, string? notes = null, string? terms = null)
    {
        var items = lines.ToList();
        foreach (var line in items) (line.Amount, line.TaxAmount) = InvoiceMath.Line(line);
        var (subtotal, tax, total) = InvoiceMath.Totals(items);
        var n = Interlocked.Increment(ref sequence);
        var issueDate = issue ?? new DateOnly(2026, 5, 1);
        var invoice = new Invoice
        {
            InvoiceNumber = status == InvoiceStatus.Draft ? $"DRAFT-{Guid.NewGuid():N}"[..30] : $"INV-2026-{n:0000}",
            NumberSequence = status == InvoiceStatus.Draft ? null : n,
            Status = status,
            CustomerId = customerId,
            Currency = currency,
            Items = items,
            Subtotal = subtotal,
            Tax = tax,
            Total = total,
            AmountPaid = paid ?? (status == InvoiceStatus.Paid ? total : 0),
            IssueDate = Utc(issueDate),
            DueDate = Utc(due ?? issueDate.AddDays(30)),
            SentAt = status == InvoiceStatus.Draft ? null : Utc(issueDate),
            PaidAt = status == InvoiceStatus.Paid ? paidAt ?? Utc(issueDate.AddDays(10)) : null,
            CancelledAt = status == InvoiceStatus.Cancelled ? Utc(issueDate.AddDays(2)) : null,
            Notes = notes,
            Terms = terms,
        };
        await using var ctx = db.CreateContext(w.Tenant());
        ctx.Invoices.Add(invoice);
        await ctx.SaveChangesAsync();
        return invoice;
    }

    /// <summary>One line costing <paramref name="amount"/> minor units, no tax.</summary>
    public static InvoiceLineItem Line(string description, long amount, decimal taxRate = 0) =>
        new() { Description = description, Quantity = 1, UnitPriceCents = amount, TaxRatePercent = taxRate };

    public static DateTime Utc(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>
    /// The PDF's text, page by page: its words, then the letters in drawing order (which keeps the rotated watermark
    /// together, where the word extractor splits diagonal text).
    /// </summary>
    public static IReadOnlyList<string> PdfPages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)) + "\n" + p.Text).ToList();
    }

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, $"{result.Status}: {result.Message} {string.Join("; ", result.FieldErrors.Select(f => f.Key + "=" + f.Value))}");
        return result.Value!;
    }

    public void Dispose()
    {
        provider.Dispose();
        try { Directory.Delete(MailFolder, recursive: true); } catch (IOException) { }
    }
}

public sealed class InvoiceFilesActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public InvoicePdfService Pdfs => scope.ServiceProvider.GetRequiredService<InvoicePdfService>();
    public InvoiceMailer Mailer => scope.ServiceProvider.GetRequiredService<InvoiceMailer>();
    public InvoiceReportService Reports => scope.ServiceProvider.GetRequiredService<InvoiceReportService>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port, keeping what it receives.</summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable, IMessageStore
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    public LoopbackSmtpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeKit.MimeMessage> Received { get; } = new();

    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        Received.Enqueue(await MimeKit.MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        server.Shutdown();
        try { await running; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}
