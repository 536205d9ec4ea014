using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Work.Projects;
using GalaxyCo.Domain.Work.Board;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Work.Board;

[Collection(PostgresCollection.Name)]
public sealed class TaskBoardServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly ProjectsHost host = new(db);

    public void Dispose() => host.Dispose();

    /// <summary>Tasks named by the words of <paramref name="titles"/>, at the bottom of <paramref name="status"/>'s column in that order.</summary>
    private async Task<List<WorkTask>> TasksAsync(TestWorkspace w, string titles, WorkTaskStatus status = WorkTaskStatus.Todo, Guid? projectId = null, Guid? assignee = null)
    {
        await using var ctx = host.Context(w);
        var start = await ctx.Tasks.Where(t => t.StatusOrder == WorkTask.OrderOf(status)).MaxAsync(t => (double?)t.BoardPosition) ?? 0;
        var tasks = titles.Split(' ').Select((title, i) => new WorkTask
        {
            Title = title, Status = status, ProjectId = projectId, AssignedTo = assignee, BoardPosition = start + (i + 1) * TaskBoardService.Step,
            CompletedAt = status == WorkTaskStatus.Done ? DateTime.UtcNow.AddDays(-1) : null,
        }).ToList();
        ctx.Tasks.AddRange(tasks);
        await ctx.SaveChangesAsync();
        return tasks;
    }

    private static async Task<string> ColumnAsync(ProjectsActor actor, WorkTaskStatus status = WorkTaskStatus.Todo, TaskBoardFilter? filter = null) =>
        string.Join(' ', WorkAssert.Ok(await actor.Board.GetColumnAsync(status, filter ?? TaskBoardFilter.None, 0)).Cards.Select(c => c.Title));

    private async Task<Dictionary<Guid, uint>> VersionsAsync(TestWorkspace w) =>
        await host.ReadAsync(w, ctx => ctx.Tasks.ToDictionaryAsync(t => t.Id, t => t.Version));

    [Fact]
    public async Task GetBoardAsync_ReadsEveryStatusInOrder_WithCounts()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Read");
        await TasksAsync(w, "A B C");
        await TasksAsync(w, "D", WorkTaskStatus.InProgress);
        await TasksAsync(w, "E F", WorkTaskStatus.Done);
        await using var owner = await host.OwnerOfAsync(w);

        var board = WorkAssert.Ok(await owner.Board.GetBoardAsync(TaskBoardFilter.None, take: 2));

        Assert.Equal([WorkTaskStatus.Todo, WorkTaskStatus.InProgress, WorkTaskStatus.Done, WorkTaskStatus.Cancelled], board.Select(c => c.Status));
        Assert.Equal([3, 1, 2, 0], board.Select(c => c.Count));
        Assert.Equal(["A", "B"], board[0].Cards.Select(c => c.Title));
        var more = WorkAssert.Ok(await owner.Board.GetColumnAsync(WorkTaskStatus.Todo, TaskBoardFilter.None, skip: 2));
        Assert.Equal(["C"], more.Cards.Select(c => c.Title));
    }

    [Fact]
    public async Task GetBoardAsync_FilteredByProjectAndAssignee_ShowsOnlyThoseCards()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Filter");
        var project = await host.AddProjectAsync(w);
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await TasksAsync(w, "InProject", projectId: project.Id);
        await TasksAsync(w, "Mine", assignee: member.UserId);
        await TasksAsync(w, "Both", projectId: project.Id, assignee: member.UserId);
        await using var owner = await host.OwnerOfAsync(w);

        Assert.Equal("InProject Both", await ColumnAsync(owner, filter: new TaskBoardFilter(ProjectId: project.Id)));
        Assert.Equal("Mine Both", await ColumnAsync(owner, filter: new TaskBoardFilter(AssignedTo: member.UserId)));
        Assert.Equal("Both", await ColumnAsync(owner, filter: new TaskBoardFilter(project.Id, member.UserId)));
        var card = WorkAssert.Ok(await owner.Board.GetColumnAsync(WorkTaskStatus.Todo, new TaskBoardFilter(project.Id, member.UserId), 0)).Cards.Single();
        Assert.Equal((project.Name, member.UserId), (card.ProjectName, card.AssignedTo));
    }

    [Fact]
    public async Task MoveAsync_BetweenTwoCards_PutsItBetween_AndWritesOneRow()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Between");
        var t = await TasksAsync(w, "A B C D");
        await using var owner = await host.OwnerOfAsync(w);
        var before = await VersionsAsync(w);

        var moved = WorkAssert.Ok(await owner.Board.MoveAsync(t[3].Id, WorkTaskStatus.Todo, beforeId: t[1].Id, afterId: t[0].Id, t[3].Version));

        Assert.Equal("A D B C", await ColumnAsync(owner));
        Assert.True(moved.BoardPosition > t[0].BoardPosition && moved.BoardPosition < t[1].BoardPosition);
        var after = await VersionsAsync(w);
        Assert.Equal([t[3].Id], after.Where(v => before[v.Key] != v.Value).Select(v => v.Key));
        Assert.True(await host.ReadAsync(w, ctx => ctx.AuditLogs.AnyAsync(a => a.ResourceId == t[3].Id.ToString() && a.Action == "update")));
    }

    [Fact]
    public async Task MoveAsync_ToTopAndBottom_OneNeighbourGiven_LandsNextToIt()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Ends");
        var t = await TasksAsync(w, "A B C");
        await using var owner = await host.OwnerOfAsync(w);

        var c = WorkAssert.Ok(await owner.Board.MoveAsync(t[2].Id, WorkTaskStatus.Todo, beforeId: t[0].Id, afterId: null, t[2].Version));
        Assert.Equal("C A B", await ColumnAsync(owner));
        WorkAssert.Ok(await owner.Board.MoveAsync(c.Id, WorkTaskStatus.Todo, beforeId: null, afterId: null, c.Version));
        Assert.Equal("A B C", await ColumnAsync(owner));
        // After A, with B really below it: between them, not at the bottom.
        var fresh = WorkAssert.Ok(await owner.Board.GetCardsAsync([t[2].Id])).Single();
        WorkAssert.Ok(await owner.Board.MoveAsync(fresh.Id, WorkTaskStatus.Todo, beforeId: null, afterId: t[0].Id, fresh.Version));
        Assert.Equal("A C B", await ColumnAsync(owner));
    }

    [Fact]
    public async Task MoveAsync_ToDone_SetsCompletedAt_AndLeavingDoneClearsIt()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Done");
        var t = await TasksAsync(w, "A");
        await TasksAsync(w, "X", WorkTaskStatus.Done);
        await using var owner = await host.OwnerOfAsync(w);

        var done = WorkAssert.Ok(await owner.Board.MoveAsync(t[0].Id, WorkTaskStatus.Done, null, null, t[0].Version));
        Assert.Equal(host.Clock.Now.UtcDateTime, done.CompletedAt);
        Assert.Equal("X A", await ColumnAsync(owner, WorkTaskStatus.Done));

        var back = WorkAssert.Ok(await owner.Board.MoveAsync(t[0].Id, WorkTaskStatus.InProgress, null, null, done.Version));
        Assert.Null(back.CompletedAt);
        Assert.Equal(WorkTaskStatus.InProgress, await host.ReadAsync(w, ctx => ctx.Tasks.Where(x => x.Id == t[0].Id).Select(x => x.Status).SingleAsync()));
        Assert.Null(await host.ReadAsync(w, ctx => ctx.Tasks.Where(x => x.Id == t[0].Id).Select(x => x.CompletedAt).SingleAsync()));
    }

    [Fact]
    public async Task MoveAsync_WithinDone_KeepsWhenItWasFinished()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Done Order");
        var t = await TasksAsync(w, "A B", WorkTaskStatus.Done);
        await using var owner = await host.OwnerOfAsync(w);

        var moved = WorkAssert.Ok(await owner.Board.MoveAsync(t[1].Id, WorkTaskStatus.Done, beforeId: t[0].Id, afterId: null, t[1].Version));

        Assert.Equal(t[1].CompletedAt!.Value, moved.CompletedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal("B A", await ColumnAsync(owner, WorkTaskStatus.Done));
    }

    [Fact]
    public async Task MoveAsync_IntoAProject_UpdatesItsProgress()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Progress");
        var project = await host.AddProjectAsync(w);
        var t = await TasksAsync(w, "A B", projectId: project.Id);
        await using var owner = await host.OwnerOfAsync(w);

        WorkAssert.Ok(await owner.Board.MoveAsync(t[0].Id, WorkTaskStatus.Done, null, null, t[0].Version));
        WorkAssert.Ok(await owner.Board.MoveAsync(t[1].Id, WorkTaskStatus.Cancelled, null, null, t[1].Version));

        var c = await host.CountsAsync(w, project.Id);
        Assert.Equal((1, 1, 100), (c.Total, c.Done, c.Progress));
    }

    [Fact]
    public async Task MoveAsync_StaleVersion_ConflictsAndChangesNothing()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Conflict");
        var t = await TasksAsync(w, "A B");
        await using var owner = await host.OwnerOfAsync(w);
        WorkAssert.Ok(await owner.Board.MoveAsync(t[0].Id, WorkTaskStatus.InProgress, null, null, t[0].Version));

        var stale = await owner.Board.MoveAsync(t[0].Id, WorkTaskStatus.Done, null, null, t[0].Version);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Contains("where it really is", stale.Message, StringComparison.Ordinal);
        Assert.Equal(WorkTaskStatus.InProgress, WorkAssert.Ok(await owner.Board.GetCardsAsync([t[0].Id])).Single().Status);
    }

    [Fact]
    public async Task MoveAsync_NeighbourInAnotherColumn_IsInvalid()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Neighbour");
        var t = await TasksAsync(w, "A");
        var other = await TasksAsync(w, "B", WorkTaskStatus.Done);
        await using var owner = await host.OwnerOfAsync(w);

        var result = await owner.Board.MoveAsync(t[0].Id, WorkTaskStatus.InProgress, beforeId: other[0].Id, afterId: null, t[0].Version);

        WorkAssert.InvalidField(result, "beforeId", "no longer in this column");
    }

    [Fact]
    public async Task MoveAsync_ManyTimesIntoTheSameGap_RenumbersAndKeepsOrder()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Renumber");
        var t = await TasksAsync(w, "A B");
        await using var owner = await host.OwnerOfAsync(w);
        var movers = await TasksAsync(w, string.Join(' ', Enumerable.Range(0, 60).Select(i => $"M{i}")), WorkTaskStatus.InProgress);

        // Each one right after A: the gap halves every time, past a double's precision.
        foreach (var m in movers) WorkAssert.Ok(await owner.Board.MoveAsync(m.Id, WorkTaskStatus.Todo, beforeId: null, afterId: t[0].Id, m.Version));

        var expected = string.Join(' ', movers.AsEnumerable().Reverse().Select(m => m.Title).Prepend("A").Append("B"));
        var column = WorkAssert.Ok(await owner.Board.GetColumnAsync(WorkTaskStatus.Todo, TaskBoardFilter.None, 0, 200));
        Assert.Equal(expected, string.Join(' ', column.Cards.Select(c => c.Title)));
        Assert.Equal(column.Cards.Count, column.Cards.Select(c => c.BoardPosition).Distinct().Count());
    }

    [Fact]
    public async Task Tenancy_AnotherWorkspacesTask_IsNotFound()
    {
        var a = await db.CreateWorkspaceAsync("Task Board A");
        var b = await db.CreateWorkspaceAsync("Task Board B");
        var theirs = await TasksAsync(b, "Secret");
        var mine = await TasksAsync(a, "Mine");
        await using var owner = await host.OwnerOfAsync(a);

        Assert.Equal(ResultStatus.NotFound, (await owner.Board.MoveAsync(theirs[0].Id, WorkTaskStatus.Done, null, null, theirs[0].Version)).Status);
        Assert.Empty(WorkAssert.Ok(await owner.Board.GetCardsAsync([theirs[0].Id])));
        WorkAssert.InvalidField(await owner.Board.MoveAsync(mine[0].Id, WorkTaskStatus.Todo, beforeId: theirs[0].Id, afterId: null, mine[0].Version), "beforeId", "no longer");
        Assert.Equal("Mine", await ColumnAsync(owner));
        Assert.Equal(WorkTaskStatus.Todo, await host.ReadAsync(b, ctx => ctx.Tasks.Where(t => t.Id == theirs[0].Id).Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task Permissions_ViewerReadsButCannotMove()
    {
        var w = await db.CreateWorkspaceAsync("Task Board Viewer");
        var t = await TasksAsync(w, "A");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var actor = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Equal("A", await ColumnAsync(actor));
        var move = await actor.Board.MoveAsync(t[0].Id, WorkTaskStatus.Done, null, null, t[0].Version);

        Assert.Equal(ResultStatus.Forbidden, move.Status);
        Assert.Equal(WorkTaskStatus.Todo, await host.ReadAsync(w, ctx => ctx.Tasks.Where(x => x.Id == t[0].Id).Select(x => x.Status).SingleAsync()));
    }
}
