using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work.Projects;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Work.Projects;

[Collection(PostgresCollection.Name)]
public sealed class ProjectServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly ProjectsHost host = new(db);

    public void Dispose() => host.Dispose();

    private async Task<Customer> CustomerAsync(TestWorkspace w, string name = "Acme")
    {
        await using var ctx = host.Context(w);
        var customer = new Customer { Name = name };
        ctx.Customers.Add(customer);
        await ctx.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task CreateAsync_ValidInput_SavesAndAudits()
    {
        var w = await db.CreateWorkspaceAsync("Projects Create");
        var customer = await CustomerAsync(w);
        await using var owner = await host.OwnerOfAsync(w);

        var created = WorkAssert.Ok(await owner.Projects.CreateAsync(new ProjectInput
        {
            Name = "  Website  ", Status = ProjectStatus.InProgress, CustomerId = customer.Id, ManagerId = w.OwnerUserId,
            StartDate = new DateTime(2026, 6, 1), EndDate = new DateTime(2026, 7, 1), Budget = 5_000_00, ActualCost = 1_000_00, Tags = ["Client"],
        }));

        Assert.Equal(("Website", "Acme", 0, 0, 0), (created.Name, created.CustomerName, created.TotalTasks, created.CompletedTasks, created.Progress));
        Assert.Equal(DateTimeKind.Utc, created.StartDate!.Value.Kind);
        Assert.Equal(["client"], created.Tags);
        Assert.True(await host.ReadAsync(w, ctx => ctx.AuditLogs.AnyAsync(a => a.ResourceId == created.Id.ToString() && a.Action == "create")));
    }

    [Fact]
    public async Task CreateAsync_BadInput_ReportsEachField()
    {
        var w = await db.CreateWorkspaceAsync("Projects Invalid");
        var other = await db.CreateWorkspaceAsync("Projects Invalid Other");
        var theirCustomer = await CustomerAsync(other, "Theirs");
        await using var owner = await host.OwnerOfAsync(w);

        var result = await owner.Projects.CreateAsync(new ProjectInput
        {
            Name = " ", StartDate = new DateTime(2026, 6, 2, 0, 0, 0, DateTimeKind.Utc), EndDate = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc),
            Budget = -1, CustomerId = theirCustomer.Id, ManagerId = other.OwnerUserId,
        });

        WorkAssert.InvalidField(result, "name", "name");
        WorkAssert.InvalidField(result, "endDate", "before the start");
        WorkAssert.InvalidField(result, "budget", "zero or more");
        WorkAssert.InvalidField(result, "customerId", "this workspace");
        WorkAssert.InvalidField(result, "managerId", "member");
        Assert.False(await host.ReadAsync(w, ctx => ctx.Projects.AnyAsync()));
    }

    [Fact]
    public async Task ListAsync_FiltersSearchesSortsAndPages()
    {
        var w = await db.CreateWorkspaceAsync("Projects List");
        var acme = await CustomerAsync(w);
        var manager = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        foreach (var (name, status, budget) in new[] { ("Apollo rollout", ProjectStatus.InProgress, 300L), ("Beacon", ProjectStatus.Planning, 100L), ("Comet rollout", ProjectStatus.InProgress, 200L), ("Delta", ProjectStatus.Completed, 400L) })
        {
            WorkAssert.Ok(await owner.Projects.CreateAsync(new ProjectInput
            {
                Name = name, Status = status, Budget = budget, CustomerId = name.StartsWith('C') ? acme.Id : null,
                ManagerId = name.StartsWith('B') ? manager.UserId : w.OwnerUserId,
            }));
        }

        static string Names(ProjectPage page) => string.Join(", ", page.Items.Select(p => p.Name));
        Assert.Equal("Apollo rollout, Comet rollout", Names(WorkAssert.Ok(await owner.Projects.ListAsync(new ProjectQuery { Status = ProjectStatus.InProgress }))));
        Assert.Equal("Comet rollout", Names(WorkAssert.Ok(await owner.Projects.ListAsync(new ProjectQuery { CustomerId = acme.Id }))));
        Assert.Equal("Beacon", Names(WorkAssert.Ok(await owner.Projects.ListAsync(new ProjectQuery { ManagerId = manager.UserId }))));
        Assert.Equal("Apollo rollout, Comet rollout", Names(WorkAssert.Ok(await owner.Projects.ListAsync(new ProjectQuery { Search = "ROLL" }))));
        Assert.Empty(WorkAssert.Ok(await owner.Projects.ListAsync(new ProjectQuery { Search = "%" })).Items);
        var page = WorkAssert.Ok(await owner.Projects.ListAsync(new ProjectQuery { Sort = ProjectSort.Budget, Direction = SortDirection.Descending, Page = 2, PageSize = 2 }));
        Assert.Equal(("Comet rollout, Beacon", 4, 2), (Names(page), page.Total, page.PageNumber));
        Assert.Equal("Acme", WorkAssert.Ok(await owner.Projects.ListAsync(new ProjectQuery { CustomerId = acme.Id })).Items.Single().CustomerName);
    }

    [Fact]
    public async Task GetDetailsAsync_CountsOverdueTasks_AndListsUpcomingEvents()
    {
        var w = await db.CreateWorkspaceAsync("Projects Details");
        var project = await host.AddProjectAsync(w);
        var now = host.Clock.Now.UtcDateTime;
        await using (var ctx = host.Context(w))
        {
            ctx.Tasks.AddRange(
                new WorkTask { Title = "Late", ProjectId = project.Id, DueDate = now.AddDays(-1) },
                new WorkTask { Title = "Soon", ProjectId = project.Id, DueDate = now.AddDays(1), Status = WorkTaskStatus.InProgress },
                new WorkTask { Title = "Done late", ProjectId = project.Id, DueDate = now.AddDays(-3), Status = WorkTaskStatus.Done, CompletedAt = now.AddDays(-2) });
            ctx.CalendarEvents.AddRange(
                new CalendarEvent { Title = "Past", ProjectId = project.Id, StartTime = now.AddDays(-1), EndTime = now.AddDays(-1).AddHours(1), OccursUntil = now.AddDays(-1).AddHours(1) },
                new CalendarEvent { Title = "Review", ProjectId = project.Id, StartTime = now.AddDays(2), EndTime = now.AddDays(2).AddHours(1), OccursUntil = now.AddDays(2).AddHours(1) });
            await ctx.SaveChangesAsync();
        }
        await using var owner = await host.OwnerOfAsync(w);

        var details = WorkAssert.Ok(await owner.Projects.GetDetailsAsync(project.Id));

        Assert.Equal((2, 1), (details.OpenTasks, details.OverdueTasks));
        Assert.Equal(["Review"], details.UpcomingEvents.Select(e => e.Title));
        Assert.Equal((3, 1, 33), (details.Project.TotalTasks, details.Project.CompletedTasks, details.Project.Progress));
        Assert.Equal(["Late", "Soon"], WorkAssert.Ok(await owner.Projects.ListTasksAsync(project.Id, open: true)).Select(t => t.Title));
        Assert.Equal(["Done late"], WorkAssert.Ok(await owner.Projects.ListTasksAsync(project.Id, open: false)).Select(t => t.Title));
    }

    [Fact]
    public async Task UpdateAsync_AfterATaskChangedTheRow_SavesWithoutAFalseConflict()
    {
        var w = await db.CreateWorkspaceAsync("Projects Trigger Version");
        await using var owner = await host.OwnerOfAsync(w);
        var loaded = WorkAssert.Ok(await owner.Projects.CreateAsync(new ProjectInput { Name = "Apollo" }));
        // A task of the project changes: the trigger rewrites the project row (new xmin).
        await host.AddTasksAsync(w, loaded.Id, WorkTaskStatus.Done);
        Assert.NotEqual(loaded.Version, await host.ReadAsync(w, ctx => ctx.Projects.Where(p => p.Id == loaded.Id).Select(p => p.Version).SingleAsync()));

        var saved = WorkAssert.Ok(await owner.Projects.UpdateAsync(loaded.Id, loaded.ToInput() with { Name = "Apollo 2" }, loaded));

        Assert.Equal(("Apollo 2", 1, 100), (saved.Name, saved.TotalTasks, saved.Progress));
    }

    [Fact]
    public async Task UpdateAsync_SomeoneElseEditedIt_Conflicts()
    {
        var w = await db.CreateWorkspaceAsync("Projects Real Conflict");
        await using var owner = await host.OwnerOfAsync(w);
        var loaded = WorkAssert.Ok(await owner.Projects.CreateAsync(new ProjectInput { Name = "Apollo", Budget = 100 }));
        WorkAssert.Ok(await owner.Projects.UpdateAsync(loaded.Id, loaded.ToInput() with { Budget = 200 }, loaded));

        var stale = await owner.Projects.UpdateAsync(loaded.Id, loaded.ToInput() with { Name = "Mine" }, loaded);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Equal(("Apollo", 200L), await host.ReadAsync(w, ctx => ctx.Projects.Where(p => p.Id == loaded.Id).Select(p => new ValueTuple<string, long>(p.Name, p.Budget!.Value)).SingleAsync()));
    }

    [Fact]
    public async Task DeleteAsync_KeepsItsTasksUnlinked()
    {
        var w = await db.CreateWorkspaceAsync("Projects Delete");
        var project = await host.AddProjectAsync(w);
        var tasks = await host.AddTasksAsync(w, project.Id, WorkTaskStatus.Todo, WorkTaskStatus.Done);
        await using var owner = await host.OwnerOfAsync(w);

        Assert.True((await owner.Projects.DeleteAsync(project.Id)).Succeeded);

        Assert.Equal(ResultStatus.NotFound, (await owner.Projects.GetAsync(project.Id)).Status);
        var left = await host.ReadAsync(w, ctx => ctx.Tasks.Where(t => tasks.Select(x => x.Id).Contains(t.Id)).Select(t => t.ProjectId).ToListAsync());
        Assert.Equal([null, null], left);
        Assert.True(await host.ReadAsync(w, ctx => ctx.AuditLogs.AnyAsync(a => a.ResourceId == project.Id.ToString() && a.Action == "delete")));
    }

    [Fact]
    public async Task Tenancy_AnotherWorkspacesProject_IsNotFoundEverywhere()
    {
        var a = await db.CreateWorkspaceAsync("Projects Tenancy A");
        var b = await db.CreateWorkspaceAsync("Projects Tenancy B");
        var theirs = await host.AddProjectAsync(b, "Secret");
        await using var owner = await host.OwnerOfAsync(a);
        await using var them = await host.OwnerOfAsync(b);
        var view = WorkAssert.Ok(await them.Projects.GetAsync(theirs.Id));

        Assert.Equal(ResultStatus.NotFound, (await owner.Projects.GetAsync(theirs.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Projects.GetDetailsAsync(theirs.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Projects.ListTasksAsync(theirs.Id, open: true)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Projects.UpdateAsync(theirs.Id, view.ToInput() with { Name = "Hacked" }, view)).Status);
        Assert.Equal(ResultStatus.NotFound, (await owner.Projects.DeleteAsync(theirs.Id)).Status);
        Assert.Empty(WorkAssert.Ok(await owner.Projects.ListAsync(new ProjectQuery())).Items);
        Assert.Equal("Secret", WorkAssert.Ok(await them.Projects.GetAsync(theirs.Id)).Name);
    }

    [Fact]
    public async Task Permissions_Viewer_ReadsButCannotWrite()
    {
        var w = await db.CreateWorkspaceAsync("Projects Permissions");
        var project = await host.AddProjectAsync(w);
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var actor = await host.ActAsync(w.Slug, viewer.UserId);
        var view = WorkAssert.Ok(await actor.Projects.GetAsync(project.Id));

        Assert.Equal(ResultStatus.Forbidden, (await actor.Projects.CreateAsync(new ProjectInput { Name = "New" })).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Projects.UpdateAsync(project.Id, view.ToInput() with { Name = "X" }, view)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Projects.DeleteAsync(project.Id)).Status);
        Assert.Equal("Apollo", WorkAssert.Ok(await actor.Projects.GetAsync(project.Id)).Name);
    }
}
