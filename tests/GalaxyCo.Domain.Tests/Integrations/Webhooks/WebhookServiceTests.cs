using System.Text.Json;
using GalaxyCo.Data;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Integrations.Webhooks;

[Collection(PostgresCollection.Name)]
public sealed class WebhookServiceTests(PostgresDatabase db)
{
    [Fact]
    public async Task CreateAsync_ValidInput_ReturnsSecretOnceAndNeverAgain()
    {
        await using var host = await WebhookHost.StartAsync(db, startDispatcher: false);
        var w = await db.CreateWorkspaceAsync("Hooks Service");
        await using var owner = await host.OwnerOfAsync(w);
        var created = await owner.Webhooks.CreateAsync(new WebhookInput(" Sales ", host.Receiver.BaseUrl + "/x", ["prospect.created", "invoice.paid"]));
        Assert.True(created.Succeeded, created.Message);
        var secret = created.Value!.Secret;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal("Sales", created.Value.Webhook.Name);

        var listed = Assert.Single(await owner.Webhooks.ListAsync());
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(listed), StringComparison.Ordinal);
        Assert.EndsWith(secret[^4..], listed.SecretHint, StringComparison.Ordinal);

        var rotated = await owner.Webhooks.RotateSecretAsync(listed.Id);
        Assert.True(rotated.Succeeded);
        Assert.NotEqual(secret, rotated.Value!.Secret);
        Assert.NotNull(rotated.Value.Webhook.PreviousSecretExpiresAt);

        await using var ctx = db.CreateContext(w.Tenant());
        var audit = await ctx.AuditLogs.AsNoTracking().Where(l => l.ResourceType == "webhook" && l.ResourceId == listed.Id.ToString()).ToListAsync();
        Assert.Contains(audit, l => l.Action == "create");
        Assert.Contains(audit, l => l.Action == "update" && l.Changes.ContainsKey("secret"));
        var trail = JsonSerializer.Serialize(audit.Select(l => l.Changes));
        Assert.DoesNotContain(secret[6..], trail, StringComparison.Ordinal);
        Assert.DoesNotContain(rotated.Value.Secret[6..], trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_BadInput_ReturnsFieldErrors()
    {
        await using var host = await WebhookHost.StartAsync(db, startDispatcher: false);
        var w = await db.CreateWorkspaceAsync("Hooks Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        var result = await owner.Webhooks.CreateAsync(new WebhookInput("", "http://169.254.169.254/latest", ["nope.event"]));
        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.NotNull(result.ErrorFor("name"));
        Assert.NotNull(result.ErrorFor("url"));
        Assert.NotNull(result.ErrorFor("events"));
        var none = await owner.Webhooks.CreateAsync(new WebhookInput("x", host.Receiver.BaseUrl, []));
        Assert.NotNull(none.ErrorFor("events"));
    }

    [Fact]
    public async Task Methods_MemberWithoutWorkspaceManage_AreForbidden()
    {
        await using var host = await WebhookHost.StartAsync(db, startDispatcher: false);
        var w = await db.CreateWorkspaceAsync("Hooks Forbidden");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var created = await owner.Webhooks.CreateAsync(new WebhookInput("Mine", host.Receiver.BaseUrl + "/m", ["invoice.paid"]));
        await using var actor = await host.ActAsync(w.Slug, member.UserId);
        Assert.Empty(await actor.Webhooks.ListAsync());
        Assert.Equal(ResultStatus.Forbidden, (await actor.Webhooks.CreateAsync(new WebhookInput("x", host.Receiver.BaseUrl, ["invoice.paid"]))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Webhooks.RotateSecretAsync(created.Value!.Webhook.Id)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Webhooks.DeleteAsync(created.Value.Webhook.Id)).Status);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_IsConflict()
    {
        await using var host = await WebhookHost.StartAsync(db, startDispatcher: false);
        var w = await db.CreateWorkspaceAsync("Hooks Stale");
        await using var owner = await host.OwnerOfAsync(w);
        var created = (await owner.Webhooks.CreateAsync(new WebhookInput("One", host.Receiver.BaseUrl + "/1", ["invoice.paid"]))).Value!.Webhook;
        var first = await owner.Webhooks.UpdateAsync(created.Id, new WebhookInput("Two", host.Receiver.BaseUrl + "/2", ["invoice.sent"]), created.Version);
        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(["invoice.sent"], first.Value!.Events);
        var stale = await owner.Webhooks.UpdateAsync(created.Id, new WebhookInput("Three", host.Receiver.BaseUrl + "/3", ["invoice.sent"]), created.Version);
        Assert.Equal(ResultStatus.Conflict, stale.Status);
    }
}
