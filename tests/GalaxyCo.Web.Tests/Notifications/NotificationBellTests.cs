using GalaxyCo.Data;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Layout;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GalaxyCo.Web.Tests.Notifications;

/// <summary>The app bar's bell and its panel on the real database: count, days, mark all read, dismiss with undo, live pushes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationBellTests(PostgresDatabase database)
{
    private static async Task<GalaxyBunitContext> ContextAsync(PostgresDatabase database, TestWorkspace w)
    {
        var ctx = GalaxyBunitContext.ActingAs(database, w, s =>
        {
            s.AddSingleton<ChangeFeed>();
            s.AddSingleton<NotificationHub>();
            s.AddScoped<NotificationState>();
        });
        Assert.True((await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, w.OwnerUserId)).Succeeded);
        return ctx;
    }

    private async Task<List<Notification>> ArrangeAsync(TestWorkspace w, params (string Title, DateTime CreatedAt, bool Read)[] rows)
    {
        await using var db = database.CreateContext(w.Tenant());
        var list = rows.Select(r => new Notification
        {
            UserId = w.OwnerUserId, Title = r.Title, Message = "", Type = NotificationType.Assignment, IsRead = r.Read,
            CreatedAt = r.CreatedAt, ActionUrl = $"/w/{w.Slug}/work/my",
        }).ToList();
        db.Notifications.AddRange(list);
        await db.SaveChangesAsync();
        return list;
    }

    private static string? Badge(IRenderedComponent<NotificationBell> cut) =>
        cut.FindAll("[data-testid=notification-badge] .mud-badge").SingleOrDefault()?.TextContent.Trim();

    private static IRenderedComponent<NotificationBell> RenderBell(GalaxyBunitContext ctx)
    {
        ctx.RenderProviders();
        var cut = ctx.Render<NotificationBell>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=notification-bell]")));
        return cut;
    }

    private static void OpenPanel(IRenderedComponent<NotificationBell> cut)
    {
        cut.Find("[data-testid=notification-bell]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=notification-item]")));
    }

    [Fact]
    public async Task Bell_CountsUnreadOnly_AndHidesTheBadgeAtZero()
    {
        var w = await database.CreateWorkspaceAsync("Bell Count");
        var now = DateTime.UtcNow;
        await ArrangeAsync(w, ("One", now, false), ("Two", now, false), ("Old news", now, true));
        await using var ctx = await ContextAsync(database, w);

        var cut = RenderBell(ctx);

        cut.WaitForAssertion(() => Assert.Equal("2", Badge(cut)));

        var quiet = await database.CreateWorkspaceAsync("Bell Quiet");
        await using var quietCtx = await ContextAsync(database, quiet);
        var quietBell = RenderBell(quietCtx);
        Assert.Null(Badge(quietBell));
    }

    [Fact]
    public async Task Bell_PastNinetyNine_ShowsNinetyNinePlus()
    {
        var w = await database.CreateWorkspaceAsync("Bell Many");
        await ArrangeAsync(w, Enumerable.Range(0, 120).Select(i => ($"N{i}", DateTime.UtcNow.AddMinutes(-i), false)).ToArray());
        await using var ctx = await ContextAsync(database, w);

        var cut = RenderBell(ctx);

        cut.WaitForAssertion(() => Assert.Equal("99+", Badge(cut)));
    }

    [Fact]
    public async Task Panel_GroupsNotificationsByDay_NewestFirst()
    {
        var w = await database.CreateWorkspaceAsync("Bell Days");
        var now = DateTime.UtcNow;
        await ArrangeAsync(w, ("Fresh", now.AddMinutes(-1), false), ("From yesterday", now.AddDays(-1), false), ("Last week", now.AddDays(-6), true));
        await using var ctx = await ContextAsync(database, w);
        var cut = RenderBell(ctx);
        cut.WaitForAssertion(() => Assert.Equal("2", Badge(cut)));

        OpenPanel(cut);

        var days = cut.FindAll("[data-testid=notification-day]").Select(d => d.TextContent.Trim()).ToList();
        Assert.Equal(3, days.Count);
        Assert.Equal(["Today", "Yesterday"], days.Take(2));
        Assert.Equal(NotificationListModelLabel(now.AddDays(-6), now), days[2]);
        Assert.Equal(["Fresh", "From yesterday", "Last week"], cut.FindAll("[data-testid=notification-title]").Select(t => t.TextContent.Trim()));
    }

    private static string NotificationListModelLabel(DateTime day, DateTime now) =>
        Components.Pages.Notifications.NotificationListModel.DayLabel(DateOnly.FromDateTime(day), DateOnly.FromDateTime(now));

    [Fact]
    public async Task MarkAllRead_ZeroesTheBadge_AndMarksEveryRow()
    {
        var w = await database.CreateWorkspaceAsync("Bell Mark All");
        var now = DateTime.UtcNow;
        await ArrangeAsync(w, ("One", now, false), ("Two", now.AddMinutes(-5), false));
        await using var ctx = await ContextAsync(database, w);
        var cut = RenderBell(ctx);
        cut.WaitForAssertion(() => Assert.Equal("2", Badge(cut)));
        OpenPanel(cut);

        cut.Find("[data-testid=notification-panel] [data-testid=notification-mark-all]").Click();

        cut.WaitForAssertion(() => Assert.Null(Badge(cut)));
        cut.WaitForAssertion(() => Assert.All(cut.FindAll("[data-testid=notification-item]"), i => Assert.Equal("true", i.GetAttribute("data-read"))));
        await using var db = database.CreateContext(w.Tenant());
        Assert.Equal(0, await db.Notifications.CountAsync(n => !n.IsRead));
    }

    [Fact]
    public async Task Dismiss_HidesTheRow_AndUndoBringsItBack()
    {
        var w = await database.CreateWorkspaceAsync("Bell Dismiss");
        var now = DateTime.UtcNow;
        var rows = await ArrangeAsync(w, ("Keep me", now, false), ("Dismiss me", now.AddMinutes(-2), false));
        await using var ctx = await ContextAsync(database, w);
        var snackbars = ctx.RenderProviders();
        var cut = ctx.Render<NotificationBell>();
        cut.WaitForAssertion(() => Assert.Equal("2", Badge(cut)));
        OpenPanel(cut);

        cut.Find($"[data-testid=notification-item][data-id='{rows[1].Id}'] [data-testid=notification-dismiss]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=notification-item]")));
        cut.WaitForAssertion(() => Assert.Equal("1", Badge(cut)));
        await using (var db = database.CreateContext(w.Tenant()))
        {
            Assert.True((await db.Notifications.SingleAsync(n => n.Id == rows[1].Id)).IsDismissed);
        }

        snackbars.WaitForAssertion(() => Assert.Contains("Notification dismissed.", snackbars.Markup, StringComparison.Ordinal));
        snackbars.FindAll(".mud-snackbar button").First(b => b.TextContent.Contains("Undo", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=notification-item]").Count));
        cut.WaitForAssertion(() => Assert.Equal("2", Badge(cut)));
        await using (var db = database.CreateContext(w.Tenant()))
        {
            Assert.False((await db.Notifications.SingleAsync(n => n.Id == rows[1].Id)).IsDismissed);
        }
    }

    [Fact]
    public async Task Push_FromTheHub_RaisesTheCount_AndShowsASnackbarWithOpen()
    {
        var w = await database.CreateWorkspaceAsync("Bell Push");
        await using var ctx = await ContextAsync(database, w);
        var hub = ctx.Services.GetRequiredService<NotificationHub>();
        await hub.StartAsync(CancellationToken.None);
        try
        {
            var snackbars = ctx.RenderProviders();
            var cut = ctx.Render<NotificationBell>();
            cut.WaitForAssertion(() => Assert.Equal(1, hub.SubscriberCount));
            Assert.Null(Badge(cut));

            // Another node commits a notification for this person; the listener would publish this change.
            var row = (await ArrangeAsync(w, ("Ada assigned you a task", DateTime.UtcNow, false))).Single();
            ctx.Services.GetRequiredService<ChangeFeed>().Publish(
                new DatabaseChange(w.Id, NotificationDatabaseObjects.NotificationType, "INSERT", [row.Id]) { UserIds = [w.OwnerUserId] });

            cut.WaitForAssertion(() => Assert.Equal("1", Badge(cut)));
            snackbars.WaitForAssertion(() => Assert.Contains("Ada assigned you a task", snackbars.Markup, StringComparison.Ordinal));
            Assert.Contains(snackbars.FindAll(".mud-snackbar button"), b => b.TextContent.Contains("Open", StringComparison.Ordinal));
        }
        finally
        {
            await hub.StopAsync(CancellationToken.None);
        }
    }
}
