using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work.Tasks;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Work.Tasks;

[Collection(PostgresCollection.Name)]
public sealed class TaskServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly TaskHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task CreateAsync_AsDone_StampsCompletedAtAndEndsItsColumn()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Create");
        await using var owner = await host.OwnerOfAsync(w);

        var first = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "First" }));
        var second = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Second", Tags = ["Acme", "acme "] }));
        var done = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Done already", Status = WorkTaskStatus.Done }));

        Assert.True(second.BoardPosition > first.BoardPosition);
        Assert.Null(first.CompletedAt);
        Assert.Equal(host.Clock.Now.UtcDateTime, done.CompletedAt);
        Assert.Equal(["acme"], second.Tags);
        Assert.Equal(w.OwnerUserId, first.CreatedBy);
        var audit = await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.CountAsync(a => a.ResourceType == "task" && a.Action == "create"));
        Assert.Equal(3, audit);
    }

    [Fact]
    public async Task UpdateAsync_StatusInAndOutOfDone_SetsAndClearsCompletedAt()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Completed");
        await using var owner = await host.OwnerOfAsync(w);
        var task = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Ship it" }));
        var finishedAt = host.Clock.Now;

        var done = TaskAssert.Ok(await owner.Tasks.UpdateAsync(task.Id, TaskInput.From(task) with { Status = WorkTaskStatus.Done }, task.Version));
        host.Clock.Now = finishedAt.AddHours(2);
        var edited = TaskAssert.Ok(await owner.Tasks.UpdateAsync(done.Id, TaskInput.From(done) with { Title = "Shipped it" }, done.Version));
        var reopened = TaskAssert.Ok(await owner.Tasks.UpdateAsync(done.Id, TaskInput.From(edited) with { Status = WorkTaskStatus.InProgress }, edited.Version));
        var cancelled = TaskAssert.Ok(await owner.Tasks.UpdateAsync(done.Id, TaskInput.From(reopened) with { Status = WorkTaskStatus.Cancelled }, reopened.Version));

        Assert.Equal(finishedAt.UtcDateTime, done.CompletedAt);
        Assert.Equal(finishedAt.UtcDateTime, edited.CompletedAt);
        Assert.Null(reopened.CompletedAt);
        Assert.Null(cancelled.CompletedAt);
    }

    [Fact]
    public async Task SetCompletedAsync_TogglesDoneAndBack()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Toggle");
        await using var owner = await host.OwnerOfAsync(w);
        var task = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Toggle me", Status = WorkTaskStatus.InProgress }));

        var done = TaskAssert.Ok(await owner.Tasks.SetCompletedAsync(task.Id, true, task.Version));
        var open = TaskAssert.Ok(await owner.Tasks.SetCompletedAsync(task.Id, false, done.Version));

        Assert.Equal(WorkTaskStatus.Done, done.Status);
        Assert.NotNull(done.CompletedAt);
        Assert.Equal(WorkTaskStatus.Todo, open.Status);
        Assert.Null(open.CompletedAt);
    }

    [Fact]
    public async Task UpdateAsync_ChangingStatus_MovesToEndOfNewColumn()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Column");
        await using var owner = await host.OwnerOfAsync(w);
        var there = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Already in progress", Status = WorkTaskStatus.InProgress }));
        var task = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Moves" }));

        var moved = TaskAssert.Ok(await owner.Tasks.UpdateAsync(task.Id, TaskInput.From(task) with { Status = WorkTaskStatus.InProgress }, task.Version));

        Assert.True(moved.BoardPosition > there.BoardPosition);
    }

    [Theory]
    [InlineData("title", "Give the task a title")]
    [InlineData("startDate", "on or before the due date")]
    [InlineData("tags", "at most 20 tags")]
    [InlineData("assignedTo", "member of this workspace")]
    public async Task CreateAsync_InvalidField_ReturnsMessageForThatField(string field, string message)
    {
        var w = await db.CreateWorkspaceAsync("Tasks Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        var due = new DateTime(2026, 6, 12, 0, 0, 0, DateTimeKind.Utc);
        var valid = new TaskInput { Title = "Valid" };
        var input = field switch
        {
            "title" => valid with { Title = "  " },
            "startDate" => valid with { DueDate = due, StartDate = due.AddDays(1) },
            "tags" => valid with { Tags = Enumerable.Range(0, 21).Select(i => $"t{i}").ToList() },
            _ => valid with { AssignedTo = Guid.NewGuid() },
        };

        TaskAssert.InvalidField(await owner.Tasks.CreateAsync(input), field, message);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Tasks.CountAsync()));
    }

    [Fact]
    public async Task UpdateAsync_AssigningMemberOfAnotherWorkspace_IsRefused()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Assign Here");
        var other = await db.CreateWorkspaceAsync("Tasks Assign There");
        var stranger = await db.AddMemberAsync(other, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var task = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Mine" }));

        TaskAssert.InvalidField(await owner.Tasks.UpdateAsync(task.Id, TaskInput.From(task) with { AssignedTo = stranger.UserId }, task.Version), "assignedTo", "member");
        TaskAssert.InvalidField(await owner.Bulk.AssignAsync([task.Id], stranger.UserId), "assignedTo", "member");
        Assert.Null((await owner.Tasks.GetAsync(task.Id)).Value!.AssignedTo);
    }

    [Fact]
    public async Task CreateAsync_ProjectOrCustomerOfAnotherWorkspace_IsFieldError()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var owner = await host.OwnerOfAsync(a.Workspace);

        TaskAssert.InvalidField(await owner.Tasks.CreateAsync(new TaskInput { Title = "X", ProjectId = b.Rows.ProjectId }), "projectId", "this workspace");
        TaskAssert.InvalidField(await owner.Tasks.CreateAsync(new TaskInput { Title = "X", CustomerId = b.Rows.CustomerId }), "customerId", "this workspace");
        var linked = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Linked", ProjectId = a.Rows.ProjectId, CustomerId = a.Rows.CustomerId }));
        Assert.Equal("Workspace A Project", linked.ProjectName);
        Assert.Equal("Workspace A Customer", linked.CustomerName);
    }

    [Fact]
    public async Task UpdateAsync_WithStaleVersion_ReturnsConflictAndKeepsTheOtherEdit()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Conflict");
        await using var owner = await host.OwnerOfAsync(w);
        var task = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Original" }));
        TaskAssert.Ok(await owner.Tasks.UpdateAsync(task.Id, TaskInput.From(task) with { Title = "First edit" }, task.Version));

        var stale = await owner.Tasks.UpdateAsync(task.Id, TaskInput.From(task) with { Title = "Second edit" }, task.Version);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Contains("Someone else changed this task", stale.Message, StringComparison.Ordinal);
        Assert.Equal("First edit", (await owner.Tasks.GetAsync(task.Id)).Value!.Title);
    }

    [Fact]
    public async Task AnotherWorkspacesTask_AnswersNotFoundEverywhereAndStaysUnchanged()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var owner = await host.OwnerOfAsync(a.Workspace);
        var theirs = b.Rows.TaskId;

        Assert.Equal(ResultStatus.NotFound, (await owner.Tasks.GetAsync(theirs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Tasks.UpdateAsync(theirs, new TaskInput { Title = "Hijack" }, 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Tasks.SetCompletedAsync(theirs, true, 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Tasks.DeleteAsync(theirs)).Status);
        foreach (var bulk in new[]
        {
            await owner.Bulk.SetStatusAsync([theirs], WorkTaskStatus.Done),
            await owner.Bulk.SetPriorityAsync([theirs], TaskPriority.Urgent),
            await owner.Bulk.AssignAsync([theirs], null),
            await owner.Bulk.AddTagAsync([theirs], "hijacked"),
            await owner.Bulk.DeleteAsync([theirs]),
        })
        {
            var outcome = TaskAssert.Ok(bulk);
            Assert.Equal(0, outcome.Changed);
            Assert.Equal([theirs], outcome.NotFound);
        }
        var list = TaskAssert.Ok(await owner.List.ListAsync(new TaskQuery()));
        Assert.DoesNotContain(list.Items, r => r.Task.Id == theirs);

        var untouched = await host.ReadAsync(b.Id, ctx => ctx.Tasks.SingleAsync(t => t.Id == theirs));
        Assert.Equal("Workspace B Task", untouched.Title);
        Assert.Equal(WorkTaskStatus.Todo, untouched.Status);
        Assert.Empty(untouched.Tags);
        Assert.Equal(b.Workspace.OwnerUserId, untouched.AssignedTo);
    }

    [Fact]
    public async Task Writes_AsViewer_AreForbidden()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var task = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Owner's" }));
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.True((await reader.Tasks.GetAsync(task.Id)).Succeeded);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Tasks.CreateAsync(new TaskInput { Title = "Nope" })).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Tasks.UpdateAsync(task.Id, TaskInput.From(task), task.Version)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Tasks.DeleteAsync(task.Id)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Bulk.SetStatusAsync([task.Id], WorkTaskStatus.Done)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Bulk.DeleteAsync([task.Id])).Status);
    }

    [Fact]
    public async Task UpdateAsync_AssigningSomeoneElse_NotifiesThemOnce()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Notify");
        var anna = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var task = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Call Bob", AssignedTo = w.OwnerUserId }));

        var assigned = TaskAssert.Ok(await owner.Tasks.UpdateAsync(task.Id, TaskInput.From(task) with { AssignedTo = anna.UserId }, task.Version));
        TaskAssert.Ok(await owner.Tasks.UpdateAsync(task.Id, TaskInput.From(assigned) with { Title = "Call Bob again" }, assigned.Version));

        var notices = await host.ReadAsync(w.Id, ctx => ctx.Notifications.Where(n => n.Type == NotificationType.Assignment).ToListAsync());
        var notice = Assert.Single(notices);
        Assert.Equal(anna.UserId, notice.UserId);
        Assert.Equal("Call Bob", notice.Message);
        Assert.Equal($"/w/{w.Slug}/work/tasks/{task.Id}", notice.ActionUrl);
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheTaskAndAuditsIt()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Delete");
        await using var owner = await host.OwnerOfAsync(w);
        var task = TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Gone soon" }));

        Assert.True((await owner.Tasks.DeleteAsync(task.Id)).Succeeded);

        Assert.Equal(ResultStatus.NotFound, (await owner.Tasks.GetAsync(task.Id)).Status);
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.CountAsync(a => a.ResourceType == "task" && a.Action == "delete" && a.ResourceId == task.Id.ToString())));
    }

    [Fact]
    public async Task QuickAddAsync_CreatesTheParsedTask()
    {
        var w = await db.CreateWorkspaceAsync("Tasks Quick");
        var anna = await db.AddMemberAsync(w, UserRole.Member, email: $"anna-{Guid.NewGuid():N}@quick.test");
        await host.SetTimeZoneAsync(w, w.OwnerUserId, "America/Chicago");
        await using var owner = await host.OwnerOfAsync(w);
        var handle = anna.Email.Split('@')[0];

        var task = TaskAssert.Ok(await owner.Tasks.QuickAddAsync($"Call Bob tomorrow 3pm !high @{handle} #acme"));

        Assert.Equal("Call Bob", task.Title);
        Assert.Equal(TaskPriority.High, task.Priority);
        Assert.Equal(anna.UserId, task.AssignedTo);
        Assert.Equal(["acme"], task.Tags);
        // 2026-06-10 15:00 UTC is 10:00 in Chicago (CDT, UTC-5): tomorrow 3pm there is 20:00 UTC.
        Assert.Equal(new DateTime(2026, 6, 11, 20, 0, 0, DateTimeKind.Utc), task.DueDate);
        TaskAssert.InvalidField(await owner.Tasks.QuickAddAsync("Call @nobody-here"), "assignedTo", "No member matches");
    }
}
