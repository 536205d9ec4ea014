using GalaxyCo.Data;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Notifications;
using GalaxyCo.Domain.Work.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Integrations.Webhooks;

/// <summary>
/// The events the database writes to the outbox itself (DomainEventDatabaseObjects): one row per created or completed
/// record, in the change's transaction, with the catalogue's data keys and the acting person.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DomainEventTriggerTests(PostgresDatabase db) : IDisposable
{
    private readonly NotificationHost host = new(db);

    public void Dispose() => host.Dispose();

    private async Task<List<GalaxyCo.Data.Outbox.OutboxMessage>> EventsAsync(TestWorkspace w, string type)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.OutboxMessages.AsNoTracking().Where(m => m.EventType == type).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    private static void AssertCatalogueKeys(GalaxyCo.Data.Outbox.OutboxMessage message)
    {
        var entry = WebhookEventCatalog.All.Single(e => e.Name == message.EventType);
        Assert.Equal(entry.ExampleData.Keys.Order(), message.Payload.Keys.Order());
    }

    [Fact]
    public async Task CustomerAndProspectCreate_WriteCreatedEvents_WithTheActor()
    {
        var w = await db.CreateWorkspaceAsync("Events Create");
        await using var a = await host.OwnerOfAsync(w);

        var customer = await a.Customers.CreateAsync(new CustomerInput { Name = "Globex", Email = "ap@globex.test" });
        var prospect = await a.Prospects.CreateAsync(new ProspectInput { Name = "Hank Scorpio", Company = "Globex", EstimatedValue = 125_000 });
        var refused = await a.Prospects.CreateAsync(new ProspectInput { Name = "" });

        Assert.True(customer.Succeeded && prospect.Succeeded);
        Assert.Equal(ResultStatus.Invalid, refused.Status);
        var c = Assert.Single(await EventsAsync(w, "customer.created"));
        Assert.Equal(customer.Value!.Id.ToString(), c.Payload["customerId"]);
        Assert.Equal("ap@globex.test", c.Payload["email"]);
        Assert.Equal(w.OwnerUserId.ToString(), c.Payload["userId"]);
        AssertCatalogueKeys(c);
        var p = Assert.Single(await EventsAsync(w, "prospect.created"));
        Assert.Equal(prospect.Value!.Id.ToString(), p.Payload["prospectId"]);
        Assert.Equal("125000", p.Payload["estimatedValue"]);
        Assert.Equal("new", p.Payload["stage"]);
        AssertCatalogueKeys(p);
    }

    [Fact]
    public async Task TaskCompleted_OnceWhenItBecomesDone_NotOnResaveOrReopen()
    {
        var w = await db.CreateWorkspaceAsync("Events Task");
        await using var a = await host.OwnerOfAsync(w);
        var task = (await a.Tasks.CreateAsync(new TaskInput { Title = "Ship it", AssignedTo = w.OwnerUserId })).Value!;

        var done = await a.Tasks.SetCompletedAsync(task.Id, true, task.Version);
        var resaved = await a.Tasks.UpdateAsync(task.Id, TaskInput.From(done.Value!) with { Title = "Ship it now" }, done.Value!.Version);
        var reopened = await a.Tasks.SetCompletedAsync(task.Id, false, resaved.Value!.Version);

        Assert.True(reopened.Succeeded, reopened.Message);
        var e = Assert.Single(await EventsAsync(w, "task.completed"));
        Assert.Equal(task.Id.ToString(), e.Payload["taskId"]);
        Assert.Equal("Ship it", e.Payload["title"]);
        Assert.Equal(w.OwnerUserId.ToString(), e.Payload["assigneeId"]);
        AssertCatalogueKeys(e);
    }

    [Fact]
    public async Task InvoiceSentAndPaid_WriteTheirEvents_AndAnotherWorkspaceSeesNone()
    {
        var w = await db.CreateWorkspaceAsync("Events Invoice");
        var other = await db.CreateWorkspaceAsync("Events Invoice Other");
        var invoice = await host.SentInvoiceAsync(w, w.OwnerUserId, 10_000);
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            // A draft that becomes sent (what InvoiceService.SendAsync writes).
            var draft = await ctx.Invoices.SingleAsync(i => i.Id == invoice.Id);
            draft.Status = InvoiceStatus.Draft;
            await ctx.SaveChangesAsync();
            draft.Status = InvoiceStatus.Sent;
            await ctx.SaveChangesAsync();
        }
        await using var a = await host.OwnerOfAsync(w);

        Assert.True((await a.Payments.RecordAsync(invoice.Id, new PaymentInput(4_000, new DateOnly(2026, 6, 9), PaymentMethods.Card))).Succeeded);
        Assert.Empty(await EventsAsync(w, "invoice.paid"));
        Assert.True((await a.Payments.RecordAsync(invoice.Id, new PaymentInput(6_000, new DateOnly(2026, 6, 9), PaymentMethods.Card))).Succeeded);

        var sent = Assert.Single(await EventsAsync(w, "invoice.sent"));
        Assert.Equal(invoice.InvoiceNumber, sent.Payload["invoiceNumber"]);
        Assert.Equal("2026-07-01", sent.Payload["dueDate"]);
        AssertCatalogueKeys(sent);
        var paid = Assert.Single(await EventsAsync(w, "invoice.paid"));
        Assert.Equal("10000", paid.Payload["total"]);
        Assert.EndsWith("Z", paid.Payload["paidAt"], StringComparison.Ordinal);
        AssertCatalogueKeys(paid);
        Assert.Empty(await EventsAsync(other, "invoice.paid"));
        Assert.Empty(await EventsAsync(other, "invoice.sent"));
    }
}
