using GalaxyCo.Data;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Layout;
using GalaxyCo.Web.Components.Pages.Notifications;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Notifications;

/// <summary>The full notifications page on the real database: keyset "Load more", unread only, the keyboard, empty state.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationsPageTests(PostgresDatabase database)
{
    private static GalaxyBunitContext Context(PostgresDatabase database, TestWorkspace w) =>
        GalaxyBunitContext.ActingAs(database, w, s =>
        {
            s.AddSingleton<ChangeFeed>();
            s.AddSingleton<NotificationHub>();
            s.AddScoped<NotificationState>();
        });

    private async Task ArrangeAsync(TestWorkspace w, int count, int read = 0)
    {
        await using var db = database.CreateContext(w.Tenant());
        var now = DateTime.UtcNow;
        db.Notifications.AddRange(Enumerable.Range(0, count).Select(i => new Notification
        {
            UserId = w.OwnerUserId, Title = $"Note {i:00}", Type = NotificationType.Info, IsRead = i < read, CreatedAt = now.AddMinutes(-i),
        }));
        await db.SaveChangesAsync();
    }

    private static IRenderedComponent<NotificationsPage> Render(GalaxyBunitContext ctx, TestWorkspace w)
    {
        ctx.RenderProviders();
        return ctx.Render<NotificationsPage>(p => p.Add(x => x.Slug, w.Slug));
    }

    private static List<string> Titles(IRenderedComponent<NotificationsPage> cut) =>
        cut.FindAll("[data-testid=notification-title]").Select(t => t.TextContent.Trim()).ToList();

    [Fact]
    public async Task LoadMore_AppendsTheNextPage_UntilNoneAreLeft()
    {
        var w = await database.CreateWorkspaceAsync("Page More");
        await ArrangeAsync(w, 35);
        await using var ctx = Context(database, w);
        var cut = Render(ctx, w);
        cut.WaitForAssertion(() => Assert.Equal(30, Titles(cut).Count));

        cut.Find("[data-testid=notification-load-more]").Click();

        cut.WaitForAssertion(() => Assert.Equal(35, Titles(cut).Count));
        Assert.Equal(Enumerable.Range(0, 35).Select(i => $"Note {i:00}"), Titles(cut));
        Assert.Empty(cut.FindAll("[data-testid=notification-load-more]"));
        Assert.Contains("35 unread", cut.Find("[data-testid=notification-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadOnly_HidesReadOnes_AndShowsAnEmptyStateWhenNothingIsLeft()
    {
        var w = await database.CreateWorkspaceAsync("Page Unread");
        await ArrangeAsync(w, 3, read: 2);
        await using var ctx = Context(database, w);
        var cut = Render(ctx, w);
        cut.WaitForAssertion(() => Assert.Equal(3, Titles(cut).Count));

        cut.Find("input[data-testid=notification-unread-only], [data-testid=notification-unread-only] input").Change(true);
        cut.WaitForAssertion(() => Assert.Equal(["Note 02"], Titles(cut)));

        cut.Find("[data-testid=notification-mark-all]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Nothing unread", cut.Find("[data-testid=notification-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keyboard_JMovesDown_EMarksRead_DeleteDismisses()
    {
        var w = await database.CreateWorkspaceAsync("Page Keys");
        await ArrangeAsync(w, 3);
        await using var ctx = Context(database, w);
        var cut = Render(ctx, w);
        cut.WaitForAssertion(() => Assert.Equal(3, Titles(cut).Count));
        var list = () => cut.Find("[data-testid=notification-keyboard]");

        list().KeyDown(new KeyboardEventArgs { Key = "j" });
        list().KeyDown(new KeyboardEventArgs { Key = "j" });
        cut.WaitForAssertion(() => Assert.Equal("Note 01", cut.Find("[aria-current=true] [data-testid=notification-title]").TextContent.Trim()));
        list().KeyDown(new KeyboardEventArgs { Key = "e" });
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[aria-current=true]").GetAttribute("data-read")));
        list().KeyDown(new KeyboardEventArgs { Key = "Delete" });
        cut.WaitForAssertion(() => Assert.Equal(["Note 00", "Note 02"], Titles(cut)));

        await using var db = database.CreateContext(w.Tenant());
        var second = await db.Notifications.SingleAsync(n => n.Title == "Note 01");
        Assert.True(second.IsRead);
        Assert.True(second.IsDismissed);
    }
}
