using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Crm.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.JSInterop;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Crm.Board;

/// <summary>
/// The live prospect board: loads figures and the first slice of every column, moves cards optimistically (mouse or
/// keyboard) and rolls back on error, asks for a reason on Lost and offers conversion on Won, and follows every
/// committed change of the workspace's prospects through the <see cref="ChangeFeed"/> (from any app node).
/// </summary>
public sealed partial class ProspectBoard
{
    private sealed record Grab(Guid CardId, BoardMoveUndo Origin);

    private BoardState State { get; } = new();
    private ProspectFilter filter = ProspectFilter.None;
    private IReadOnlyDictionary<Guid, string> owners = new Dictionary<Guid, string>();
    private DateTime now;
    private string announcement = "";
    private Guid? dragging;
    private CardDrop? dropTarget;
    private Grab? grab;
    private Guid? focusCard;
    private readonly HashSet<Guid> pending = [];
    private IDisposable? subscription;
    private ElementReference boardElement;
    private string? attachedBoard;
    private readonly CancellationTokenSource cts = new();

    private bool CanMove => Me.Can(Permissions.RecordsWrite);

    protected override async Task OnInitializedAsync()
    {
        now = Clock.GetUtcNow().UtcDateTime;
        var query = QueryHelpers.ParseQuery(new Uri(Nav.Uri).Query)
            .Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()));
        filter = ProspectFilterValues.FromValues(query);
        owners = (await Members.ListAsync()).ToDictionary(m => m.UserId, m => m.Name);
        subscription = Feed.Subscribe(Me.WorkspaceId, OnDatabaseChange);
        await LoadBoardAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The board element comes and goes with the empty state: attach the helpers to each new one.
        if (State.Loaded && boardElement.Context is not null && boardElement.Id != attachedBoard)
        {
            attachedBoard = boardElement.Id;
            await JS.InvokeVoidAsync("galaxyBoard.attach", boardElement);
        }
        if (focusCard is { } id)
        {
            focusCard = null;
            await JS.InvokeVoidAsync("galaxyBoard.focusCard", id.ToString());
        }
    }

    private async Task LoadBoardAsync(int? take = null)
    {
        var board = await Board.GetBoardAsync(filter, Math.Clamp(take ?? ProspectBoardService.FirstSlice, ProspectBoardService.FirstSlice, ProspectBoardService.MaxColumnSlice), cts.Token);
        if (board.Succeeded) State.Load(board.Value!);
        else Snackbar.Add(board.Message ?? "The board could not be loaded.", Severity.Error);
    }

    private async Task ChangeFilterAsync(ProspectFilter next)
    {
        filter = next;
        var values = ProspectFilterValues.ToValues(next);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in ProspectFilterValues.Names) parameters[name] = null;
        foreach (var (key, _) in QueryHelpers.ParseQuery(new Uri(Nav.Uri).Query))
            if (key.StartsWith(ProspectFilterValues.CustomFieldPrefix, StringComparison.Ordinal)) parameters[key] = null;
        foreach (var (key, value) in values) parameters[key] = value;
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(parameters), new NavigationOptions { ReplaceHistoryEntry = true });
        await LoadBoardAsync();
    }

    private async Task ApplyViewAsync(SavedViewSelection view) => await ChangeFilterAsync(ProspectFilterValues.FromValues(view.Filters));

    private async Task LoadMoreAsync(ProspectStage stage)
    {
        var lane = State[stage];
        if (lane.LoadingMore || !lane.HasMore) return;
        lane.LoadingMore = true;
        try
        {
            var slice = await Board.GetColumnAsync(stage, filter, lane.Cards.Count, ProspectBoardService.FirstSlice, cts.Token);
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
        Nav.NavigateTo($"/w/{Me.WorkspaceSlug}/crm/prospects/{id}");
    }

    // ---- Live: changes committed anywhere (this node or another) ----

    private Task OnDatabaseChange(DatabaseChange change)
    {
        if (!change.Concerns(Me.WorkspaceId, nameof(CrmRecordType.Prospect))) return Task.CompletedTask;
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
            // Too many at once (an import), or the listener reconnected: read the board again.
            if (grab is null && pending.Count == 0) await LoadBoardAsync(State.LargestSlice);
            return;
        }
        await RefreshCardsAsync(change.Ids.Where(id => !pending.Contains(id) && grab?.CardId != id).ToList());
    }

    /// <summary>Re-reads cards and puts each where it really is (or takes it off when deleted or filtered out), then the figures.</summary>
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
        await RefreshFiguresAsync();
    }

    private async Task RefreshFiguresAsync()
    {
        var figures = await Board.GetFiguresAsync(filter, cts.Token);
        if (figures.Succeeded) State.SetFigures(figures.Value!);
    }

    // ---- Mouse drag and drop (native HTML5 events; board.js sets the drag data) ----

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

    private void DragEnter(CardDrop target)
    {
        if (dragging is not null) dropTarget = target;
    }

    private async Task DropAsync(CardDrop drop)
    {
        if (dragging is not { } id || !CanMove) return;
        EndDrag();
        if (State.Locate(id) is not { } from) return;
        var lane = State[drop.Stage];
        var index = drop.TargetId is { } target ? lane.Cards.FindIndex(c => c.Id == target) : -1;
        if (index < 0) index = lane.Cards.Count;
        // Same column: dropping on the card below puts it after that one (the list closes up first), so either way the index is the target's.
        if (from.Stage == drop.Stage && (drop.TargetId == id || (drop.TargetId is null && from.Index == lane.Cards.Count - 1))) return;
        var undo = State.MoveLocal(id, drop.Stage, index);
        if (undo is not null) await CommitAsync(id, undo);
    }

    // ---- Keyboard: Space/Enter picks up and drops, arrows move, Escape cancels ----

    private async Task KeyAsync(CardKey key)
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
                grab = new Grab(id, new BoardMoveUndo(State[at.Stage].Cards[at.Index], at.Stage, at.Index));
                Announce($"Picked up {grab.Origin.Card.Name}. {Where(id)} Arrow keys move it, Space or Enter drops it, Escape cancels.");
                focusCard = id;
            }
            return;
        }
        if (grab.CardId != id) return;
        var place = State.Locate(id);
        if (place is not { } p) return;
        var stages = ProspectBoardService.Stages;
        var column = stages.ToList().IndexOf(p.Stage);
        switch (pressed)
        {
            case "ArrowUp" when p.Index > 0:
                State.MoveLocal(id, p.Stage, p.Index - 1);
                break;
            case "ArrowDown" when p.Index < State[p.Stage].Cards.Count - 1:
                State.MoveLocal(id, p.Stage, p.Index + 1);
                break;
            case "ArrowLeft" when column > 0:
                State.MoveLocal(id, stages[column - 1], Math.Min(p.Index, State[stages[column - 1]].Cards.Count));
                break;
            case "ArrowRight" when column < stages.Count - 1:
                State.MoveLocal(id, stages[column + 1], Math.Min(p.Index, State[stages[column + 1]].Cards.Count));
                break;
            case "Escape":
                State.Undo(grab.Origin);
                Announce($"Move cancelled. {grab.Origin.Card.Name} is back in {BoardFormat.Stage(grab.Origin.Stage)}.");
                grab = null;
                focusCard = id;
                return;
            case " " or "Enter" or "Spacebar":
                var origin = grab.Origin;
                grab = null;
                focusCard = id;
                if (p.Stage == origin.Stage && p.Index == origin.Index)
                {
                    Announce($"{origin.Card.Name} dropped where it was.");
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

    private string Where(Guid id)
    {
        if (State.Locate(id) is not { } at) return "";
        return $"{BoardFormat.Stage(at.Stage)}, position {at.Index + 1} of {State[at.Stage].Cards.Count}.";
    }

    private void Announce(string text) => announcement = text;

    // ---- Saving a move ----

    /// <summary>
    /// Saves a move the board already shows. Lost asks for a reason first (cancel puts the card back); Won offers to
    /// convert. A conflict (someone moved it first) says so and puts the card where it really is; any other failure
    /// puts it back where it was.
    /// </summary>
    private async Task CommitAsync(Guid id, BoardMoveUndo origin)
    {
        if (State.Locate(id) is not { } at) return;
        var card = origin.Card;
        var (before, after) = State.NeighboursOf(id);
        pending.Add(id);
        try
        {
            Result<ProspectView> result;
            if (at.Stage == ProspectStage.Lost && origin.Stage != ProspectStage.Lost)
            {
                var reason = await AskLostReasonAsync(card);
                if (reason is null)
                {
                    State.Undo(origin);
                    Announce($"Move cancelled. {card.Name} is back in {BoardFormat.Stage(origin.Stage)}.");
                    return;
                }
                result = await Loss.MarkLostAsync(id, reason, before, after, card.Version, cts.Token);
            }
            else
            {
                result = await Board.MoveAsync(id, at.Stage, before, after, card.Version, cts.Token);
            }

            if (result.Succeeded)
            {
                State.Place(result.Value!);
                Announce($"{card.Name} moved to {BoardFormat.Stage(at.Stage)}.");
                if (at.Stage == ProspectStage.Won && origin.Stage != ProspectStage.Won && !result.Value!.ConvertedToCustomer)
                    await OfferConversionAsync(result.Value!);
            }
            else if (result.Status == ResultStatus.Conflict)
            {
                Snackbar.Add(result.Message ?? "Someone else moved this card first.", Severity.Warning);
                Announce($"{card.Name} was moved by someone else; it is back where it really is.");
                pending.Remove(id);
                await RefreshCardsAsync([id]);
                return;
            }
            else
            {
                State.Undo(origin);
                Snackbar.Add(result.Message ?? "The card could not be moved.", Severity.Error);
                Announce($"{card.Name} could not be moved: {result.Message}");
            }
        }
        finally
        {
            pending.Remove(id);
        }
        await RefreshFiguresAsync();
    }

    private async Task<string?> AskLostReasonAsync(ProspectView card)
    {
        var parameters = new DialogParameters<LostReasonDialog> { { d => d.ProspectName, card.Name } };
        var dialog = await Dialogs.ShowAsync<LostReasonDialog>("Mark as lost", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }

    private async Task OfferConversionAsync(ProspectView card)
    {
        var what = string.IsNullOrWhiteSpace(card.Email) ? "a customer" : "a customer and a contact";
        var yes = await Dialogs.ShowMessageBoxAsync("Convert to a customer?",
            $"{card.Name} is won. Create {what} from it now? The prospect stays in Won as history.",
            yesText: "Convert", cancelText: "Not now");
        if (yes != true) return;
        var converted = await Conversion.ConvertToCustomerAsync(card.Id, cts.Token);
        if (!converted.Succeeded)
        {
            Snackbar.Add(converted.Message ?? "The prospect could not be converted.", Severity.Error);
            return;
        }
        var customerUrl = $"/w/{Me.WorkspaceSlug}/crm/customers/{converted.Value!.CustomerId}";
        Snackbar.Add($"{card.Name} is now a customer.", Severity.Success, config =>
        {
            config.Action = "Open customer";
            config.ActionColor = Color.Inherit;
            config.OnClick = _ =>
            {
                Nav.NavigateTo(customerUrl);
                return Task.CompletedTask;
            };
        });
        await RefreshCardsAsync([card.Id]);
    }

    private async Task NewProspectAsync(ProspectStage stage)
    {
        var parameters = new DialogParameters<NewProspectDialog> { { d => d.Stage, stage } };
        var dialog = await Dialogs.ShowAsync<NewProspectDialog>("New prospect", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: ProspectView created })
        {
            Snackbar.Add($"{created.Name} added to {BoardFormat.Stage(created.Stage)}.", Severity.Success);
            await RefreshCardsAsync([created.Id]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await cts.CancelAsync();
        cts.Dispose();
        if (attachedBoard is not null)
        {
            try
            {
                await JS.InvokeVoidAsync("galaxyBoard.detach", boardElement);
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the page.
            }
        }
    }
}
