using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Work.Tasks;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Work.Tasks;

[Collection(PostgresCollection.Name)]
public sealed class MyTasksViewTests(PostgresDatabase database)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    // Wednesday 2026-06-10, 15:00 UTC; the owner reads dates in UTC.
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    private static void Work(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().Build();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddMail(configuration);
        services.AddWork();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
    }

    private async Task<GalaxyBunitContext> EnterAsync(TestWorkspace w)
    {
        var ctx = new GalaxyBunitContext(database, w.OwnerUserId, w.OwnerEmail, Work);
        var entered = await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, w.OwnerUserId);
        Assert.True(entered.Succeeded, entered.Message);
        return ctx;
    }

    private async Task AddTaskAsync(TestWorkspace w, string title, DateTime? due, Guid? assignee)
    {
        await using var db = database.CreateContext(w.Tenant());
        db.Tasks.Add(new WorkTask { Title = title, DueDate = due, AssignedTo = assignee });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Render_ShowsMyOpenTasksInBuckets_AndRefreshesOnALiveChange()
    {
        var w = await database.CreateWorkspaceAsync("My Tasks View");
        await AddTaskAsync(w, "Send the late invoice", new DateTime(2026, 6, 8, 9, 0, 0, DateTimeKind.Utc), w.OwnerUserId);
        await AddTaskAsync(w, "Prepare the demo", new DateTime(2026, 6, 10, 17, 0, 0, DateTimeKind.Utc), w.OwnerUserId);
        await AddTaskAsync(w, "Someone else's", new DateTime(2026, 6, 10, 17, 0, 0, DateTimeKind.Utc), null);
        await using var ctx = await EnterAsync(w);

        var cut = ctx.Render<MyTasksView>();

        cut.WaitForAssertion(() => Assert.Equal("Send the late invoice", cut.Find("[data-testid=bucket-Overdue] [data-testid=task-title]").TextContent.Trim()));
        Assert.Equal("Prepare the demo", cut.Find("[data-testid=bucket-Today] [data-testid=task-title]").TextContent.Trim());
        Assert.Equal(2, cut.FindAll("[data-testid=task-title]").Count);
        Assert.Contains("2 open", cut.Find("[data-testid=my-tasks-total]").TextContent, StringComparison.Ordinal);

        await AddTaskAsync(w, "Arrived live", null, w.OwnerUserId);
        ctx.Services.GetRequiredService<ChangeFeed>().Publish(new DatabaseChange(w.Id, "Task", "INSERT", null));

        cut.WaitForAssertion(() => Assert.Equal("Arrived live", cut.Find("[data-testid=bucket-NoDueDate] [data-testid=task-title]").TextContent.Trim()));
    }

    [Fact]
    public async Task QuickAdd_CreatesATaskAssignedToMe_InTheRightBucket()
    {
        var w = await database.CreateWorkspaceAsync("My Tasks Quick Add");
        await using var ctx = await EnterAsync(w);
        var cut = ctx.Render<MyTasksView>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=my-tasks-empty]"));

        await cut.Find("[data-testid=quick-add-input]").InputAsync(new ChangeEventArgs { Value = "Write notes tomorrow 9am !urgent #board" });
        await cut.Find("[data-testid=quick-add-input]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Equal("Write notes", cut.Find("[data-testid=bucket-ThisWeek] [data-testid=task-title]").TextContent.Trim()));
        await using var db = database.CreateContext(w.Tenant());
        var task = await db.Tasks.SingleAsync();
        Assert.Equal((w.OwnerUserId, TaskPriority.Urgent, new DateTime(2026, 6, 11, 9, 0, 0, DateTimeKind.Utc)), (task.AssignedTo!.Value, task.Priority, task.DueDate!.Value));
        Assert.Equal(["board"], task.Tags);
    }

    [Fact]
    public async Task TickingATask_CompletesItAndItLeavesTheList()
    {
        var w = await database.CreateWorkspaceAsync("My Tasks Tick");
        await AddTaskAsync(w, "Tick me", null, w.OwnerUserId);
        await using var ctx = await EnterAsync(w);
        var cut = ctx.Render<MyTasksView>();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=task-done], [data-testid=task-done] input"));

        await cut.Find("input[data-testid=task-done], [data-testid=task-done] input").ChangeAsync(new ChangeEventArgs { Value = true });

        cut.WaitForAssertion(() => cut.Find("[data-testid=my-tasks-empty]"));
        await using var db = database.CreateContext(w.Tenant());
        var task = await db.Tasks.SingleAsync();
        Assert.Equal((WorkTaskStatus.Done, Now.UtcDateTime), (task.Status, task.CompletedAt!.Value));
    }
}
