using GalaxyCo.Data;
using GalaxyCo.Domain.Crm;

namespace GalaxyCo.Web.Components.Pages.Crm.Board;

/// <summary>
/// What one open board shows (per circuit): each column's loaded slice of cards in board order and its figures.
/// Optimistic moves, live updates and "load more" all change it here, so the rules for where a card belongs live in
/// one place. A card that sorts below the last loaded card of a column with more to load is left out: it arrives
/// with the next slice.
/// </summary>
public sealed class BoardState
{
    private readonly Dictionary<ProspectStage, BoardLane> lanes = ProspectBoardService.Stages.ToDictionary(s => s, s => new BoardLane(s));

    public IReadOnlyList<BoardLane> Lanes => ProspectBoardService.Stages.Select(s => lanes[s]).ToList();

    public BoardLane this[ProspectStage stage] => lanes[stage];

    public bool Loaded { get; private set; }

    /// <summary>Cards on the board across every loaded slice.</summary>
    public int LoadedCards => lanes.Values.Sum(l => l.Cards.Count);

    /// <summary>Cards under the filter across every column (loaded or not).</summary>
    public int TotalCards => lanes.Values.Sum(l => l.Count);

    /// <summary>The largest slice any column has loaded, so a reload can bring back as much as the person scrolled to.</summary>
    public int LargestSlice => lanes.Values.Max(l => l.Cards.Count);

    public void Load(IReadOnlyList<BoardColumn> columns)
    {
        foreach (var column in columns)
        {
            var lane = lanes[column.Stage];
            lane.Cards.Clear();
            lane.Cards.AddRange(column.Cards);
            (lane.Count, lane.TotalValue) = (column.Count, column.TotalValue);
        }
        Loaded = true;
    }

    /// <summary>Adds the next slice of a column, skipping cards it already shows (a live update may have placed them).</summary>
    public void Append(BoardColumn slice)
    {
        var lane = lanes[slice.Stage];
        var shown = lane.Cards.Select(c => c.Id).ToHashSet();
        lane.Cards.AddRange(slice.Cards.Where(c => !shown.Contains(c.Id) && Find(c.Id) is null));
        (lane.Count, lane.TotalValue) = (slice.Count, slice.TotalValue);
    }

    public void SetFigures(IEnumerable<ColumnFigures> figures)
    {
        foreach (var f in figures) (lanes[f.Stage].Count, lanes[f.Stage].TotalValue) = (f.Count, f.TotalValue);
    }

    public ProspectView? Find(Guid id) => lanes.Values.SelectMany(l => l.Cards).FirstOrDefault(c => c.Id == id);

    /// <summary>The column and index of a card on the board, or null when it is not loaded.</summary>
    public (ProspectStage Stage, int Index)? Locate(Guid id)
    {
        foreach (var lane in lanes.Values)
        {
            var index = lane.Cards.FindIndex(c => c.Id == id);
            if (index >= 0) return (lane.Stage, index);
        }
        return null;
    }

    public bool Remove(Guid id)
    {
        foreach (var lane in lanes.Values)
            if (lane.Cards.RemoveAll(c => c.Id == id) > 0) return true;
        return false;
    }

    /// <summary>Puts the card where the server says it is (its stage, ordered by position), or leaves it out past the loaded slice.</summary>
    public void Place(ProspectView card)
    {
        Remove(card.Id);
        var lane = lanes[card.Stage];
        var index = lane.Cards.FindIndex(c => c.Position > card.Position || (c.Position == card.Position && c.Id.CompareTo(card.Id) > 0));
        if (index < 0)
        {
            // Below every loaded card: show it only if the column has nothing more to load.
            if (lane.Cards.Count < lane.Count - 1 && lane.Cards.Count > 0) return;
            lane.Cards.Add(card);
        }
        else lane.Cards.Insert(index, card);
    }

    /// <summary>
    /// Moves a card on screen before the server knows (optimistic), adjusting both columns' figures, and returns how to
    /// put it back. <paramref name="index"/> is where it ends up in <paramref name="stage"/>'s loaded cards.
    /// </summary>
    public BoardMoveUndo? MoveLocal(Guid id, ProspectStage stage, int index)
    {
        if (Locate(id) is not { } from) return null;
        var card = lanes[from.Stage].Cards[from.Index];
        var undo = new BoardMoveUndo(card, from.Stage, from.Index);
        lanes[from.Stage].Cards.RemoveAt(from.Index);
        var target = lanes[stage];
        target.Cards.Insert(Math.Clamp(index, 0, target.Cards.Count), card);
        if (from.Stage != stage)
        {
            lanes[from.Stage].Count--;
            lanes[from.Stage].TotalValue -= card.EstimatedValue ?? 0;
            target.Count++;
            target.TotalValue += card.EstimatedValue ?? 0;
        }
        return undo;
    }

    /// <summary>Puts a card back where it was before an optimistic move.</summary>
    public void Undo(BoardMoveUndo undo)
    {
        if (Locate(undo.Card.Id) is { } now && now.Stage != undo.Stage)
        {
            lanes[now.Stage].Count--;
            lanes[now.Stage].TotalValue -= undo.Card.EstimatedValue ?? 0;
            lanes[undo.Stage].Count++;
            lanes[undo.Stage].TotalValue += undo.Card.EstimatedValue ?? 0;
        }
        Remove(undo.Card.Id);
        var lane = lanes[undo.Stage];
        lane.Cards.Insert(Math.Clamp(undo.Index, 0, lane.Cards.Count), undo.Card);
    }

    /// <summary>The cards right above (after) and below (before) a card in its column, as MoveAsync takes them.</summary>
    public (Guid? BeforeId, Guid? AfterId) NeighboursOf(Guid id)
    {
        if (Locate(id) is not { } at) return (null, null);
        var cards = lanes[at.Stage].Cards;
        return (at.Index + 1 < cards.Count ? cards[at.Index + 1].Id : null, at.Index > 0 ? cards[at.Index - 1].Id : null);
    }
}

/// <summary>One column on screen: its loaded cards in order and its figures under the filter.</summary>
public sealed class BoardLane(ProspectStage stage)
{
    public ProspectStage Stage { get; } = stage;
    public List<ProspectView> Cards { get; } = [];
    public int Count { get; set; }
    public long TotalValue { get; set; }
    public bool LoadingMore { get; set; }
    public bool HasMore => Cards.Count < Count;
}

/// <summary>Where a card was before an optimistic move.</summary>
public sealed record BoardMoveUndo(ProspectView Card, ProspectStage Stage, int Index);
