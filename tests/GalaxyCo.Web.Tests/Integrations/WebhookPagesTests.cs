using GalaxyCo.Data;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Integrations.Webhooks;
using GalaxyCo.Web.Tests.Infrastructure;
using GalaxyCo.Web.Tests.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Integrations;

/// <summary>The webhooks admin page on the real WebhookService: list, add dialog, the one-time secret, the admin gate.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WebhookPagesTests(PostgresDatabase database)
{
    [Fact]
    public async Task List_EndpointsWithHistory_ShowsCountsStatusAndHint()
    {
        var w = await database.CreateWorkspaceAsync("Hooks List");
        await using (var db = database.CreateContext(w.Tenant()))
        {
            db.Webhooks.Add(new Webhook
            {
                Name = "Billing system", Url = "https://billing.example.com/hooks", Events = ["invoice.paid", "invoice.sent"],
                Secret = "whsec_" + Convert.ToBase64String(new byte[24]), SuccessCount = 12, FailureCount = 3, LastTriggeredAt = DateTime.UtcNow.AddMinutes(-5),
            });
            db.Webhooks.Add(new Webhook
            {
                Name = "Old CRM", Url = "https://crm.example.com/in", Events = ["prospect.created"], Secret = "whsec_" + Convert.ToBase64String(new byte[24]),
                IsActive = false, FailureCount = 15, ConsecutiveFailures = 15, DisabledAt = DateTime.UtcNow.AddHours(-1),
                DisabledReason = "Disabled after 15 failed attempts in a row.",
            });
            await db.SaveChangesAsync();
        }
        await using var ctx = await EnterAsync(w.OwnerUserId, w.OwnerEmail, w);
        ctx.RenderProviders();

        var cut = ctx.Render<WebhooksPage>(p => p.Add(x => x.Slug, w.Slug));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=webhook-row]").Count));
        var billing = Row(cut, "Billing system");
        Assert.Contains("12 delivered", Text(billing, "webhook-success-count"), StringComparison.Ordinal);
        Assert.Contains("3 failed", Text(billing, "webhook-failure-count"), StringComparison.Ordinal);
        Assert.Contains("5 min ago", Text(billing, "webhook-last-triggered"), StringComparison.Ordinal);
        Assert.Equal("Active", Text(billing, "webhook-status"));
        Assert.Contains("invoice.paid", Text(billing, "webhook-events-chips"), StringComparison.Ordinal);
        Assert.StartsWith("Secret whsec_", Text(billing, "webhook-secret-hint"), StringComparison.Ordinal);
        Assert.Empty(billing.QuerySelectorAll("[data-testid=webhook-reenable]"));
        var old = Row(cut, "Old CRM");
        Assert.Equal("Disabled", Text(old, "webhook-status"));
        Assert.Contains("15 failed attempts in a row", Text(old, "webhook-disabled-reason"), StringComparison.Ordinal);
        Assert.Contains("never", Text(old, "webhook-last-triggered"), StringComparison.Ordinal);
        Assert.Single(old.QuerySelectorAll("[data-testid=webhook-reenable]"));
    }

    [Fact]
    public async Task AddDialog_PrivateAddress_ShowsTheErrorNextToTheUrl()
    {
        var w = await database.CreateWorkspaceAsync("Hooks Private");
        await using var ctx = await EnterAsync(w.OwnerUserId, w.OwnerEmail, w);
        ctx.RenderProviders();
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<WebhooksPage>(p => p.Add(x => x.Slug, w.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=webhooks-empty]")));

        await MembersTestSupport.StartClickAsync(() => cut.Find("[data-testid=webhook-add]"));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=webhook-name]")));
        dialogs.Find("[data-testid=webhook-name]").InputOf().Input("Intranet");
        dialogs.Find("[data-testid=webhook-url]").InputOf().Input("https://10.1.2.3/hooks");
        await dialogs.Find("[data-testid='event-prospect.created'] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await dialogs.Find("#webhook-form").SubmitAsync();

        // The service's message replaces the helper text under the URL field, marked as an error.
        dialogs.WaitForAssertion(() => Assert.NotNull(UrlControl(dialogs).QuerySelector(".mud-input-error")));
        Assert.DoesNotContain("HTTPS. Addresses inside", UrlControl(dialogs).TextContent, StringComparison.Ordinal);
        Assert.Null(dialogs.Find("[data-testid=webhook-name]").InputOf().Closest(".mud-input-control")!.QuerySelector(".mud-input-error"));
        Assert.Empty(dialogs.FindAll("[data-testid=webhook-secret]"));
        await using var db = database.CreateContext(w.Tenant());
        Assert.Equal(0, await db.Webhooks.CountAsync());
    }

    [Fact]
    public async Task AddDialog_Valid_ShowsTheSecretOnceThenOnlyItsHint()
    {
        var w = await database.CreateWorkspaceAsync("Hooks Secret");
        await using var ctx = await EnterAsync(w.OwnerUserId, w.OwnerEmail, w);
        ctx.RenderProviders();
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<WebhooksPage>(p => p.Add(x => x.Slug, w.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=webhooks-empty]")));

        await MembersTestSupport.StartClickAsync(() => cut.Find("[data-testid=webhook-add]"));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=webhook-name]")));
        dialogs.Find("[data-testid=webhook-name]").InputOf().Input("Receiver");
        dialogs.Find("[data-testid=webhook-url]").InputOf().Input("http://127.0.0.1:9/hooks");
        await dialogs.Find("[data-testid='event-area-all-CRM'] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await dialogs.Find("#webhook-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=webhook-secret]")));
        var secret = dialogs.Find("[data-testid=webhook-secret]").TextContent.Trim();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Contains("won't be shown again", dialogs.Find("[data-testid=webhook-secret-warning]").TextContent, StringComparison.Ordinal);
        await using (var db = database.CreateContext(w.Tenant()))
        {
            var stored = await db.Webhooks.SingleAsync();
            Assert.Equal(["prospect.created", "prospect.stage_changed", "prospect.converted", "customer.created"], stored.Events);
        }

        await dialogs.Find("[data-testid=webhook-secret-done]").ClickAsync();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=webhook-row]")));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=webhook-secret]")));
        // Afterwards only the hint is shown, never the secret itself.
        Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, dialogs.Markup, StringComparison.Ordinal);
        Assert.EndsWith(secret[^4..], cut.Find("[data-testid=webhook-secret-hint] code").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Member_SeesOnlyTheAdminsNotice()
    {
        var w = await database.CreateWorkspaceAsync("Hooks Member");
        var member = await database.AddMemberAsync(w, UserRole.Member);
        await using var ctx = await EnterAsync(member.UserId, member.Email, w);
        ctx.RenderProviders();

        var list = ctx.Render<WebhooksPage>(p => p.Add(x => x.Slug, w.Slug));
        var docs = ctx.Render<WebhookDocsPage>(p => p.Add(x => x.Slug, w.Slug));

        list.WaitForAssertion(() => Assert.Contains("Only admins and owners can manage webhooks", list.Find("[data-testid=webhooks-denied]").TextContent, StringComparison.Ordinal));
        Assert.Empty(list.FindAll("[data-testid=webhook-add]"));
        docs.WaitForAssertion(() => Assert.NotEmpty(docs.FindAll("[data-testid=webhooks-denied]")));
        Assert.Empty(docs.FindAll("[data-testid=webhook-docs]"));
    }

    [Fact]
    public async Task Docs_Owner_ListsEveryCatalogueEventAndTheVerifiers()
    {
        var w = await database.CreateWorkspaceAsync("Hooks Docs");
        await using var ctx = await EnterAsync(w.OwnerUserId, w.OwnerEmail, w);
        ctx.RenderProviders();

        var cut = ctx.Render<WebhookDocsPage>(p => p.Add(x => x.Slug, w.Slug));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=webhook-docs]")));
        foreach (var e in WebhookEventCatalog.All)
            Assert.Contains(e.Description, cut.Find($"[data-testid='doc-event-{e.Name}']").TextContent, StringComparison.Ordinal);
        Assert.Contains("new StandardWebhook(", cut.Find("[data-testid=doc-sample-csharp]").TextContent, StringComparison.Ordinal);
        Assert.Contains("webhook-signature", cut.Markup, StringComparison.Ordinal);
    }

    private async Task<GalaxyBunitContext> EnterAsync(Guid userId, string email, TestWorkspace w)
    {
        var ctx = new GalaxyBunitContext(database, userId, email, Webhooks);
        var entered = await ctx.Services.GetRequiredService<GalaxyCo.Domain.Workspaces.WorkspaceScope>().EnterAsync(w.Slug, userId);
        Assert.True(entered.Succeeded, entered.Message);
        return ctx;
    }

    /// <summary>The webhook services as the app registers them, with the test receiver's loopback address allowed.</summary>
    private static void Webhooks(IServiceCollection services)
    {
        services.AddLogging();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Webhooks:AllowedHosts:0"] = "127.0.0.1" })
            .Build();
        services.AddWebhooks(configuration);
        // No Hangfire here: nothing these tests do sends a delivery.
        services.AddSingleton<IWebhookDeliveryQueue, NoDeliveryQueue>();
    }

    private sealed class NoDeliveryQueue : IWebhookDeliveryQueue
    {
        public void Enqueue(Guid workspaceId, Guid[] deliveryIds) { }

        public void Schedule(Guid workspaceId, Guid[] deliveryIds, TimeSpan delay) { }
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<WebhooksPage> cut, string name) =>
        cut.FindAll("[data-testid=webhook-row]").Single(r => r.QuerySelector("[data-testid=webhook-link]")!.TextContent.Trim() == name);

    private static string Text(AngleSharp.Dom.IElement row, string testId) =>
        row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static AngleSharp.Dom.IElement UrlControl(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs) =>
        dialogs.Find("[data-testid=webhook-url]").InputOf().Closest(".mud-input-control")!;
}
