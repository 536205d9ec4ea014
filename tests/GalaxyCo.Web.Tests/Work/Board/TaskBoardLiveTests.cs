using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work;
using GalaxyCo.Web.Components.Pages.Work.Board;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Work.Board;

/// <summary>The task board page on the real database: first render, live updates from the change feed, keyboard moves.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TaskBoardLiveTests(PostgresDatabase database)
{
    private static GalaxyBunitContext Context(PostgresDatabase database, TestWorkspace w) =>
        GalaxyBunitContext.ActingAs(database, w, s =>
        {
            var configuration = new ConfigurationBuilder().Build();
            s.AddSingleton<IConfiguration>(configuration);
            s.AddMail(configuration);
            s.AddWork();
            s.AddSingleton<ChangeFeed>();
        });

    private async Task<List<WorkTask>> ArrangeAsync(TestWorkspace w, params (string Title, WorkTaskStatus Status)[] tasks)
    {
        await using var db = database.CreateContext(w.Tenant());
        var rows = tasks.Select((t, i) => new WorkTask { Title = t.Title, Status = t.Status, BoardPosition = (i + 1) * 1024 }).ToList();
        db.Tasks.AddRange(rows);
        await db.SaveChangesAsync();
        return rows;
    }

    private static IRenderedComponent<TaskBoardPage> RenderBoard(GalaxyBunitContext ctx, TestWorkspace w)
    {
        ctx.RenderProviders();
        var cut = ctx.Render<TaskBoardPage>(p => p.Add(b => b.Slug, w.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=board]")));
        return cut;
    }

    private static string[] Titles(IRenderedComponent<TaskBoardPage> cut, string status) =>
        cut.FindAll($"[data-testid=column-{status}] [data-testid=card-title]").Select(n => n.TextContent).ToArray();

    [Fact]
    public async Task Render_ShowsEveryStatusWithItsCountAndCards()
    {
        var w = await database.CreateWorkspaceAsync("Task Board Render");
        await ArrangeAsync(w, ("Alpha", WorkTaskStatus.Todo), ("Beta", WorkTaskStatus.Todo), ("Gamma", WorkTaskStatus.Done));
        await using var ctx = Context(database, w);

        var cut = RenderBoard(ctx, w);

        Assert.Equal(4, cut.FindAll("[data-status]").Count);
        Assert.Equal(["Alpha", "Beta"], Titles(cut, "todo"));
        Assert.Equal("2", cut.Find("[data-testid=column-todo] [data-testid=column-count]").TextContent.Trim());
        Assert.Equal(["Gamma"], Titles(cut, "done"));
    }

    [Fact]
    public async Task LiveChange_FromAnotherPerson_MovesTheCard()
    {
        var w = await database.CreateWorkspaceAsync("Task Board Live");
        var tasks = await ArrangeAsync(w, ("Alpha", WorkTaskStatus.Todo), ("Beta", WorkTaskStatus.Todo));
        await using var ctx = Context(database, w);
        var cut = RenderBoard(ctx, w);

        await using (var db = database.CreateContext(w.Tenant()))
        {
            var alpha = await db.Tasks.SingleAsync(t => t.Id == tasks[0].Id);
            alpha.Status = WorkTaskStatus.InProgress;
            await db.SaveChangesAsync();
        }
        ctx.Services.GetRequiredService<ChangeFeed>().Publish(new DatabaseChange(w.Id, "Task", "UPDATE", [tasks[0].Id]));

        cut.WaitForAssertion(() => Assert.Equal(["Alpha"], Titles(cut, "in_progress")));
        Assert.Equal(["Beta"], Titles(cut, "todo"));
    }

    [Fact]
    public async Task KeyboardMove_SpaceArrowSpace_SavesTheMove()
    {
        var w = await database.CreateWorkspaceAsync("Task Board Keys");
        var tasks = await ArrangeAsync(w, ("Alpha", WorkTaskStatus.Todo));
        await using var ctx = Context(database, w);
        var cut = RenderBoard(ctx, w);

        // Each key re-renders the board; wait for the card to be where the last key put it before pressing the next.
        cut.WaitForElement("[data-testid=column-todo] [data-testid=card]").KeyDown(new KeyboardEventArgs { Key = " " });
        cut.WaitForElement("[data-testid=column-todo] [data-testid=card]").KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        cut.WaitForElement("[data-testid=column-in_progress] [data-testid=card]").KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        cut.WaitForElement("[data-testid=column-done] [data-testid=card]").KeyDown(new KeyboardEventArgs { Key = " " });

        cut.WaitForAssertion(() => Assert.Equal(["Alpha"], Titles(cut, "done")));
        // The board shows the drop at once and saves it in the background: wait for the save.
        await using var db = database.CreateContext(w.Tenant());
        var saved = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == tasks[0].Id);
        for (var attempt = 0; attempt < 100 && saved.Status != WorkTaskStatus.Done; attempt++)
        {
            await Task.Delay(50);
            saved = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == tasks[0].Id);
        }
        Assert.Equal(WorkTaskStatus.Done, saved.Status);
        Assert.NotNull(saved.CompletedAt);
    }
}
