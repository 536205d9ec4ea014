using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Work.Board;
using GalaxyCo.Domain.Work.Projects;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.JSInterop;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Work.Board;

/// <summary>
/// The live task board: loads the first slice of every status column, moves cards optimistically (mouse or keyboard)
/// and rolls back on error, and follows every committed change of the workspace's tasks through the
/// <see cref="ChangeFeed"/> (from any app node). The filter lives in the address (?project=…&amp;assignee=…).
/// </summary>
public sealed partial class TaskBoard
{
    private const string ProjectParameter = "project";
    private const string AssigneeParameter = "assignee";

    private sealed record Grab(Guid CardId, TaskMoveUndo Origin);

    private TaskBoardState State { get; } = new();
    private TaskBoardFilter filter = TaskBoardFilter.None;
    private IReadOnlyDictionary<Guid, string> people = new Dictionary<Guid, string>();
    private IReadOnlyList<ProjectView> projects = [];
    private DateTime now;
    private string announcement = "";
    private Guid? dragging;
    private TaskDrop? dropTarget;
    private Grab? grab;
    private Guid? focusCard;
    private readonly HashSet<Guid> pending = [];
    private IDisposable? subscription;
    private ElementReference boardElement;
    private string? attachedBoard;
    private IJSObjectReference? module;
    private readonly CancellationTokenSource cts = new();

    private bool CanMove => Me.Can(Permissions.RecordsWrite);

    protected override async Task OnInitializedAsync()
    {
        now = Clock.GetUtcNow().UtcDateTime;
        var query = QueryHelpers.ParseQuery(new Uri(Nav.Uri).Query);
        filter = new TaskBoardFilter(
            query.TryGetValue(ProjectParameter, out var p) && Guid.TryParse(p, out var projectId) ? projectId : null,
            query.TryGetValue(AssigneeParameter, out var a) && Guid.TryParse(a, out var assigneeId) ? assigneeId : null);
        people = (await Members.ListAsync(cts.Token)).ToDictionary(m => m.UserId, m => m.Name);
        var list = await Projects.ListAsync(new ProjectQuery { PageSize = ProjectQuery.MaxPageSize }, cts.Token);
        projects = list.Succeeded ? list.Value!.Items : [];
        // A project linked to from elsewhere may sit past the first page of names: make sure the filter can show it.
        if (filter.ProjectId is { } id && projects.All(x => x.Id != id) && await Projects.GetAsync(id, cts.Token) is { Succeeded: true } one)
            projects = [one.Value!, .. projects];
        subscription = Feed.Subscribe(Me.WorkspaceId, OnDatabaseChange);
        await LoadBoardAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The board element comes and goes with the empty state: attach the helpers to each new one.
        if (State.Loaded && boardElement.Context is not null && boardElement.Id != attachedBoard)
        {
            attachedBoard = boardElement.Id;
            try
            {
                module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/taskboard.js");
                await module.InvokeVoidAsync("attach", boardElement);
            }
            catch (JSDisconnectedException)
            {
            }
        }
        if (focusCard is { } card && module is not null)
        {
            focusCard = null;
            await module.InvokeVoidAsync("focusCard", card.ToString());
        }
    }

    private async Task LoadBoardAsync(int? take = null)
    {
        var board = await Board.GetBoardAsync(filter, Math.Clamp(take ?? TaskBoardService.FirstSlice, TaskBoardService.FirstSlice, TaskBoardService.MaxColumnSlice), cts.Token);
        if (board.Succeeded) State.Load(board.Value!);
        else Snackbar.Add(board.Message ?? "The board could not be loaded.", Severity.Error);
    }

    private async Task ChangeFilterAsync(TaskBoardFilter next)
    {
        filter = next;
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [ProjectParameter] = next.ProjectId?.ToString(),
            [AssigneeParameter] = next.AssignedTo?.ToString(),
        }), new NavigationOptions { ReplaceHistoryEntry = true });
        await LoadBoardAsync();
    }

    private async Task LoadMoreAsync(WorkTaskStatus status)
    {
        var lane = State[status];
        if (lane.LoadingMore || !lane.HasMore) return;
        lane.LoadingMore = true;
        try
        {
            var slice = await Board.GetColumnAsync(status, filter, lane.Cards.Count, TaskBoardService.FirstSlice, cts.Token);
            if (slice.Succeeded) State.Append(slice.Value!);
            else Snackbar.Add(slice.Message ?? "More cards could not be loaded.", Severity.Error);
        }
        finally
        {
            lane.LoadingMore = false;
        }
    }

    private void Open(Guid id)
    {
        if (dragging is not null || grab is not null) return;
        Nav.NavigateTo($"/w/{Me.WorkspaceSlug}/work/tasks/{id}");
    }

    // ---- Live: changes committed anywhere (this node or another) ----

    private Task OnDatabaseChange(DatabaseChange change)
    {
        if (!change.Concerns(Me.WorkspaceId, "Task")) return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            try
            {
                await ApplyChangeAsync(change);
                StateHasChanged();
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                // The board was closed while the change was read.
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        });
    }

    private async Task ApplyChangeAsync(DatabaseChange change)
    {
        if (change.Ids is null)
        {
            // Too many at once (a bulk edit), or the listener reconnected: read the board again.
            if (grab is null && pending.Count == 0) await LoadBoardAsync(State.LargestSlice);
            return;
        }
        await RefreshCardsAsync(change.Ids.Where(id => !pending.Contains(id) && grab?.CardId != id).ToList());
    }

    /// <summary>Re-reads cards and puts each where it really is (or takes it off when deleted or filtered out), then the counts.</summary>
    private async Task RefreshCardsAsync(IReadOnlyList<Guid> ids)
    {
        if (ids.Count > 0)
        {
            var cards = await Board.GetCardsAsync(ids, filter, cts.Token);
            if (!cards.Succeeded) return;
            var found = cards.Value!.ToDictionary(c => c.Id);
            foreach (var id in ids)
            {
                if (found.TryGetValue(id, out var card)) State.Place(card);
                else State.Remove(id);
            }
        }
        var figures = await Board.GetFiguresAsync(filter, cts.Token);
        if (figures.Succeeded) State.SetFigures(figures.Value!);
    }

    // ---- Mouse drag and drop (native HTML5 events; taskboard.js sets the drag data) ----

    private void StartDrag(Guid id)
    {
        if (!CanMove) return;
        grab = null;
        dragging = id;
    }

    private void EndDrag()
    {
        dragging = null;
        dropTarget = null;
    }

    private void DragEnter(TaskDrop target)
    {
        if (dragging is not null) dropTarget = target;
    }

    private async Task DropAsync(TaskDrop drop)
    {
        if (dragging is not { } id || !CanMove) return;
        EndDrag();
        if (State.Locate(id) is not { } from) return;
        var lane = State[drop.Status];
        var index = drop.TargetId is { } target ? lane.Cards.FindIndex(c => c.Id == target) : -1;
        if (index < 0) index = lane.Cards.Count;
        if (from.Status == drop.Status && (drop.TargetId == id || (drop.TargetId is null && from.Index == lane.Cards.Count - 1))) return;
        var undo = State.MoveLocal(id, drop.Status, index);
        if (undo is not null) await CommitAsync(id, undo);
    }

    // ---- Keyboard: Space/Enter picks up and drops, arrows move, Escape cancels ----

    private async Task KeyAsync(TaskKey key)
    {
        var id = key.CardId;
        var pressed = key.Args.Key;
        if (grab is null)
        {
            if (pressed is " " or "Enter" or "Spacebar")
            {
                if (!CanMove)
                {
                    Open(id);
                    return;
                }
                if (State.Locate(id) is not { } at) return;
                grab = new Grab(id, new TaskMoveUndo(State[at.Status].Cards[at.Index], at.Status, at.Index));
                Announce($"Picked up {grab.Origin.Card.Title}. {Where(id)} Arrow keys move it, Space or Enter drops it, Escape cancels.");
                focusCard = id;
            }
            return;
        }
        if (grab.CardId != id) return;
        if (State.Locate(id) is not { } p) return;
        var statuses = TaskBoardService.Statuses;
        var column = statuses.ToList().IndexOf(p.Status);
        switch (pressed)
        {
            case "ArrowUp" when p.Index > 0:
                State.MoveLocal(id, p.Status, p.Index - 1);
                break;
            case "ArrowDown" when p.Index < State[p.Status].Cards.Count - 1:
                State.MoveLocal(id, p.Status, p.Index + 1);
                break;
            case "ArrowLeft" when column > 0:
                State.MoveLocal(id, statuses[column - 1], Math.Min(p.Index, State[statuses[column - 1]].Cards.Count));
                break;
            case "ArrowRight" when column < statuses.Count - 1:
                State.MoveLocal(id, statuses[column + 1], Math.Min(p.Index, State[statuses[column + 1]].Cards.Count));
                break;
            case "Escape":
                State.Undo(grab.Origin);
                Announce($"Move cancelled. {grab.Origin.Card.Title} is back in {TaskBoardFormat.Status(grab.Origin.Status)}.");
                grab = null;
                focusCard = id;
                return;
            case " " or "Enter" or "Spacebar":
                var origin = grab.Origin;
                grab = null;
                focusCard = id;
                if (p.Status == origin.Status && p.Index == origin.Index)
                {
                    Announce($"{origin.Card.Title} dropped where it was.");
                    return;
                }
                await CommitAsync(id, origin);
                return;
            default:
                return;
        }
        Announce(Where(id));
        focusCard = id;
    }

    private string Where(Guid id) =>
        State.Locate(id) is { } at ? $"{TaskBoardFormat.Status(at.Status)}, position {at.Index + 1} of {State[at.Status].Cards.Count}." : "";

    private void Announce(string text) => announcement = text;

    // ---- Saving a move ----

    /// <summary>
    /// Saves a move the board already shows. A conflict (someone moved or edited the task first) says so and puts the
    /// card where it really is; any other failure puts it back where it was.
    /// </summary>
    private async Task CommitAsync(Guid id, TaskMoveUndo origin)
    {
        if (State.Locate(id) is not { } at) return;
        var card = origin.Card;
        var (before, after) = State.NeighboursOf(id);
        pending.Add(id);
        try
        {
            var result = await Board.MoveAsync(id, at.Status, before, after, card.Version, cts.Token);
            if (result.Succeeded)
            {
                State.Place(result.Value!);
                Announce($"{card.Title} moved to {TaskBoardFormat.Status(at.Status)}.");
            }
            else if (result.Status == ResultStatus.Conflict)
            {
                Snackbar.Add(result.Message ?? "Someone else moved this task first.", Severity.Warning);
                Announce($"{card.Title} was changed by someone else; it is back where it really is.");
                pending.Remove(id);
                await RefreshCardsAsync([id]);
                return;
            }
            else
            {
                State.Undo(origin);
                Snackbar.Add(result.Message ?? "The task could not be moved.", Severity.Error);
                Announce($"{card.Title} could not be moved: {result.Message}");
            }
        }
        finally
        {
            pending.Remove(id);
        }
        var figures = await Board.GetFiguresAsync(filter, cts.Token);
        if (figures.Succeeded) State.SetFigures(figures.Value!);
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await cts.CancelAsync();
        cts.Dispose();
        if (module is null) return;
        try
        {
            if (attachedBoard is not null) await module.InvokeVoidAsync("detach", boardElement);
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the page.
        }
    }
}
