using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Work.Attachments;
using GalaxyCo.Domain.Work.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Work.Reminders;

[Collection(PostgresCollection.Name)]
public sealed class TaskDueSoonJobTests(PostgresDatabase db) : IDisposable
{
    private readonly WorkTestHost host = new(db);

    public void Dispose() => host.Dispose();

    private DateTime Now => host.Clock.GetUtcNow().UtcDateTime;

    private async Task<int> RunJobAsync()
    {
        await using var scope = host.JobScope();
        return await scope.ServiceProvider.GetRequiredService<TaskDueSoonJob>().RunAsync();
    }

    private Task<List<GalaxyCo.Data.Notifications.Notification>> NoticesAsync(TestWorkspace w, Guid taskId) =>
        host.ReadAsync(w.Id, ctx => ctx.Notifications.AsNoTracking()
            .Where(n => n.Type == NotificationType.Reminder && n.ActionUrl == $"/w/{w.Slug}/work/tasks/{taskId}")
            .ToListAsync());

    [Fact]
    public async Task RunAsync_OpenTaskDueWithinWindow_NotifiesAssigneeOnce()
    {
        var w = await db.CreateWorkspaceAsync("Due Soon Once");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        var task = await host.AddTaskAsync(w, t => { t.Title = "Send the quote"; t.AssignedTo = member.UserId; t.DueDate = Now.AddHours(3); });

        await RunJobAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await RunJobAsync();

        var notice = Assert.Single(await NoticesAsync(w, task.Id));
        Assert.Equal(member.UserId, notice.UserId);
        Assert.Equal("Due soon: Send the quote", notice.Title);
        Assert.Contains("in about 3 hours", notice.Message, StringComparison.Ordinal);
        Assert.Equal(task.Id.ToString(), notice.Metadata["task_id"]);
        var stored = await host.ReadAsync(w.Id, ctx => ctx.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));
        Assert.Equal(task.DueDate, stored.DueReminderSentFor);
    }

    [Fact]
    public async Task RunAsync_DueDateChangedAfterNotice_NotifiesAgain()
    {
        var w = await db.CreateWorkspaceAsync("Due Soon Moved");
        var task = await host.AddTaskAsync(w, t => { t.AssignedTo = w.OwnerUserId; t.DueDate = Now.AddHours(2); });
        await RunJobAsync();

        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            var tracked = await ctx.Tasks.SingleAsync(t => t.Id == task.Id);
            tracked.DueDate = Now.AddHours(20);
            await ctx.SaveChangesAsync();
        }
        await RunJobAsync();
        await RunJobAsync();

        Assert.Equal(2, (await NoticesAsync(w, task.Id)).Count);
    }

    [Fact]
    public async Task RunAsync_DueLaterThanWindow_WaitsUntilItEnters()
    {
        var w = await db.CreateWorkspaceAsync("Due Soon Later");
        var task = await host.AddTaskAsync(w, t => { t.AssignedTo = w.OwnerUserId; t.DueDate = Now.AddHours(30); });

        await RunJobAsync();
        Assert.Empty(await NoticesAsync(w, task.Id));

        host.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(5));
        await RunJobAsync();
        Assert.Single(await NoticesAsync(w, task.Id));
    }

    [Theory]
    [InlineData(WorkTaskStatus.Done)]
    [InlineData(WorkTaskStatus.Cancelled)]
    public async Task RunAsync_ClosedTask_NeverNotified(WorkTaskStatus status)
    {
        var w = await db.CreateWorkspaceAsync("Due Soon Closed");
        var task = await host.AddTaskAsync(w, t => { t.AssignedTo = w.OwnerUserId; t.DueDate = Now.AddHours(1); t.Status = status; });

        await RunJobAsync();

        Assert.Empty(await NoticesAsync(w, task.Id));
    }

    [Fact]
    public async Task RunAsync_UnassignedOrOverdueTask_NotNotified()
    {
        var w = await db.CreateWorkspaceAsync("Due Soon Skips");
        var unassigned = await host.AddTaskAsync(w, t => t.DueDate = Now.AddHours(1));
        var overdue = await host.AddTaskAsync(w, t => { t.AssignedTo = w.OwnerUserId; t.DueDate = Now.AddHours(-1); });

        await RunJobAsync();

        Assert.Empty(await NoticesAsync(w, unassigned.Id));
        Assert.Empty(await NoticesAsync(w, overdue.Id));
    }

    [Fact]
    public async Task RunAsync_TwoWorkspaces_EachNoticeStaysInItsWorkspace()
    {
        var a = await db.CreateWorkspaceAsync("Due Soon A");
        var b = await db.CreateWorkspaceAsync("Due Soon B");
        var taskA = await host.AddTaskAsync(a, t => { t.AssignedTo = a.OwnerUserId; t.DueDate = Now.AddHours(4); });
        var taskB = await host.AddTaskAsync(b, t => { t.AssignedTo = b.OwnerUserId; t.DueDate = Now.AddHours(5); });

        await RunJobAsync();

        var inA = await host.ReadAsync(a.Id, ctx => ctx.Notifications.AsNoTracking().Where(n => n.Type == NotificationType.Reminder).ToListAsync());
        var inB = await host.ReadAsync(b.Id, ctx => ctx.Notifications.AsNoTracking().Where(n => n.Type == NotificationType.Reminder).ToListAsync());
        Assert.Equal(a.OwnerUserId, Assert.Single(inA).UserId);
        Assert.Equal(taskA.Id.ToString(), inA[0].Metadata["task_id"]);
        Assert.Equal(b.OwnerUserId, Assert.Single(inB).UserId);
        Assert.Equal(taskB.Id.ToString(), inB[0].Metadata["task_id"]);
        Assert.StartsWith($"/w/{b.Slug}/", inB[0].ActionUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwoNodesAtOnce_NotifyOnce()
    {
        var w = await db.CreateWorkspaceAsync("Due Soon Nodes");
        var tasks = new List<WorkTask>();
        for (var i = 0; i < 5; i++)
            tasks.Add(await host.AddTaskAsync(w, t => { t.AssignedTo = w.OwnerUserId; t.DueDate = Now.AddHours(1 + i); }));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(RunJobAsync)));

        foreach (var task in tasks) Assert.Single(await NoticesAsync(w, task.Id));
    }
}
