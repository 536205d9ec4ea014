using GalaxyCo.Data;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;

namespace GalaxyCo.Domain.Tests.Notifications;

[Collection(PostgresCollection.Name)]
public sealed class NotificationServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly NotificationHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task ListAsync_KeysetPages_NewestFirstWithoutGapsOrRepeats()
    {
        var w = await db.CreateWorkspaceAsync("Notif Paging");
        var start = host.Now.AddHours(-10);
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++) ids.Add((await host.AddAsync(w.Id, w.OwnerUserId, $"n{i}", start.AddMinutes(i))).Id);
        // Two at the same instant: the id breaks the tie and neither is lost between pages.
        ids.Add((await host.AddAsync(w.Id, w.OwnerUserId, "tie-a", start.AddMinutes(3))).Id);
        await using var a = await host.OwnerOfAsync(w);

        var seen = new List<NotificationItem>();
        NotificationPage page = await a.Notifications.ListAsync(new NotificationQuery(Take: 3));
        seen.AddRange(page.Items);
        while (page.HasMore)
        {
            var last = page.Items[^1];
            page = await a.Notifications.ListAsync(new NotificationQuery(Before: last.CreatedAt, BeforeId: last.Id, Take: 3));
            seen.AddRange(page.Items);
        }

        Assert.Equal(8, seen.Count);
        Assert.Equal(ids.Order(), seen.Select(s => s.Id).Order());
        Assert.Equal(seen.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Select(s => s.Id), seen.Select(s => s.Id));
        Assert.Equal("n6", seen[0].Title);
        Assert.Equal(8, page.UnreadCount);
    }

    [Fact]
    public async Task ListAsync_DismissedAndExpired_AreNeitherListedNorCounted()
    {
        var w = await db.CreateWorkspaceAsync("Notif Hidden");
        await host.AddAsync(w.Id, w.OwnerUserId, "visible");
        await host.AddAsync(w.Id, w.OwnerUserId, "dismissed", dismissed: true);
        await host.AddAsync(w.Id, w.OwnerUserId, "expired", expiresAt: host.Now.AddMinutes(-1));
        await host.AddAsync(w.Id, w.OwnerUserId, "expires later", expiresAt: host.Now.AddHours(1));
        await host.AddAsync(w.Id, w.OwnerUserId, "read", read: true);
        await using var a = await host.OwnerOfAsync(w);

        var page = await a.Notifications.ListAsync(new NotificationQuery());

        Assert.Equal(["expires later", "read", "visible"], page.Items.Select(i => i.Title).Order());
        Assert.Equal(2, page.UnreadCount);
        Assert.Equal(2, await a.Notifications.UnreadCountAsync());

        host.Clock.Now = host.Clock.Now.AddHours(2);
        Assert.Equal(1, await a.Notifications.UnreadCountAsync());
        Assert.DoesNotContain((await a.Notifications.ListAsync(new NotificationQuery())).Items, i => i.Title == "expires later");
    }

    [Fact]
    public async Task ListAsync_CategoryAndUnreadFilters_UseStampedOrTypeDefaultCategory()
    {
        var w = await db.CreateWorkspaceAsync("Notif Filters");
        await host.AddAsync(w.Id, w.OwnerUserId, "stamped invoice", category: NotificationCategories.Invoice, type: NotificationType.Warning);
        await host.AddAsync(w.Id, w.OwnerUserId, "legacy mention", type: NotificationType.Mention);
        await host.AddAsync(w.Id, w.OwnerUserId, "read mention", category: NotificationCategories.Mention, read: true);
        await host.AddAsync(w.Id, w.OwnerUserId, "legacy info", type: NotificationType.Info);
        await using var a = await host.OwnerOfAsync(w);

        var mentions = await a.Notifications.ListAsync(new NotificationQuery(Category: NotificationCategories.Mention));
        var unreadMentions = await a.Notifications.ListAsync(new NotificationQuery(Category: NotificationCategories.Mention, UnreadOnly: true));
        var invoices = await a.Notifications.ListAsync(new NotificationQuery(Category: NotificationCategories.Invoice));
        var system = await a.Notifications.ListAsync(new NotificationQuery(Category: NotificationCategories.System));

        Assert.Equal(["legacy mention", "read mention"], mentions.Items.Select(i => i.Title).Order());
        Assert.Equal(["legacy mention"], unreadMentions.Items.Select(i => i.Title));
        Assert.Equal(NotificationCategories.Invoice, Assert.Single(invoices.Items).Category);
        Assert.Equal(["legacy info"], system.Items.Select(i => i.Title));
        Assert.Equal(NotificationCategories.Mention, mentions.Items.First(i => i.Title == "legacy mention").Category);
    }

    [Fact]
    public async Task MarkReadAsync_AndMarkAllRead_ChangeOnlyWhatWasAsked()
    {
        var w = await db.CreateWorkspaceAsync("Notif Mark");
        var one = await host.AddAsync(w.Id, w.OwnerUserId, "one", category: NotificationCategories.Assignment);
        await host.AddAsync(w.Id, w.OwnerUserId, "two", category: NotificationCategories.Assignment);
        await host.AddAsync(w.Id, w.OwnerUserId, "three", category: NotificationCategories.Reminder);
        await host.AddAsync(w.Id, w.OwnerUserId, "four", category: NotificationCategories.Reminder);
        await using var a = await host.OwnerOfAsync(w);

        Assert.True((await a.Notifications.MarkReadAsync(one.Id, true)).Succeeded);
        Assert.Equal(3, await a.Notifications.UnreadCountAsync());
        var stored = (await host.NotificationsOfAsync(w.Id, w.OwnerUserId)).Single(n => n.Id == one.Id);
        Assert.True(stored.IsRead);
        Assert.Equal(host.Now, stored.ReadAt!.Value, TimeSpan.FromMilliseconds(1));

        Assert.True((await a.Notifications.MarkReadAsync(one.Id, false)).Succeeded);
        Assert.Equal(4, await a.Notifications.UnreadCountAsync());

        Assert.Equal(2, await a.Notifications.MarkAllReadAsync(NotificationCategories.Assignment));
        Assert.Equal(2, await a.Notifications.UnreadCountAsync());
        Assert.All((await a.Notifications.ListAsync(new NotificationQuery(UnreadOnly: true))).Items, i => Assert.Equal(NotificationCategories.Reminder, i.Category));

        Assert.Equal(2, await a.Notifications.MarkAllReadAsync(null));
        Assert.Equal(0, await a.Notifications.UnreadCountAsync());
        Assert.Equal(0, await a.Notifications.MarkAllReadAsync(null));
    }

    [Fact]
    public async Task DismissAsync_HidesIt_AndRestoreAsyncBringsItBack()
    {
        var w = await db.CreateWorkspaceAsync("Notif Dismiss");
        var n = await host.AddAsync(w.Id, w.OwnerUserId, "dismiss me");
        await using var a = await host.OwnerOfAsync(w);

        Assert.True((await a.Notifications.DismissAsync(n.Id)).Succeeded);
        Assert.Empty((await a.Notifications.ListAsync(new NotificationQuery())).Items);
        Assert.Equal(0, await a.Notifications.UnreadCountAsync());

        Assert.True((await a.Notifications.RestoreAsync(n.Id)).Succeeded);
        Assert.Equal(n.Id, Assert.Single((await a.Notifications.ListAsync(new NotificationQuery())).Items).Id);
        Assert.Equal(ResultStatus.NotFound, (await a.Notifications.DismissAsync(Guid.NewGuid())).Status);
    }

    [Fact]
    public async Task EveryMethod_AnotherPersonsOrWorkspacesNotification_IsNotFoundAndUntouched()
    {
        var w = await db.CreateWorkspaceAsync("Notif Tenancy A");
        var colleague = await db.AddMemberAsync(w, UserRole.Member);
        var other = await db.CreateWorkspaceAsync("Notif Tenancy B");
        // A row for the same person but in workspace B: only the workspace separates it.
        var ownerInB = await host.AddAsync(other.Id, w.OwnerUserId, "same person, workspace B");
        var colleagues = await host.AddAsync(w.Id, colleague.UserId, "colleague's");
        var mine = await host.AddAsync(w.Id, w.OwnerUserId, "mine");
        await using var a = await host.OwnerOfAsync(w);

        foreach (var id in new[] { ownerInB.Id, colleagues.Id })
        {
            Assert.Equal(ResultStatus.NotFound, (await a.Notifications.MarkReadAsync(id, true)).Status);
            Assert.Equal(ResultStatus.NotFound, (await a.Notifications.DismissAsync(id)).Status);
            Assert.Equal(ResultStatus.NotFound, (await a.Notifications.RestoreAsync(id)).Status);
        }
        Assert.Equal([mine.Id], (await a.Notifications.ListAsync(new NotificationQuery())).Items.Select(i => i.Id));
        Assert.Equal(1, await a.Notifications.MarkAllReadAsync(null));

        Assert.False(Assert.Single(await host.NotificationsOfAsync(w.Id, colleague.UserId)).IsRead);
        Assert.False(Assert.Single(await host.NotificationsOfAsync(other.Id, w.OwnerUserId)).IsRead);
        await using var c = await host.ActAsync(w.Slug, colleague.UserId);
        Assert.Equal(1, await c.Notifications.UnreadCountAsync());
        Assert.Equal([colleagues.Id], (await c.Notifications.ListAsync(new NotificationQuery())).Items.Select(i => i.Id));
    }
}
