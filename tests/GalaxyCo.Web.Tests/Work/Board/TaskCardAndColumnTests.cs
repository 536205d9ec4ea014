using GalaxyCo.Data;
using GalaxyCo.Domain.Work.Board;
using GalaxyCo.Web.Components.Pages.Work.Board;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace GalaxyCo.Web.Tests.Work.Board;

/// <summary>The task board's card and column as a person sees them: no database, just what they render from their data.</summary>
public sealed class TaskCardAndColumnTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>MudBlazor with loose JS; dispose with await using (MudBlazor's services dispose only asynchronously).</summary>
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    private static TaskCard Card(string title, TaskPriority priority = TaskPriority.Medium, DateTime? due = null, Guid? assignee = null, string? project = null,
        WorkTaskStatus status = WorkTaskStatus.Todo, double position = 1024) =>
        new(Guid.NewGuid(), title, status, priority, assignee, due, project is null ? null : Guid.NewGuid(), project, position, null, 1);

    [Fact]
    public async Task TaskBoardCard_ShowsTitlePriorityAssigneeDueAndProject()
    {
        await using var ctx = NewContext();
        var card = Card("Write release notes", TaskPriority.Urgent, due: Now.AddDays(1), assignee: Guid.NewGuid(), project: "Website Redesign");

        var cut = ctx.Render<TaskBoardCard>(p => p.Add(c => c.Card, card).Add(c => c.AssigneeName, "Ada Lovelace").Add(c => c.Now, Now));

        Assert.Equal("Write release notes", cut.Find("[data-testid=card-title]").TextContent);
        Assert.Equal("Urgent", cut.Find("[data-testid=card-priority]").TextContent.Trim());
        Assert.Contains("mud-chip-color-error", cut.Find("[data-testid=card-priority]").ClassName, StringComparison.Ordinal);
        Assert.Equal("AL", cut.Find("[data-testid=card-assignee]").TextContent.Trim());
        var due = cut.Find("[data-testid=card-due]");
        Assert.Equal("false", due.GetAttribute("data-overdue"));
        Assert.Contains("Tomorrow", due.TextContent, StringComparison.Ordinal);
        Assert.Contains("Website Redesign", cut.Find("[data-testid=card-project]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskBoardCard_OpenAndPastDue_IsRed_ButADoneOneIsNot()
    {
        await using var ctx = NewContext();

        var late = ctx.Render<TaskBoardCard>(p => p.Add(c => c.Card, Card("Late", due: Now.AddDays(-3))).Add(c => c.Now, Now));
        var done = ctx.Render<TaskBoardCard>(p => p.Add(c => c.Card, Card("Finished", due: Now.AddDays(-3), status: WorkTaskStatus.Done)).Add(c => c.Now, Now));

        var due = late.Find("[data-testid=card-due]");
        Assert.Equal("true", due.GetAttribute("data-overdue"));
        Assert.Contains("mud-error-text", due.ClassName, StringComparison.Ordinal);
        Assert.Contains("Overdue · 3 days ago", due.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", done.Find("[data-testid=card-due]").GetAttribute("data-overdue"));
        Assert.Empty(late.FindAll("[data-testid=card-assignee]"));
        Assert.Empty(late.FindAll("[data-testid=card-project]"));
    }

    [Fact]
    public async Task TaskColumn_ShowsCountCardsAndLoadMore_ThatAsksForTheNextSlice()
    {
        var lane = new TaskLane(WorkTaskStatus.InProgress) { Count = 45 };
        lane.Cards.AddRange(Enumerable.Range(1, 30).Select(i => Card($"Task {i}", position: i * 1024)));
        WorkTaskStatus? asked = null;
        await using var ctx = NewContext();

        var cut = ctx.Render<TaskColumn>(p => p.Add(c => c.Lane, lane).Add(c => c.CanMove, true).Add(c => c.Now, Now)
            .Add(c => c.OnLoadMore, (WorkTaskStatus s) => { asked = s; }));

        Assert.Equal("In progress", cut.Find(".gc-column-name").TextContent);
        Assert.Equal("45", cut.Find("[data-testid=column-count]").TextContent.Trim());
        Assert.Equal(30, cut.FindAll("[data-testid=card]").Count);
        Assert.Equal("true", cut.Find("[data-testid=card]").GetAttribute("draggable"));
        cut.Find("[data-testid=load-more]").Click();
        Assert.Equal(WorkTaskStatus.InProgress, asked);
    }

    [Fact]
    public async Task TaskColumn_ReadOnlyOrEmpty_CardsDoNotDrag_AndEmptySaysSo_AndCapIsShown()
    {
        var full = new TaskLane(WorkTaskStatus.Done) { Count = 1 };
        full.Cards.Add(Card("Shipped", status: WorkTaskStatus.Done));
        var empty = new TaskLane(WorkTaskStatus.Cancelled);
        var huge = new TaskLane(WorkTaskStatus.Todo) { Count = TaskBoardService.CountCap + 1 };
        await using var ctx = NewContext();

        var fullCut = ctx.Render<TaskColumn>(p => p.Add(c => c.Lane, full).Add(c => c.Now, Now));
        var emptyCut = ctx.Render<TaskColumn>(p => p.Add(c => c.Lane, empty).Add(c => c.Now, Now));
        var hugeCut = ctx.Render<TaskColumn>(p => p.Add(c => c.Lane, huge).Add(c => c.Now, Now));

        Assert.Empty(fullCut.FindAll("[data-testid=load-more]"));
        Assert.Equal("false", fullCut.Find("[data-testid=card]").GetAttribute("draggable"));
        Assert.Equal("0", emptyCut.Find("[data-testid=column-count]").TextContent.Trim());
        Assert.Equal("No tasks here.", emptyCut.Find("[data-testid=column-empty]").TextContent.Trim());
        Assert.Equal("10,000+", hugeCut.Find("[data-testid=column-count]").TextContent.Trim());
    }

    [Fact]
    public async Task TaskColumn_KeysAndClicksAndDrops_ReportTheCard()
    {
        var lane = new TaskLane(WorkTaskStatus.Todo) { Count = 2 };
        var a = Card("A");
        var b = Card("B", position: 2048);
        lane.Cards.AddRange([a, b]);
        TaskKey? key = null;
        Guid? opened = null;
        TaskDrop? dropped = null;
        await using var ctx = NewContext();

        var cut = ctx.Render<TaskColumn>(p => p.Add(c => c.Lane, lane).Add(c => c.CanMove, true).Add(c => c.Now, Now)
            .Add(c => c.OnKey, (TaskKey k) => { key = k; })
            .Add(c => c.OnOpen, (Guid id) => { opened = id; })
            .Add(c => c.OnDrop, (TaskDrop d) => { dropped = d; }));

        var cards = cut.FindAll("[data-testid=card]");
        cards[1].KeyDown(new KeyboardEventArgs { Key = " " });
        cut.FindAll("[data-testid=card]")[0].Click();
        cut.FindAll("[data-testid=card]")[1].Drop();

        Assert.Equal((b.Id, " "), (key!.CardId, key.Args.Key));
        Assert.Equal(a.Id, opened);
        Assert.Equal(new TaskDrop(WorkTaskStatus.Todo, b.Id), dropped);
    }

    [Fact]
    public async Task TaskColumn_GrabbedCard_IsMarkedForScreenReaders()
    {
        var lane = new TaskLane(WorkTaskStatus.Todo) { Count = 1 };
        var a = Card("A");
        lane.Cards.Add(a);
        await using var ctx = NewContext();

        var cut = ctx.Render<TaskColumn>(p => p.Add(c => c.Lane, lane).Add(c => c.CanMove, true).Add(c => c.GrabbedId, a.Id).Add(c => c.Now, Now));

        var card = cut.Find("[data-testid=card]");
        Assert.Equal("true", card.GetAttribute("aria-grabbed"));
        Assert.Contains("grabbed", card.ClassName, StringComparison.Ordinal);
    }
}
