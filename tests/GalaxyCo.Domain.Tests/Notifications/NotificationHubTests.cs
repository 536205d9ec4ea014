using System.Collections.Concurrent;
using GalaxyCo.Data;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GalaxyCo.Domain.Tests.Notifications;

/// <summary>
/// The node's notification hub on the real database: committed notifications reach their person's subscribers (every
/// circuit of theirs, nobody else's, no other workspace's), a rollback announces nothing, a mark-read pushes the new
/// count and a resync recounts.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationHubTests(PostgresDatabase db) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private ServiceProvider provider = default!;
    private DatabaseChangeListener? listener;

    private ChangeFeed Feed => provider.GetRequiredService<ChangeFeed>();
    private NotificationHub Hub => provider.GetRequiredService<NotificationHub>();

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<NotificationHub>();
        provider = services.BuildServiceProvider();
        return Hub.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Hub.StopAsync(CancellationToken.None);
        if (listener is not null) await listener.StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
    }

    public void Dispose() => listener?.Dispose();

    /// <summary>Feeds the hub from PostgreSQL NOTIFY, as the app's listener does.</summary>
    private async Task ListenAsync()
    {
        listener = new DatabaseChangeListener(new LiveChangesOptions(db.AppConnectionString), Feed, NullLogger<DatabaseChangeListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(Patience);
        await Hub.Started.WaitAsync(Patience);
    }

    /// <summary>What one circuit received.</summary>
    private sealed class Circuit
    {
        public ConcurrentQueue<NotificationPush> Received { get; } = new();

        public Task OnPush(NotificationPush push)
        {
            Received.Enqueue(push);
            return Task.CompletedTask;
        }

        public async Task<NotificationPush> WaitForAsync(Func<NotificationPush, bool> match, string what)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.Elapsed < Patience)
            {
                if (Received.FirstOrDefault(match) is { } push) return push;
                await Task.Delay(20);
            }
            Assert.Fail($"No push {what} within {Patience.TotalSeconds} s; got {Received.Count}: {string.Join(", ", Received.Select(p => $"+{p.Added.Count}/{p.UnreadCount}"))}");
            return null!;
        }
    }

    private async Task<Notification> NotifyAsync(Guid workspaceId, Guid userId, string title, bool read = false)
    {
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(workspaceId));
        var row = new Notification { UserId = userId, Title = title, Message = "", Type = NotificationType.Assignment, IsRead = read, ActionUrl = "/w/x/work" };
        ctx.Notifications.Add(row);
        await ctx.SaveChangesAsync();
        return row;
    }

    [Fact]
    public async Task Commit_PushesToEveryCircuitOfThatPerson_AndNobodyElse()
    {
        await ListenAsync();
        var a = await db.CreateWorkspaceAsync("Hub A");
        var b = await db.CreateWorkspaceAsync("Hub B");
        var colleague = await db.AddMemberAsync(a, UserRole.Member);
        Circuit ownerTab1 = new(), ownerTab2 = new(), colleagueTab = new(), ownerInB = new(), bOwnerTab = new();
        using var s1 = Hub.Subscribe(a.Id, a.OwnerUserId, ownerTab1.OnPush);
        using var s2 = Hub.Subscribe(a.Id, a.OwnerUserId, ownerTab2.OnPush);
        using var s3 = Hub.Subscribe(a.Id, colleague.UserId, colleagueTab.OnPush);
        using var s4 = Hub.Subscribe(b.Id, a.OwnerUserId, ownerInB.OnPush);
        using var s5 = Hub.Subscribe(b.Id, b.OwnerUserId, bOwnerTab.OnPush);
        var pushed = new ConcurrentQueue<NotificationPush>();
        Hub.Pushed += pushed.Enqueue;

        var row = await NotifyAsync(a.Id, a.OwnerUserId, "Task assigned to you");

        foreach (var tab in new[] { ownerTab1, ownerTab2 })
        {
            var push = await tab.WaitForAsync(p => p.Added.Any(i => i.Id == row.Id), "with the new notification");
            Assert.Equal(1, push.UnreadCount);
            var item = Assert.Single(push.Added);
            Assert.Equal("Task assigned to you", item.Title);
            Assert.Equal(NotificationCategories.Assignment, item.Category);
        }
        // The hub works once per person per change, whatever the number of their circuits.
        Assert.Single(pushed, p => p.UserId == a.OwnerUserId && p.Added.Any(i => i.Id == row.Id));

        // B's own notification arrives afterwards, so anything of A's meant for others would have arrived too.
        var theirs = await NotifyAsync(b.Id, b.OwnerUserId, "B news");
        await bOwnerTab.WaitForAsync(p => p.Added.Any(i => i.Id == theirs.Id), "in workspace B");
        Assert.Empty(colleagueTab.Received);
        Assert.Empty(ownerInB.Received);
        Assert.DoesNotContain(bOwnerTab.Received, p => p.Added.Any(i => i.Id == row.Id));
        Assert.All(ownerTab1.Received.Concat(ownerTab2.Received), p => Assert.Equal(a.Id, p.WorkspaceId));
        Hub.Pushed -= pushed.Enqueue;
    }

    [Fact]
    public async Task RolledBackNotification_PushesNothing()
    {
        await ListenAsync();
        var w = await db.CreateWorkspaceAsync("Hub Rollback");
        Circuit tab = new();
        using var s = Hub.Subscribe(w.Id, w.OwnerUserId, tab.OnPush);

        await using (var ctx = db.CreateContext(PostgresDatabase.Tenant(w.Id)))
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            ctx.Notifications.Add(new Notification { UserId = w.OwnerUserId, Title = "Never happened", Type = NotificationType.Info });
            await ctx.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        var kept = await NotifyAsync(w.Id, w.OwnerUserId, "Committed");

        var push = await tab.WaitForAsync(p => p.Added.Any(i => i.Id == kept.Id), "for the committed notification");
        Assert.Equal(1, push.UnreadCount);
        Assert.Single(tab.Received);
        Assert.DoesNotContain(tab.Received, p => p.Added.Any(i => i.Title == "Never happened"));
    }

    [Fact]
    public async Task MarkRead_PushesTheNewCountWithNothingAdded()
    {
        await ListenAsync();
        var w = await db.CreateWorkspaceAsync("Hub Read");
        Circuit tab = new();
        using var s = Hub.Subscribe(w.Id, w.OwnerUserId, tab.OnPush);
        var first = await NotifyAsync(w.Id, w.OwnerUserId, "One");
        await NotifyAsync(w.Id, w.OwnerUserId, "Two");
        await tab.WaitForAsync(p => p.UnreadCount == 2, "counting two unread");
        // Both inserts must have been pushed before the mark-read: one still in flight would come after it with an item.
        await tab.WaitForAsync(p => p.Added.Any(n => n.Title == "One"), "adding One");
        await tab.WaitForAsync(p => p.Added.Any(n => n.Title == "Two"), "adding Two");

        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, w.OwnerUserId)).Succeeded);
            Assert.True((await scope.ServiceProvider.GetRequiredService<NotificationService>().MarkReadAsync(first.Id, true)).Succeeded);
        }

        var push = await tab.WaitForAsync(p => p.UnreadCount == 1, "with the count after mark-read");
        Assert.Empty(push.Added);
    }

    [Fact]
    public async Task Resync_RecountsEverySubscriber_WithoutAListener()
    {
        // No listener: these rows are written while the node is "disconnected", as if their NOTIFYs were lost.
        var w = await db.CreateWorkspaceAsync("Hub Resync");
        var other = await db.CreateWorkspaceAsync("Hub Resync Other");
        await NotifyAsync(w.Id, w.OwnerUserId, "Missed one");
        await NotifyAsync(w.Id, w.OwnerUserId, "Missed two");
        await NotifyAsync(w.Id, w.OwnerUserId, "Already read", read: true);
        await NotifyAsync(other.Id, other.OwnerUserId, "Other missed");
        Circuit tab = new(), otherTab = new();
        using var s1 = Hub.Subscribe(w.Id, w.OwnerUserId, tab.OnPush);
        using var s2 = Hub.Subscribe(other.Id, other.OwnerUserId, otherTab.OnPush);
        await Hub.Started.WaitAsync(Patience);

        Feed.Publish(DatabaseChange.Resync);

        var push = await tab.WaitForAsync(p => p.UnreadCount == 2, "recounting two unread");
        Assert.Empty(push.Added);
        Assert.Equal(1, (await otherTab.WaitForAsync(p => p.UnreadCount == 1, "recounting the other workspace")).UnreadCount);
    }

    [Fact]
    public async Task ChangeWithoutPeople_RecountsThatWorkspacesSubscribersOnly()
    {
        var w = await db.CreateWorkspaceAsync("Hub Bulk");
        var other = await db.CreateWorkspaceAsync("Hub Bulk Other");
        await NotifyAsync(w.Id, w.OwnerUserId, "Bulk one");
        Circuit tab = new(), otherTab = new();
        using var s1 = Hub.Subscribe(w.Id, w.OwnerUserId, tab.OnPush);
        using var s2 = Hub.Subscribe(other.Id, other.OwnerUserId, otherTab.OnPush);
        await Hub.Started.WaitAsync(Patience);

        Feed.Publish(new DatabaseChange(w.Id, NotificationDatabaseObjects.NotificationType, "UPDATE", null));
        Feed.Publish(new DatabaseChange(w.Id, NotificationDatabaseObjects.NotificationType, "INSERT", null) { UserIds = [Guid.NewGuid()] });

        Assert.Equal(1, (await tab.WaitForAsync(p => true, "recounting")).UnreadCount);
        await Task.Delay(200);
        Assert.Empty(otherTab.Received);
    }
}
