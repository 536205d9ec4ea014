using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work.Tasks;

namespace GalaxyCo.Domain.Tests.Work.Tasks;

[Collection(PostgresCollection.Name)]
public sealed class TaskListServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly TaskHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task ListAsync_GroupedByStatus_RowsComeByGroupWithCountsAcrossPages()
    {
        var w = await db.CreateWorkspaceAsync("List Groups");
        await using var owner = await host.OwnerOfAsync(w);
        foreach (var (title, status) in new[] { ("a", WorkTaskStatus.Done), ("b", WorkTaskStatus.Todo), ("c", WorkTaskStatus.InProgress), ("d", WorkTaskStatus.Todo), ("e", WorkTaskStatus.Todo) })
            TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = title, Status = status }));

        var page = TaskAssert.Ok(await owner.List.ListAsync(new TaskQuery { GroupBy = TaskGrouping.Status, Sort = TaskSort.Title, PageSize = 2 }));

        Assert.Equal(5, page.Total);
        Assert.Equal(["b", "d"], page.Items.Select(r => r.Task.Title));
        Assert.All(page.Items, r => Assert.Equal("Todo", r.GroupKey));
        Assert.Equal([("Todo", "To do", 3), ("InProgress", "In progress", 1), ("Done", "Done", 1)], page.Groups.Select(g => (g.Key, g.Label, g.Count)));
        var second = TaskAssert.Ok(await owner.List.ListAsync(new TaskQuery { GroupBy = TaskGrouping.Status, Sort = TaskSort.Title, PageSize = 2, Page = 2 }));
        Assert.Equal(["e", "c"], second.Items.Select(r => r.Task.Title));
    }

    [Fact]
    public async Task ListAsync_Filters_NarrowTheList()
    {
        var w = await db.CreateWorkspaceAsync("List Filters");
        var anna = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var due = new DateTime(2026, 6, 20, 0, 0, 0, DateTimeKind.Utc);
        TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Call Acme about 100% deal", Priority = TaskPriority.High, AssignedTo = anna.UserId, DueDate = due, Tags = ["acme"] }));
        TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "Write report", Status = WorkTaskStatus.Done }));
        TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "call back", DueDate = due.AddDays(10) }));

        async Task<IEnumerable<string>> Titles(TaskQuery q) => TaskAssert.Ok(await owner.List.ListAsync(q with { Sort = TaskSort.Title })).Items.Select(r => r.Task.Title);

        Assert.Equal(["Call Acme about 100% deal", "call back"], await Titles(new TaskQuery { Search = "CALL" }));
        Assert.Equal(["Call Acme about 100% deal"], await Titles(new TaskQuery { Search = "100%" }));
        // A typed % is a literal character, not a wildcard.
        Assert.Equal(["Call Acme about 100% deal"], await Titles(new TaskQuery { Search = "%" }));
        Assert.Equal(["Write report"], await Titles(new TaskQuery { Statuses = [WorkTaskStatus.Done] }));
        Assert.Equal(["Call Acme about 100% deal"], await Titles(new TaskQuery { Priority = TaskPriority.High }));
        Assert.Equal(["Call Acme about 100% deal"], await Titles(new TaskQuery { AssignedTo = anna.UserId }));
        Assert.Equal(["Write report", "call back"], (await Titles(new TaskQuery { Unassigned = true })).Order(StringComparer.Ordinal));
        Assert.Equal(["call back"], await Titles(new TaskQuery { DueFrom = due.AddDays(1), DueBefore = due.AddDays(30) }));
        Assert.Equal(["Call Acme about 100% deal"], await Titles(new TaskQuery { Tag = "ACME" }));
    }

    [Fact]
    public async Task ListAsync_GroupedByDueAndAssignee_LabelsTheGroups()
    {
        var w = await db.CreateWorkspaceAsync("List Due");
        await using var owner = await host.OwnerOfAsync(w);
        var now = host.Clock.Now.UtcDateTime;
        TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "late", DueDate = now.AddDays(-3), AssignedTo = w.OwnerUserId }));
        TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "soon", DueDate = now.AddDays(3) }));
        TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = "whenever" }));

        var byDue = TaskAssert.Ok(await owner.List.ListAsync(new TaskQuery { GroupBy = TaskGrouping.Due }));
        var byAssignee = TaskAssert.Ok(await owner.List.ListAsync(new TaskQuery { GroupBy = TaskGrouping.Assignee }));

        Assert.Equal(["late", "soon", "whenever"], byDue.Items.Select(r => r.Task.Title));
        Assert.Equal([("Overdue", 1), ("ThisWeek", 1), ("NoDueDate", 1)], byDue.Groups.Select(g => (g.Key, g.Count)));
        Assert.Equal(["Overdue", "ThisWeek", "NoDueDate"], byDue.Items.Select(r => r.GroupKey));
        Assert.Equal([("List Due Owner", 1), ("Unassigned", 2)], byAssignee.Groups.Select(g => (g.Label, g.Count)));
    }
}
