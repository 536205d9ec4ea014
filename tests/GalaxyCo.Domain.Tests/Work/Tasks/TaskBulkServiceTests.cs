using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Work.Tasks;

[Collection(PostgresCollection.Name)]
public sealed class TaskBulkServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly TaskHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task SetStatusAsync_ToDoneAndBack_StampsAndClearsCompletedAt()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Status");
        await using var owner = await host.OwnerOfAsync(w);
        var a = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "A" }));
        var b = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "B", Status = WorkTaskStatus.InProgress }));

        var done = TaskAssert.Ok(await owner.Bulk.SetStatusAsync([a.Id, b.Id], WorkTaskStatus.Done));
        var doneA = TaskAssert.Ok(await owner.Tasks.GetAsync(a.Id));
        var doneB = TaskAssert.Ok(await owner.Tasks.GetAsync(b.Id));
        var reopened = TaskAssert.Ok(await owner.Bulk.SetStatusAsync([a.Id], WorkTaskStatus.Todo));

        Assert.Equal(2, done.Changed);
        Assert.Equal(host.Clock.Now.UtcDateTime, doneA.CompletedAt);
        Assert.Equal(host.Clock.Now.UtcDateTime, doneB.CompletedAt);
        Assert.NotEqual(doneA.BoardPosition, doneB.BoardPosition);
        Assert.Equal(1, reopened.Changed);
        Assert.Null(TaskAssert.Ok(await owner.Tasks.GetAsync(a.Id)).CompletedAt);
    }

    [Fact]
    public async Task AssignPriorityTagDelete_ChangeEverySelectedTask()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Many");
        var anna = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = $"T{i}", Tags = i == 0 ? ["acme"] : null })).Id);

        Assert.Equal(5, TaskAssert.Ok(await owner.Bulk.AssignAsync(ids, anna.UserId)).Changed);
        Assert.Equal(5, TaskAssert.Ok(await owner.Bulk.SetPriorityAsync(ids, TaskPriority.Urgent)).Changed);
        Assert.Equal(4, TaskAssert.Ok(await owner.Bulk.AddTagAsync(ids, " ACME ")).Changed);
        TaskAssert.InvalidField(await owner.Bulk.AddTagAsync(ids, "  "), "tag", "Type a tag");

        var tasks = await host.ReadAsync(w.Id, ctx => ctx.Tasks.ToListAsync());
        Assert.All(tasks, t => Assert.Equal((anna.UserId, TaskPriority.Urgent, "acme"), (t.AssignedTo!.Value, t.Priority, string.Join(",", t.Tags))));
        // Five tasks to one person: one summary notice, not five.
        var notice = Assert.Single(await host.ReadAsync(w.Id, ctx => ctx.Notifications.Where(n => n.UserId == anna.UserId).ToListAsync()));
        Assert.Contains("5 tasks", notice.Title, StringComparison.Ordinal);

        Assert.Equal(2, TaskAssert.Ok(await owner.Bulk.DeleteAsync(ids.Take(2).ToList())).Changed);
        Assert.Equal(3, await host.ReadAsync(w.Id, ctx => ctx.Tasks.CountAsync()));
    }

    [Fact]
    public async Task AnyAction_WithNoIds_IsInvalid()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Empty");
        await using var owner = await host.OwnerOfAsync(w);

        TaskAssert.InvalidField(await owner.Bulk.SetStatusAsync([], WorkTaskStatus.Done), "ids", "at least one");
    }
}
