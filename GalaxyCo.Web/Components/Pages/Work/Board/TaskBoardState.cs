using GalaxyCo.Data;
using GalaxyCo.Domain.Work.Board;

namespace GalaxyCo.Web.Components.Pages.Work.Board;

/// <summary>
/// What one open task board shows (per circuit): each column's loaded slice of cards in board order and its count.
/// Optimistic moves, live updates and "load more" all change it here. A card that sorts below the last loaded card
/// of a column with more to load is left out: it arrives with the next slice.
/// </summary>
public sealed class TaskBoardState
{
    private readonly Dictionary<WorkTaskStatus, TaskLane> lanes = TaskBoardService.Statuses.ToDictionary(s => s, s => new TaskLane(s));

    public IReadOnlyList<TaskLane> Lanes => TaskBoardService.Statuses.Select(s => lanes[s]).ToList();

    public TaskLane this[WorkTaskStatus status] => lanes[status];

    public bool Loaded { get; private set; }

    /// <summary>Cards under the filter across every column (loaded or not; capped counts add up capped).</summary>
    public int TotalCards => lanes.Values.Sum(l => l.Count);

    /// <summary>The largest slice any column has loaded, so a reload can bring back as much as the person scrolled to.</summary>
    public int LargestSlice => lanes.Values.Max(l => l.Cards.Count);

    public void Load(IReadOnlyList<TaskBoardColumn> columns)
    {
        foreach (var column in columns)
        {
            var lane = lanes[column.Status];
            lane.Cards.Clear();
            lane.Cards.AddRange(column.Cards);
            lane.Count = column.Count;
        }
        Loaded = true;
    }

    /// <summary>Adds the next slice of a column, skipping cards already on the board (a live update may have placed them).</summary>
    public void Append(TaskBoardColumn slice)
    {
        var lane = lanes[slice.Status];
        lane.Cards.AddRange(slice.Cards.Where(c => Find(c.Id) is null));
        lane.Count = slice.Count;
    }

    public void SetFigures(IEnumerable<TaskColumnFigures> figures)
    {
        foreach (var f in figures) lanes[f.Status].Count = f.Count;
    }

    public TaskCard? Find(Guid id) => lanes.Values.SelectMany(l => l.Cards).FirstOrDefault(c => c.Id == id);

    /// <summary>The column and index of a card on the board, or null when it is not loaded.</summary>
    public (WorkTaskStatus Status, int Index)? Locate(Guid id)
    {
        foreach (var lane in lanes.Values)
        {
            var index = lane.Cards.FindIndex(c => c.Id == id);
            if (index >= 0) return (lane.Status, index);
        }
        return null;
    }

    public bool Remove(Guid id)
    {
        foreach (var lane in lanes.Values)
            if (lane.Cards.RemoveAll(c => c.Id == id) > 0) return true;
        return false;
    }

    /// <summary>Puts the card where the server says it is (its status, by position then id), or leaves it out past the loaded slice.</summary>
    public void Place(TaskCard card)
    {
        Remove(card.Id);
        var lane = lanes[card.Status];
        var index = lane.Cards.FindIndex(c => c.BoardPosition > card.BoardPosition || (c.BoardPosition == card.BoardPosition && c.Id.CompareTo(card.Id) > 0));
        if (index < 0)
        {
            // Below every loaded card: show it only if the column has nothing more to load.
            if (lane.Cards.Count < lane.Count - 1 && lane.Cards.Count > 0) return;
            lane.Cards.Add(card);
        }
        else lane.Cards.Insert(index, card);
    }

    /// <summary>Moves a card on screen before the server knows (optimistic), adjusting both counts, and returns how to put it back.</summary>
    public TaskMoveUndo? MoveLocal(Guid id, WorkTaskStatus status, int index)
    {
        if (Locate(id) is not { } from) return null;
        var card = lanes[from.Status].Cards[from.Index];
        var undo = new TaskMoveUndo(card, from.Status, from.Index);
        lanes[from.Status].Cards.RemoveAt(from.Index);
        var target = lanes[status];
        target.Cards.Insert(Math.Clamp(index, 0, target.Cards.Count), card);
        if (from.Status != status)
        {
            lanes[from.Status].Count--;
            target.Count++;
        }
        return undo;
    }

    /// <summary>Puts a card back where it was before an optimistic move.</summary>
    public void Undo(TaskMoveUndo undo)
    {
        if (Locate(undo.Card.Id) is { } now && now.Status != undo.Status)
        {
            lanes[now.Status].Count--;
            lanes[undo.Status].Count++;
        }
        Remove(undo.Card.Id);
        var lane = lanes[undo.Status];
        lane.Cards.Insert(Math.Clamp(undo.Index, 0, lane.Cards.Count), undo.Card);
    }

    /// <summary>The cards right above (after) and below (before) a card in its column, as MoveAsync takes them.</summary>
    public (Guid? BeforeId, Guid? AfterId) NeighboursOf(Guid id)
    {
        if (Locate(id) is not { } at) return (null, null);
        var cards = lanes[at.Status].Cards;
        return (at.Index + 1 < cards.Count ? cards[at.Index + 1].Id : null, at.Index > 0 ? cards[at.Index - 1].Id : null);
    }
}

/// <summary>One column on screen: its loaded cards in order and its count under the filter.</summary>
public sealed class TaskLane(WorkTaskStatus status)
{
    public WorkTaskStatus Status { get; } = status;
    public List<TaskCard> Cards { get; } = [];
    public int Count { get; set; }
    public bool LoadingMore { get; set; }
    public bool HasMore => Cards.Count < Count;
}

/// <summary>Where a card was before an optimistic move.</summary>
public sealed record TaskMoveUndo(TaskCard Card, WorkTaskStatus Status, int Index);
