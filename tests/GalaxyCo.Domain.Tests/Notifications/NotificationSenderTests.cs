using GalaxyCo.Data;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Invoices;

namespace GalaxyCo.Domain.Tests.Notifications;

[Collection(PostgresCollection.Name)]
public sealed class NotificationSenderTests(PostgresDatabase db)
{
    private static NotificationMessage Message(Guid userId, string title, string? category = null, NotificationType type = NotificationType.Info) =>
        new(userId, type, title, title + " body", "/w/acme/somewhere", "Open", new Dictionary<string, string> { ["k"] = "v" }, category);

    private static async Task AddAndSaveAsync(NotificationActor a, params NotificationMessage[] messages)
    {
        await using var ctx = await a.Factory.CreateDbContextAsync();
        await NotificationSender.AddAsync(ctx, messages, default);
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task AddAsync_StampsCategory_FromTheMessageOrItsTypeDefault()
    {
        using var host = new NotificationHost(db);
        var w = await db.CreateWorkspaceAsync("Sender Stamp");
        await using var a = await host.OwnerOfAsync(w);

        await AddAndSaveAsync(a, Message(w.OwnerUserId, "invoice", NotificationCategories.Invoice, NotificationType.Warning),
            Message(w.OwnerUserId, "reminder by type", type: NotificationType.Reminder),
            Message(w.OwnerUserId, "unknown category", "nonsense", NotificationType.Info));

        var rows = (await host.NotificationsOfAsync(w.Id, w.OwnerUserId)).ToDictionary(n => n.Title);
        Assert.Equal(NotificationCategories.Invoice, rows["invoice"].Metadata[NotificationCategories.MetadataKey]);
        Assert.Equal("v", rows["invoice"].Metadata["k"]);
        Assert.Equal(NotificationCategories.Reminder, rows["reminder by type"].Metadata[NotificationCategories.MetadataKey]);
        Assert.Equal(NotificationCategories.System, rows["unknown category"].Metadata[NotificationCategories.MetadataKey]);
    }

    [Fact]
    public async Task AddAsync_CategoryOff_WritesNoRowForThatPersonOnly()
    {
        using var host = new NotificationHost(db);
        var w = await db.CreateWorkspaceAsync("Sender Off");
        var colleague = await db.AddMemberAsync(w, UserRole.Member);
        await host.PreferencesAsync(w.OwnerUserId, p => p.NotificationChannels[NotificationCategories.Invoice] = "off");
        await using var a = await host.OwnerOfAsync(w);

        await AddAndSaveAsync(a, Message(w.OwnerUserId, "muted", NotificationCategories.Invoice), Message(w.OwnerUserId, "still on", NotificationCategories.Reminder),
            Message(colleague.UserId, "colleague's invoice", NotificationCategories.Invoice));

        Assert.Equal(["still on"], (await host.NotificationsOfAsync(w.Id, w.OwnerUserId)).Select(n => n.Title));
        Assert.Equal(["colleague's invoice"], (await host.NotificationsOfAsync(w.Id, colleague.UserId)).Select(n => n.Title));
    }

    [Fact]
    public async Task MailAsync_PerCategoryChannel_MailsEmailOnlyAndRespectsTheMasterSwitch()
    {
        await using var smtp = new LoopbackSmtpServer();
        using var host = new NotificationHost(db, smtp.Port);
        var w = await db.CreateWorkspaceAsync("Sender Mail");
        var inApp = await db.AddMemberAsync(w, UserRole.Member);
        var masterOff = await db.AddMemberAsync(w, UserRole.Member);
        await host.PreferencesAsync(w.OwnerUserId, p => p.NotificationChannels[NotificationCategories.Reminder] = "email");
        await host.PreferencesAsync(inApp.UserId, p => p.NotificationChannels[NotificationCategories.Reminder] = "inapp");
        await host.PreferencesAsync(masterOff.UserId, p =>
        {
            p.NotificationChannels[NotificationCategories.Reminder] = "email";
            p.EmailNotifications = false;
        });
        await using var a = await host.OwnerOfAsync(w);
        NotificationMessage[] messages =
        [
            Message(w.OwnerUserId, "Owner reminder", NotificationCategories.Reminder),
            Message(w.OwnerUserId, "Owner system notice", NotificationCategories.System),
            Message(inApp.UserId, "In-app reminder", NotificationCategories.Reminder),
            Message(masterOff.UserId, "Muted reminder", NotificationCategories.Reminder),
        ];
        await AddAndSaveAsync(a, messages);
        await using (var ctx = await a.Factory.CreateDbContextAsync())
            await a.Sender.MailAsync(ctx, messages, "https://app.galaxyco.test", default);

        var mail = Assert.Single(smtp.Received);
        Assert.Equal(w.OwnerEmail, mail.To.Mailboxes.Single().Address);
        Assert.Equal("Owner reminder", mail.Subject);
        Assert.Contains("https://app.galaxyco.test/w/acme/somewhere", mail.TextBody, StringComparison.Ordinal);
        // In-app still gets the row everywhere the channel isn't Off.
        Assert.Single(await host.NotificationsOfAsync(w.Id, inApp.UserId));
        Assert.Single(await host.NotificationsOfAsync(w.Id, masterOff.UserId));
        Assert.Equal(2, (await host.NotificationsOfAsync(w.Id, w.OwnerUserId)).Count);
    }

    [Fact]
    public async Task MailAsync_MailNotConfigured_SendsNothing()
    {
        using var host = new NotificationHost(db);
        var w = await db.CreateWorkspaceAsync("Sender No Mail");
        await using var a = await host.OwnerOfAsync(w);
        NotificationMessage[] messages = [Message(w.OwnerUserId, "assigned", NotificationCategories.Assignment)];
        await using (var ctx = await a.Factory.CreateDbContextAsync())
            await a.Sender.MailAsync(ctx, messages, "https://app.galaxyco.test", default);

        Assert.False(a.Sender.MailConfigured);
        Assert.Empty(host.FolderMail());
    }
}
