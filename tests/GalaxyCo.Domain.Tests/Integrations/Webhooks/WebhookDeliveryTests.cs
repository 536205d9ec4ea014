using System.Text.Json;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;

namespace GalaxyCo.Domain.Tests.Integrations.Webhooks;

[Collection(PostgresCollection.Name)]
public sealed class WebhookDeliveryTests(PostgresDatabase db)
{
    private const string Event = "prospect.stage_changed";

    private static async Task<(WebhookSecretShown Hook, string Path)> CreateEndpointAsync(WebhookHost host, TestWorkspace w, params string[] events)
    {
        var path = "/hook/" + Guid.NewGuid().ToString("N");
        await using var owner = await host.OwnerOfAsync(w);
        var created = await owner.Webhooks.CreateAsync(new WebhookInput("Receiver", host.Receiver.BaseUrl + path, events.Length == 0 ? [Event] : events));
        Assert.True(created.Succeeded, created.Message);
        return (created.Value!, path);
    }

    private async Task<Guid> CommitEventAsync(WebhookHost host, TestWorkspace w, string type = Event, string marker = "x")
    {
        await using var ctx = db.CreateContext(w.Tenant());
        var message = new OutboxMessage { EventType = type, Payload = new Dictionary<string, string> { ["prospectId"] = Guid.NewGuid().ToString(), ["marker"] = marker } };
        ctx.OutboxMessages.Add(message);
        await ctx.SaveChangesAsync();
        return message.Id;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, int timeoutMs = 15_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
            value = await read();
        }
        return value;
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync(TestWorkspace w, Guid hookId)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == hookId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Attempt).ToListAsync();
    }

    private async Task<Webhook> HookAsync(TestWorkspace w, Guid id)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.Webhooks.AsNoTracking().FirstAsync(h => h.Id == id);
    }

    [Fact]
    public async Task Dispatcher_CommittedEvent_ReceivedWithValidStandardWebhooksSignature()
    {
        await using var host = await WebhookHost.StartAsync(db);
        var w = await db.CreateWorkspaceAsync("Hooks Commit");
        var (hook, path) = await CreateEndpointAsync(host, w);
        var eventId = await CommitEventAsync(host, w, marker: "committed");

        var got = await host.Receiver.WaitForAsync(path, 1);
        var request = Assert.Single(got);
        new StandardWebhook(hook.Secret).Verify(request.Body, request.Headers);
        Assert.Equal(WebhookEnvelope.MessageId(eventId), request.Headers["webhook-id"].ToString());
        Assert.Equal("GalaxyCo-Webhooks/1.0", request.Headers.UserAgent.ToString());
        Assert.StartsWith("application/json", request.Headers.ContentType.ToString(), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Event, body.RootElement.GetProperty("type").GetString());
        Assert.Equal("committed", body.RootElement.GetProperty("data").GetProperty("marker").GetString());

        var stored = await EventuallyAsync(() => HookAsync(w, hook.Webhook.Id), h => h.SuccessCount == 1);
        Assert.Equal(1, stored.SuccessCount);
        Assert.NotNull(stored.LastTriggeredAt);
        var delivery = Assert.Single(await DeliveriesAsync(w, hook.Webhook.Id));
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(200, delivery.StatusCode);
        Assert.Equal("ok", delivery.ResponseExcerpt);
        await using var ctx = db.CreateContext(w.Tenant());
        Assert.NotNull((await ctx.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == eventId)).ProcessedAt);
    }

    [Fact]
    public async Task Dispatcher_RolledBackChange_SendsNothing()
    {
        await using var host = await WebhookHost.StartAsync(db);
        var w = await db.CreateWorkspaceAsync("Hooks Rollback");
        var (_, path) = await CreateEndpointAsync(host, w);
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            ctx.OutboxMessages.Add(new OutboxMessage { EventType = Event, Payload = new() { ["marker"] = "rolled-back" } });
            await ctx.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        await CommitEventAsync(host, w, marker: "after");
        var got = await host.Receiver.WaitForAsync(path, 1);
        await Task.Delay(700);
        Assert.Single(host.Receiver.At(path));
        Assert.Contains("\"after\"", got[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_EventLeftUnprocessedByADeadProcess_PollDeliversIt()
    {
        await using var host = await WebhookHost.StartAsync(db, startDispatcher: false);
        var w = await db.CreateWorkspaceAsync("Hooks Crash");
        var (_, path) = await CreateEndpointAsync(host, w);
        // Committed while no dispatcher ran: its wake-up went nowhere (the process died after the commit).
        await CommitEventAsync(host, w, marker: "orphan");
        await Task.Delay(300);
        Assert.Empty(host.Receiver.At(path));

        await host.StartDispatcherAsync();
        var got = await host.Receiver.WaitForAsync(path, 1);
        Assert.Contains("\"orphan\"", Assert.Single(got).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryJob_ServerErrorsThenSuccess_RetriesWithTheSameWebhookId()
    {
        await using var host = await WebhookHost.StartAsync(db);
        var w = await db.CreateWorkspaceAsync("Hooks Retry");
        var (hook, path) = await CreateEndpointAsync(host, w);
        host.Receiver.Responders[path] = n => (n < 3 ? 500 : 200, null);
        await CommitEventAsync(host, w);

        var got = await host.Receiver.WaitForAsync(path, 3);
        Assert.Equal(3, got.Count);
        Assert.Single(got.Select(r => r.Headers["webhook-id"].ToString()).Distinct());
        foreach (var r in got) new StandardWebhook(hook.Secret).Verify(r.Body, r.Headers);
        var rows = await EventuallyAsync(() => DeliveriesAsync(w, hook.Webhook.Id), d => d.Count == 3 && d.All(x => x.Status is WebhookDeliveryStatus.Succeeded or WebhookDeliveryStatus.Failed));
        Assert.Equal([1, 2, 3], rows.Select(r => r.Attempt));
        Assert.Equal([WebhookDeliveryStatus.Failed, WebhookDeliveryStatus.Failed, WebhookDeliveryStatus.Succeeded], rows.Select(r => r.Status));
        Assert.Equal(500, rows[0].StatusCode);
        Assert.NotNull(rows[0].NextAttemptAt);
        var stored = await HookAsync(w, hook.Webhook.Id);
        Assert.Equal((1, 2, 0), (stored.SuccessCount, stored.FailureCount, stored.ConsecutiveFailures));
    }

    [Fact]
    public async Task DeliveryJob_Gone410_DoesNotRetry()
    {
        await using var host = await WebhookHost.StartAsync(db);
        var w = await db.CreateWorkspaceAsync("Hooks Gone");
        var (hook, path) = await CreateEndpointAsync(host, w);
        host.Receiver.Responders[path] = _ => (410, null);
        await CommitEventAsync(host, w);
        await host.Receiver.WaitForAsync(path, 1);
        var row = Assert.Single(await EventuallyAsync(() => DeliveriesAsync(w, hook.Webhook.Id), d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.Failed));
        await Task.Delay(500);
        Assert.Single(host.Receiver.At(path));
        Assert.Equal(410, row.StatusCode);
        Assert.Null(row.NextAttemptAt);
        Assert.Single(await DeliveriesAsync(w, hook.Webhook.Id));
    }

    [Fact]
    public async Task DeliveryJob_RepeatedFailures_DisablesEndpointAndNotifiesAdminsAndOwners()
    {
        await using var host = await WebhookHost.StartAsync(db, disableAfter: 3);
        var w = await db.CreateWorkspaceAsync("Hooks Disable");
        var admin = await db.AddMemberAsync(w, UserRole.Admin);
        var plain = await db.AddMemberAsync(w, UserRole.Member);
        var (hook, path) = await CreateEndpointAsync(host, w);
        host.Receiver.Responders[path] = _ => (503, null);
        await CommitEventAsync(host, w);

        var stored = await EventuallyAsync(() => HookAsync(w, hook.Webhook.Id), h => !h.IsActive);
        Assert.False(stored.IsActive);
        Assert.NotNull(stored.DisabledAt);
        Assert.Contains("503", stored.DisabledReason, StringComparison.Ordinal);
        Assert.Equal(3, stored.ConsecutiveFailures);
        await Task.Delay(300);
        Assert.Equal(3, host.Receiver.At(path).Count);
        var rows = await DeliveriesAsync(w, hook.Webhook.Id);
        Assert.DoesNotContain(rows, r => r.Status is WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Sending);

        await using var ctx = db.CreateContext(w.Tenant());
        var notes = (await ctx.Notifications.AsNoTracking().ToListAsync()).Where(n => n.Metadata.GetValueOrDefault("webhookId") == hook.Webhook.Id.ToString()).ToList();
        Assert.Equal(new Guid?[] { w.OwnerUserId, admin.UserId }.Order().ToList(), notes.Select(n => n.UserId).Order().ToList());
        Assert.DoesNotContain(notes, n => n.UserId == plain.UserId);
        Assert.All(notes, n => Assert.Equal(NotificationCategories.Webhook, n.Metadata[NotificationCategories.MetadataKey]));
        Assert.All(notes, n => Assert.Equal($"/w/{w.Slug}/settings/webhooks/{hook.Webhook.Id}", n.ActionUrl));

        // Re-enabling clears the streak.
        await using var owner = await host.OwnerOfAsync(w);
        var enabled = await owner.Webhooks.SetActiveAsync(hook.Webhook.Id, true);
        Assert.True(enabled.Succeeded);
        Assert.Equal((true, 0, null), (enabled.Value!.IsActive, enabled.Value.ConsecutiveFailures, enabled.Value.DisabledAt));
    }

    [Fact]
    public async Task ReplayAsync_DeliveredEvent_SendsAgainWithTheSameMessageId()
    {
        await using var host = await WebhookHost.StartAsync(db);
        var w = await db.CreateWorkspaceAsync("Hooks Replay");
        var (hook, path) = await CreateEndpointAsync(host, w);
        await CommitEventAsync(host, w);
        var first = Assert.Single(await host.Receiver.WaitForAsync(path, 1));
        var original = Assert.Single(await EventuallyAsync(() => DeliveriesAsync(w, hook.Webhook.Id), d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.Succeeded));

        await using var owner = await host.OwnerOfAsync(w);
        var replay = await owner.Webhooks.ReplayAsync(original.Id);
        Assert.True(replay.Succeeded, replay.Message);
        var got = await host.Receiver.WaitForAsync(path, 2);
        Assert.Equal(2, got.Count);
        Assert.Equal(first.Headers["webhook-id"].ToString(), got[1].Headers["webhook-id"].ToString());
        Assert.Equal(first.Body, got[1].Body);
        var detail = await owner.Webhooks.DeliveryAsync(replay.Value);
        Assert.Equal((original.Id, 1, original.MessageId), (detail.Value!.Row.ReplayOf, detail.Value.Row.Attempt, detail.Value.Row.MessageId));
    }

    [Fact]
    public async Task SendTestAsync_RedirectToPrivateAddress_IsRefusedAndRecorded()
    {
        await using var host = await WebhookHost.StartAsync(db);
        var w = await db.CreateWorkspaceAsync("Hooks Redirect");
        var (hook, path) = await CreateEndpointAsync(host, w);
        host.Receiver.Responders[path] = _ => (302, "http://10.0.0.1/internal");
        await using var owner = await host.OwnerOfAsync(w);
        var sent = await owner.Webhooks.SendTestAsync(hook.Webhook.Id);
        Assert.True(sent.Succeeded);
        var row = await EventuallyAsync(async () => (await owner.Webhooks.DeliveryAsync(sent.Value)).Value!, d => d.Row.Status == WebhookDeliveryStatus.Failed);
        Assert.Equal(WebhookDeliveryStatus.Failed, row.Row.Status);
        Assert.Contains("Redirect refused", row.Row.Error, StringComparison.Ordinal);
        Assert.True(row.Row.IsTest);
        Assert.Contains("webhook.test", row.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenancy_OtherWorkspace_NeverReceivesNorSeesAnothersEventsAndDeliveries()
    {
        await using var host = await WebhookHost.StartAsync(db);
        var a = await db.CreateWorkspaceAsync("Hooks A");
        var b = await db.CreateWorkspaceAsync("Hooks B");
        var (hookA, pathA) = await CreateEndpointAsync(host, a);
        var (hookB, pathB) = await CreateEndpointAsync(host, b);
        await CommitEventAsync(host, a, marker: "for-a");
        await host.Receiver.WaitForAsync(pathA, 1);
        var deliveryA = Assert.Single(await EventuallyAsync(() => DeliveriesAsync(a, hookA.Webhook.Id), d => d.Count == 1));
        await Task.Delay(500);
        Assert.Empty(host.Receiver.At(pathB));
        Assert.Empty(await DeliveriesAsync(b, hookB.Webhook.Id));

        await using var ownerB = await host.OwnerOfAsync(b);
        Assert.DoesNotContain(await ownerB.Webhooks.ListAsync(), h => h.Id == hookA.Webhook.Id);
        Assert.Equal(ResultStatus.NotFound, (await ownerB.Webhooks.GetAsync(hookA.Webhook.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerB.Webhooks.DeliveriesAsync(hookA.Webhook.Id, new WebhookDeliveryQuery())).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerB.Webhooks.DeliveryAsync(deliveryA.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerB.Webhooks.ReplayAsync(deliveryA.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerB.Webhooks.SendTestAsync(hookA.Webhook.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerB.Webhooks.DeleteAsync(hookA.Webhook.Id)).Status);
    }
}
