using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>One board column: how many cards, what they are worth (cents), and one slice of the cards in order.</summary>
public sealed record BoardColumn(ProspectStage Stage, int Count, long TotalValue, IReadOnlyList<ProspectView> Cards);

/// <summary>How many cards a column holds and what they are worth (cents), under the board's filter.</summary>
public sealed record ColumnFigures(ProspectStage Stage, int Count, long TotalValue);

/// <summary>
/// The prospect board. Cards are ordered within a stage by a fractional position, so a move writes one row: the
/// card gets the midpoint between its new neighbours. Only when neighbours are closer than <see cref="MinGap"/>
/// (after many moves into the same slot) is that column renumbered, in one statement.
/// </summary>
public sealed class ProspectBoardService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    /// <summary>Distance between cards after a renumber and for cards added at either end.</summary>
    public const double Step = 1024;

    /// <summary>Below this gap a midpoint stops being reliably between its neighbours in a double.</summary>
    public const double MinGap = 1e-9;

    public const int MaxColumnSlice = 200;

    /// <summary>Cards a board shows per column before the person asks for more.</summary>
    public const int FirstSlice = 30;

    /// <summary>At most this many cards are fetched by id at once (live updates name at most 50).</summary>
    public const int MaxBatch = 500;

    /// <summary>Every stage in board order, left to right.</summary>
    public static IReadOnlyList<ProspectStage> Stages { get; } = Enum.GetValues<ProspectStage>();

    /// <summary>A slice of one column in board order, with the column's count and value (served by the stage index).</summary>
    public Task<Result<BoardColumn>> GetColumnAsync(ProspectStage stage, int skip = 0, int take = 50, CancellationToken ct = default) =>
        GetColumnAsync(stage, ProspectFilter.None, skip, take, ct);

    /// <summary>A slice of one column in board order under <paramref name="filter"/>, with the filtered column's count and value.</summary>
    public async Task<Result<BoardColumn>> GetColumnAsync(ProspectStage stage, ProspectFilter filter, int skip, int take, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<BoardColumn>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = Prospect.OrderOf(stage);
        var column = Filtered(db, filter).Where(p => p.StageOrder == order);
        var figures = await column.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Value = g.Sum(p => p.EstimatedValue ?? 0) })
            .FirstOrDefaultAsync(ct);
        var cards = await SliceAsync(column, skip, take, ct);
        return new BoardColumn(stage, figures?.Count ?? 0, figures?.Value ?? 0, cards);
    }

    /// <summary>Count and value of every column in one grouped query; a column with no card reads 0.</summary>
    public async Task<Result<IReadOnlyList<ColumnFigures>>> GetFiguresAsync(ProspectFilter filter, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<ColumnFigures>>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        return Result<IReadOnlyList<ColumnFigures>>.Ok(await FiguresAsync(db, filter, ct));
    }

    /// <summary>
    /// What a board shows first: every column's figures (one grouped query) and the first <paramref name="take"/> cards
    /// of each column (one index range per column). Never the whole board.
    /// </summary>
    public async Task<Result<IReadOnlyList<BoardColumn>>> GetBoardAsync(ProspectFilter filter, int take = FirstSlice, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<BoardColumn>>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        var figures = await FiguresAsync(db, filter, ct);
        var columns = new List<BoardColumn>(Stages.Count);
        foreach (var f in figures)
        {
            var stage = f.Stage;
            var cards = f.Count == 0 ? [] : await SliceAsync(Filtered(db, filter).Where(p => p.StageOrder == Prospect.OrderOf(stage)), 0, take, ct);
            columns.Add(new BoardColumn(stage, f.Count, f.TotalValue, cards));
        }
        return columns;
    }

    /// <summary>
    /// The cards with these ids that exist in this workspace and match <paramref name="filter"/>: what a live board
    /// re-reads when it hears that they changed. An id missing from the answer was deleted, left the filter, or
    /// belongs to another workspace.
    /// </summary>
    public async Task<Result<IReadOnlyList<ProspectView>>> GetCardsAsync(IReadOnlyCollection<Guid> ids, ProspectFilter? filter = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<ProspectView>>.From(CantSee());
        if (ids.Count > MaxBatch) return Result<IReadOnlyList<ProspectView>>.From(Result.Invalid("ids", $"Ask for at most {MaxBatch} cards at once."));
        if (ids.Count == 0) return Result<IReadOnlyList<ProspectView>>.Ok([]);
        await using var db = await factory.CreateDbContextAsync(ct);
        var wanted = ids.Distinct().ToList();
        var rows = await Filtered(db, filter ?? ProspectFilter.None).Where(p => wanted.Contains(p.Id)).ToListAsync(ct);
        return rows.Select(ProspectView.From).ToList();
    }

    /// <summary>
    /// Moves a card into <paramref name="stage"/> between two cards of that column. <paramref name="afterId"/> is the
    /// card it goes after (its neighbour above), <paramref name="beforeId"/> the card it goes before (below). Give
    /// one to put it right after/before that card, neither to put it at the bottom. A stale
    /// <paramref name="version"/> (someone moved or edited the card meanwhile) answers Conflict and changes nothing.
    /// A change of stage writes prospect.stage_changed to the outbox and a stage change to the timeline.
    /// </summary>
    public async Task<Result<ProspectView>> MoveAsync(Guid id, ProspectStage stage, Guid? beforeId, Guid? afterId, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<ProspectView>.From(Result.Forbidden("You can't move prospects in this workspace."));
        return await MoveCoreAsync(id, stage, beforeId, afterId, version, lostReason: null, ct);
    }

    /// <summary>The move itself, shared with <see cref="ProspectLossService"/> (which adds the reason it was lost).</summary>
    internal async Task<Result<ProspectView>> MoveCoreAsync(Guid id, ProspectStage stage, Guid? beforeId, Guid? afterId, uint version, string? lostReason, CancellationToken ct)
    {
        if (!Enum.IsDefined(stage)) return Result<ProspectView>.From(Result.Invalid("stage", "Pick a stage."));
        if (beforeId == id || afterId == id) return Result<ProspectView>.From(Result.Invalid("position", "A card can't be placed next to itself."));

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var prospect = await db.Prospects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (prospect is null) return Result<ProspectView>.From(Result.NotFound("Prospect"));
        if (prospect.Version != version) return Result<ProspectView>.From(StaleCard());

        var position = await PositionBetweenAsync(db, id, stage, beforeId, afterId, ct);
        if (!position.Succeeded) return Result<ProspectView>.From(position);

        db.Entry(prospect).Property(p => p.Version).OriginalValue = version;
        var from = prospect.Stage;
        prospect.Stage = stage;
        prospect.Position = position.Value;
        if (lostReason is not null)
            prospect.CustomFields = new Dictionary<string, string>(prospect.CustomFields) { [ProspectLossService.ReasonField] = lostReason };
        else if (from == ProspectStage.Lost && stage != ProspectStage.Lost && prospect.CustomFields.ContainsKey(ProspectLossService.ReasonField))
            // Back in play: the reason stays on the timeline, not on the live record.
            prospect.CustomFields = prospect.CustomFields.Where(f => f.Key != ProspectLossService.ReasonField).ToDictionary(f => f.Key, f => f.Value);
        if (from != stage)
        {
            db.OutboxMessages.Add(ProspectEvents.StageChange(prospect, from, member.UserId));
            db.CrmActivities.Add(StageChangeActivity(prospect, from, lostReason));
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ProspectView>.From(StaleCard());
        }
        return ProspectView.From(prospect);
    }

    /// <summary>Below the last card of the column (other than <paramref name="exceptId"/>).</summary>
    internal static async Task<double> BottomPositionAsync(GalaxyDbContext db, ProspectStage stage, Guid exceptId, CancellationToken ct)
    {
        var order = Prospect.OrderOf(stage);
        var last = await db.Prospects.Where(p => p.StageOrder == order && p.Id != exceptId).MaxAsync(p => (double?)p.Position, ct);
        return last is null ? Step : last.Value + Step;
    }

    private IQueryable<Prospect> Filtered(GalaxyDbContext db, ProspectFilter filter) =>
        filter.IsEmpty ? db.Prospects.AsNoTracking() : filter.Apply(db.Prospects.AsNoTracking(), db, member.UserId, clock.GetUtcNow().UtcDateTime);

    private async Task<IReadOnlyList<ColumnFigures>> FiguresAsync(GalaxyDbContext db, ProspectFilter filter, CancellationToken ct)
    {
        var rows = await Filtered(db, filter).GroupBy(p => p.Stage)
            .Select(g => new { Stage = g.Key, Count = g.Count(), Value = g.Sum(p => p.EstimatedValue ?? 0) })
            .ToListAsync(ct);
        return Stages.Select(s => rows.FirstOrDefault(r => r.Stage == s) is { } r ? new ColumnFigures(s, r.Count, r.Value) : new ColumnFigures(s, 0, 0)).ToList();
    }

    private static async Task<IReadOnlyList<ProspectView>> SliceAsync(IQueryable<Prospect> column, int skip, int take, CancellationToken ct)
    {
        var cards = await column.OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxColumnSlice)).ToListAsync(ct);
        return cards.Select(ProspectView.From).ToList();
    }

    private CrmActivity StageChangeActivity(Prospect prospect, ProspectStage from, string? lostReason)
    {
        var data = new Dictionary<string, string> { ["from"] = ProspectEvents.StageName(from), ["to"] = ProspectEvents.StageName(prospect.Stage) };
        if (lostReason is not null) data["reason"] = lostReason;
        var body = $"Moved from {StageLabel(from)} to {StageLabel(prospect.Stage)}" + (lostReason is null ? "." : $": {lostReason}");
        return new CrmActivity
        {
            RecordType = CrmRecordType.Prospect, RecordId = prospect.Id, Kind = CrmActivityKind.StageChange,
            Body = body, Data = data, ActorId = member.UserId, OccurredAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>The stage as people read it: New, Contacted, ... Won, Lost.</summary>
    public static string StageLabel(ProspectStage stage) => stage.ToString();

    private static Result CantSee() => Result.Forbidden("You can't see prospects in this workspace.");

    private static Result StaleCard() =>
        Result.Conflict("Someone else moved or changed this card in the meantime. The board now shows where it really is.");

    private async Task<Result<double>> PositionBetweenAsync(GalaxyDbContext db, Guid movingId, ProspectStage stage, Guid? beforeId, Guid? afterId, CancellationToken ct)
    {
        var order = Prospect.OrderOf(stage);
        var column = db.Prospects.AsNoTracking().Where(p => p.StageOrder == order && p.Id != movingId);
        var above = afterId is { } a ? await column.Where(p => p.Id == a).Select(p => new Neighbour(p.Id, p.Position)).FirstOrDefaultAsync(ct) : null;
        var below = beforeId is { } b ? await column.Where(p => p.Id == b).Select(p => new Neighbour(p.Id, p.Position)).FirstOrDefaultAsync(ct) : null;
        if (afterId is not null && above is null) return Result<double>.From(NotInColumn("afterId"));
        if (beforeId is not null && below is null) return Result<double>.From(NotInColumn("beforeId"));

        // Only one neighbour given: the other is whichever card really sits next to it now.
        if (above is null && below is null)
        {
            above = await column.OrderByDescending(p => p.Position).ThenByDescending(p => p.Id).Select(p => new Neighbour(p.Id, p.Position)).FirstOrDefaultAsync(ct);
        }
        else if (below is null && beforeId is null)
        {
            below = await column.Where(p => p.Position > above!.Position).OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new Neighbour(p.Id, p.Position)).FirstOrDefaultAsync(ct);
        }
        else if (above is null && afterId is null)
        {
            above = await column.Where(p => p.Position < below!.Position).OrderByDescending(p => p.Position).ThenByDescending(p => p.Id).Select(p => new Neighbour(p.Id, p.Position)).FirstOrDefaultAsync(ct);
        }

        if (above is null) return below is null ? Step : below.Position - Step;
        if (below is null) return above.Position + Step;
        if (above.Position > below.Position)
            return Result<double>.From(Result.Invalid("position", "Those cards are no longer next to each other. Reload the board and try again."));
        if (below.Position - above.Position < MinGap)
        {
            await RenumberAsync(db, stage, movingId, ct);
            var fresh = await column.Where(p => p.Id == above.Id || p.Id == below.Id).ToDictionaryAsync(p => p.Id, p => p.Position, ct);
            (above, below) = (above with { Position = fresh[above.Id] }, below with { Position = fresh[below.Id] });
            if (above.Position >= below.Position)
                return Result<double>.From(Result.Invalid("position", "Those cards are no longer next to each other. Reload the board and try again."));
        }
        return above.Position + (below.Position - above.Position) / 2;
    }

    /// <summary>
    /// Spreads the column's cards (all but the one moving) to multiples of <see cref="Step"/> in their current order,
    /// in one statement. It bumps those rows' versions, so someone editing one of them at that instant is asked to reload.
    /// </summary>
    private async Task RenumberAsync(GalaxyDbContext db, ProspectStage stage, Guid movingId, CancellationToken ct)
    {
        var stageName = ProspectEvents.StageName(stage);
        await db.Database.ExecuteSqlAsync($"""
            update prospects as p set position = r.rn * {Step}, updated_at = now()
            from (select id, row_number() over (order by position, id) as rn
                  from prospects
                  where workspace_id = {member.WorkspaceId} and stage = {stageName}::prospect_stage and id <> {movingId}) as r
            where p.id = r.id and p.workspace_id = {member.WorkspaceId}
            """, ct);
    }

    private static Result NotInColumn(string field) =>
        Result.Invalid(field, "That card is no longer in this column. Reload the board and try again.");

    private sealed record Neighbour(Guid Id, double Position);
}
