using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Home;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Home;

[Collection(PostgresCollection.Name)]
public sealed class WorkspaceFiguresServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly DomainHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task GetAsync_CountsOnlyTheCurrentWorkspace_WithEachRule()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        var now = DateTime.UtcNow;
        await using (var ctx = db.CreateContext(a.Tenant()))
        {
            ctx.Prospects.AddRange(
                new Prospect { Name = "Open", Stage = ProspectStage.Proposal, EstimatedValue = 250_00 },
                new Prospect { Name = "Won", Stage = ProspectStage.Won, EstimatedValue = 999_00 },
                new Prospect { Name = "Lost", Stage = ProspectStage.Lost, EstimatedValue = 999_00 });
            ctx.Tasks.AddRange(
                new WorkTask { Title = "late", Status = WorkTaskStatus.InProgress, DueDate = now.AddDays(-2) },
                new WorkTask { Title = "done late", Status = WorkTaskStatus.Done, DueDate = now.AddDays(-2) },
                new WorkTask { Title = "later", Status = WorkTaskStatus.Todo, DueDate = now.AddDays(5) });
            await ctx.SaveChangesAsync();
        }

        await using var scope = await host.ActAsync(a.Workspace.Slug, a.Workspace.OwnerUserId);
        var figures = await scope.ServiceProvider.GetRequiredService<WorkspaceFiguresService>().GetAsync();

        Assert.NotNull(figures);
        // The fixture seeds one qualified prospect without a value, one open task, one customer, one contact,
        // one sent invoice of $100 with $25 paid, one active agent, one knowledge item, one unread notification and tomorrow's meeting.
        Assert.Equal(2, figures.OpenProspects);
        Assert.Equal(250_00, figures.PipelineValueCents);
        Assert.Equal(3, figures.OpenTasks);
        Assert.Equal(1, figures.OverdueTasks);
        Assert.Equal(1, figures.Customers);
        Assert.Equal(1, figures.Contacts);
        Assert.Equal(7_500, figures.OutstandingInvoiceCents);
        Assert.Equal(0, figures.OverdueInvoices);
        Assert.Equal(1, figures.ActiveAgents);
        Assert.Equal(1, figures.UpcomingEvents);
        Assert.Equal(1, figures.Members);
        Assert.NotEqual(b.Id, a.Id);
    }

    [Fact]
    public async Task GetAsync_StopsCountingTasksAtTheCap()
    {
        var w = await db.CreateWorkspaceAsync("Busy Team");
        await using (var connection = await db.OpenOwnerConnectionAsync(w.Id))
        {
            await using var insert = new Npgsql.NpgsqlCommand(
                "insert into tasks (id, workspace_id, title, status, priority, due_date, tags, attachments) " +
                "select gen_random_uuid(), @w, 'task ' || n, 'todo', 'medium', now() - interval '1 day', '{}', '[]' from generate_series(1, @n) n",
                connection);
            insert.Parameters.AddWithValue("w", w.Id);
            insert.Parameters.AddWithValue("n", WorkspaceFiguresService.CountCap + 50);
            await insert.ExecuteNonQueryAsync();
        }

        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var figures = (await scope.ServiceProvider.GetRequiredService<WorkspaceFiguresService>().GetAsync())!;

        Assert.Equal(WorkspaceFiguresService.CountCap + 1, figures.OpenTasks);
        Assert.Equal(WorkspaceFiguresService.CountCap + 1, figures.OverdueTasks);
    }
}
