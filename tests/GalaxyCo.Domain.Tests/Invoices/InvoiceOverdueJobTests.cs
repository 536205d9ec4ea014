using GalaxyCo.Data;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Invoices.InvoiceTestData;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoiceOverdueJobTests(PostgresDatabase db)
{
    private static async Task<int> RunOnAsync(InvoiceHost host, DateOnly day)
    {
        host.Clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 5)), TimeSpan.Zero);
        await using var job = host.Anonymous();
        return await job.Overdue.RunAsync();
    }

    private static Task<InvoiceStatus> StatusAsync(InvoiceHost host, Guid workspaceId, Guid id) =>
        host.ReadAsync(workspaceId, c => c.Invoices.Where(i => i.Id == id).Select(i => i.Status).SingleAsync());

    [Fact]
    public async Task RunAsync_DueDatePassed_MarksSentInvoicesOverdueOnceAndNotifiesTheCreator()
    {
        var issue = new DateOnly(DateTime.UtcNow.Year + 3, 3, 1);
        using var host = new InvoiceHost(db, new CalendarClock(new DateTimeOffset(issue.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        var w = await db.CreateWorkspaceAsync("Overdue Job");
        var billing = await host.MemberAsync(w, UserRole.Member, billing: true);
        var customer = await host.CustomerAsync(w, "Late Payer");
        InvoiceView due, paid, draft, later;
        await using (var member = await host.ActAsync(w.Slug, billing.UserId))
        {
            due = await SentAsync(member, Draft(customer, issue) with { DueDate = issue.AddDays(10) });
            paid = await SentAsync(member, Draft(customer, issue) with { DueDate = issue.AddDays(10) });
            Ok(await member.Payments.RecordAsync(paid.Id, new PaymentInput(paid.Total, issue, PaymentMethods.Card)));
            draft = Ok(await member.Invoices.CreateAsync(Draft(customer, issue) with { DueDate = issue.AddDays(10) }));
            later = await SentAsync(member, Draft(customer, issue) with { DueDate = issue.AddDays(20) });
        }

        // The job sweeps every workspace of the shared test database, so its count includes other tests' invoices:
        // this workspace's rows are what is checked.
        await RunOnAsync(host, issue.AddDays(10)); // due today is not overdue yet
        Assert.Equal(InvoiceStatus.Sent, await StatusAsync(host, w.Id, due.Id));
        Assert.True(await RunOnAsync(host, issue.AddDays(11)) >= 1);
        Assert.Equal(InvoiceStatus.Overdue, await StatusAsync(host, w.Id, due.Id));
        await RunOnAsync(host, issue.AddDays(12));

        var statuses = await host.ReadAsync(w.Id, c => c.Invoices.ToDictionaryAsync(i => i.Id, i => i.Status));
        Assert.Equal(InvoiceStatus.Overdue, statuses[due.Id]);
        Assert.Equal(InvoiceStatus.Paid, statuses[paid.Id]);
        Assert.Equal(InvoiceStatus.Draft, statuses[draft.Id]);
        Assert.Equal(InvoiceStatus.Sent, statuses[later.Id]);

        var notes = await host.ReadAsync(w.Id, c => c.Notifications.Where(n => n.Type == NotificationType.Warning).ToListAsync());
        var note = Assert.Single(notes);
        Assert.Equal(billing.UserId, note.UserId);
        Assert.Contains(due.Number, note.Title, StringComparison.Ordinal);
        Assert.Equal($"/w/{w.Slug}/invoices/{due.Id}", note.ActionUrl);
        var audit = await host.ReadAsync(w.Id, c => c.AuditLogs.Where(a => a.ResourceId == due.Id.ToString() && a.UserEmail == "system:invoice-overdue").ToListAsync());
        Assert.Equal("Overdue", Assert.Single(audit).Changes["status"].After);

        // Overdue -> paid still works, and the job leaves it alone.
        await using (var owner = await host.OwnerOfAsync(w))
        {
            var settled = Ok(await owner.Payments.RecordAsync(due.Id, new PaymentInput(due.Total, issue.AddDays(12), PaymentMethods.BankTransfer)));
            Assert.Equal(InvoiceStatus.Paid, settled.Status);
        }
        await RunOnAsync(host, issue.AddDays(30));
        Assert.Equal(InvoiceStatus.Overdue, await StatusAsync(host, w.Id, later.Id));
        Assert.Equal(InvoiceStatus.Paid, await StatusAsync(host, w.Id, due.Id));
        Assert.Equal(2, await host.ReadAsync(w.Id, c => c.Notifications.CountAsync(n => n.Type == NotificationType.Warning)));
    }
}
