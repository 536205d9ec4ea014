using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Board;

/// <summary>
/// The task board: one column per status, cards ordered by a fractional position so a move writes one row (the card
/// gets the midpoint between its new neighbours; only when neighbours get closer than <see cref="MinGap"/> is the
/// column renumbered, in one statement). Columns are read one index range at a time, filtered on the generated
/// status_order: enum equality is not leakproof, so under row-level security no index could serve it.
/// </summary>
public sealed class TaskBoardService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    /// <summary>Distance between cards after a renumber and for cards added at either end.</summary>
    public const double Step = 1024;

    /// <summary>Below this gap a midpoint stops being reliably between its neighbours in a double.</summary>
    public const double MinGap = 1e-9;

    /// <summary>Cards a board shows per column before the person scrolls for more.</summary>
    public const int FirstSlice = 30;

    public const int MaxColumnSlice = 200;

    /// <summary>At most this many cards are fetched by id at once (live updates name at most 50).</summary>
    public const int MaxBatch = 500;

    /// <summary>
    /// Columns are counted up to this many (and one more): with a million tasks, counting a whole column on every
    /// render would cost more than the board itself.
    /// </summary>
    public const int CountCap = 10_000;

    /// <summary>Every status in board order, left to right.</summary>
    public static IReadOnlyList<WorkTaskStatus> Statuses { get; } = Enum.GetValues<WorkTaskStatus>();

    /// <summary>Every column's count and its first <paramref name="take"/> cards (one index range per column).</summary>
    public async Task<Result<IReadOnlyList<TaskBoardColumn>>> GetBoardAsync(TaskBoardFilter filter, int take = FirstSlice, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<TaskBoardColumn>>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        var columns = new List<TaskBoardColumn>(Statuses.Count);
        foreach (var status in Statuses)
        {
            var column = Column(db, filter, status);
            var cards = await SliceAsync(column, 0, take, ct);
            // A slice shorter than asked for is the whole column: no need to count it.
            var count = cards.Count < Math.Clamp(take, 1, MaxColumnSlice) ? cards.Count : await CountAsync(column, ct);
            columns.Add(new TaskBoardColumn(status, count, cards));
        }
        return columns;
    }

    /// <summary>A slice of one column in board order under <paramref name="filter"/>, with the column's count.</summary>
    public async Task<Result<TaskBoardColumn>> GetColumnAsync(WorkTaskStatus status, TaskBoardFilter filter, int skip, int take = FirstSlice, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<TaskBoardColumn>.From(CantSee());
        if (!Enum.IsDefined(status)) return Result<TaskBoardColumn>.From(Result.Invalid("status", "Pick a status."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var column = Column(db, filter, status);
        return new TaskBoardColumn(status, await CountAsync(column, ct), await SliceAsync(column, skip, take, ct));
    }

    /// <summary>Every column's count under <paramref name="filter"/>.</summary>
    public async Task<Result<IReadOnlyList<TaskColumnFigures>>> GetFiguresAsync(TaskBoardFilter filter, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<TaskColumnFigures>>.From(CantSee());
        await using var db = await factory.CreateDbContextAsync(ct);
        var figures = new List<TaskColumnFigures>(Statuses.Count);
        foreach (var status in Statuses) figures.Add(new TaskColumnFigures(status, await CountAsync(Column(db, filter, status), ct)));
        return figures;
    }

    /// <summary>
    /// The cards with these ids that exist in this workspace and match <paramref name="filter"/>: what a live board
    /// re-reads when it hears they changed. A missing id was deleted, left the filter, or is another workspace's.
    /// </summary>
    public async Task<Result<IReadOnlyList<TaskCard>>> GetCardsAsync(IReadOnlyCollection<Guid> ids, TaskBoardFilter? filter = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<TaskCard>>.From(CantSee());
        if (ids.Count > MaxBatch) return Result<IReadOnlyList<TaskCard>>.From(Result.Invalid("ids", $"Ask for at most {MaxBatch} cards at once."));
        if (ids.Count == 0) return Result<IReadOnlyList<TaskCard>>.Ok([]);
        await using var db = await factory.CreateDbContextAsync(ct);
        var wanted = ids.Distinct().ToList();
        return await Cards(Filtered(db, filter ?? TaskBoardFilter.None).Where(t => wanted.Contains(t.Id))).ToListAsync(ct);
    }

    /// <summary>
    /// Moves a card into <paramref name="status"/>'s column: right after <paramref name="afterId"/> (the card above) or
    /// right before <paramref name="beforeId"/> (the card below), or at the bottom when neither is given. Writes one
    /// row. completed_at follows the task rules (set on becoming done, cleared on leaving it). A stale
    /// <paramref name="version"/> answers Conflict and changes nothing.
    /// </summary>
    public async Task<Result<TaskCard>> MoveAsync(Guid id, WorkTaskStatus status, Guid? beforeId, Guid? afterId, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<TaskCard>.From(Result.Forbidden("You can't move tasks in this workspace."));
        if (!Enum.IsDefined(status)) return Result<TaskCard>.From(Result.Invalid("status", "Pick a status."));
        if (beforeId == id || afterId == id) return Result<TaskCard>.From(Result.Invalid("position", "A card can't be placed next to itself."));

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Result<TaskCard>.From(Result.NotFound("Task"));
        if (task.Version != version) return Result<TaskCard>.From(StaleCard());

        var position = await PositionBetweenAsync(db, id, status, beforeId, afterId, ct);
        if (!position.Succeeded) return Result<TaskCard>.From(position);

        db.Entry(task).Property(t => t.Version).OriginalValue = version;
        Tasks.TaskRules.SetStatus(task, status, clock.GetUtcNow().UtcDateTime);
        task.BoardPosition = position.Value;
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<TaskCard>.From(StaleCard());
        }
        var projectName = task.ProjectId is { } projectId ? await db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        return new TaskCard(task.Id, task.Title, task.Status, task.Priority, task.AssignedTo, task.DueDate, task.ProjectId, projectName,
            task.BoardPosition, task.CompletedAt, task.Version);
    }

    private static IQueryable<WorkTask> Filtered(GalaxyDbContext db, TaskBoardFilter filter)
    {
        var q = db.Tasks.AsNoTracking();
        if (filter.ProjectId is { } project) q = q.Where(t => t.ProjectId == project);
        if (filter.AssignedTo is { } person) q = q.Where(t => t.AssignedTo == person);
        return q;
    }

    private static IQueryable<WorkTask> Column(GalaxyDbContext db, TaskBoardFilter filter, WorkTaskStatus status)
    {
        var order = WorkTask.OrderOf(status);
        return Filtered(db, filter).Where(t => t.StatusOrder == order);
    }

    private static Task<int> CountAsync(IQueryable<WorkTask> column, CancellationToken ct) => column.Take(CountCap + 1).CountAsync(ct);

    private static async Task<IReadOnlyList<TaskCard>> SliceAsync(IQueryable<WorkTask> column, int skip, int take, CancellationToken ct) =>
        await Cards(column.OrderBy(t => t.BoardPosition).ThenBy(t => t.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxColumnSlice))).ToListAsync(ct);

    private static IQueryable<TaskCard> Cards(IQueryable<WorkTask> tasks) =>
        tasks.Select(t => new TaskCard(t.Id, t.Title, t.Status, t.Priority, t.AssignedTo, t.DueDate, t.ProjectId,
            t.Project != null ? t.Project.Name : null, t.BoardPosition, t.CompletedAt, t.Version));

    private static Result CantSee() => Result.Forbidden("You can't see tasks in this workspace.");

    private static Result StaleCard() =>
        Result.Conflict("Someone else moved or changed this task in the meantime. The board now shows where it really is.");

    private static Result NotInColumn(string field) =>
        Result.Invalid(field, "That card is no longer in this column. Reload the board and try again.");

    private static Result NotAdjacent() =>
        Result.Invalid("position", "Those cards are no longer next to each other. Reload the board and try again.");

    private async Task<Result<double>> PositionBetweenAsync(GalaxyDbContext db, Guid movingId, WorkTaskStatus status, Guid? beforeId, Guid? afterId, CancellationToken ct)
    {
        var order = WorkTask.OrderOf(status);
        var column = db.Tasks.AsNoTracking().Where(t => t.StatusOrder == order && t.Id != movingId);
        var above = afterId is { } a ? await column.Where(t => t.Id == a).Select(t => new Neighbour(t.Id, t.BoardPosition)).FirstOrDefaultAsync(ct) : null;
        var below = beforeId is { } b ? await column.Where(t => t.Id == b).Select(t => new Neighbour(t.Id, t.BoardPosition)).FirstOrDefaultAsync(ct) : null;
        if (afterId is not null && above is null) return Result<double>.From(NotInColumn("afterId"));
        if (beforeId is not null && below is null) return Result<double>.From(NotInColumn("beforeId"));

        // One neighbour given: the other is whichever card really sits next to it now (ties broken by id, as the board orders).
        if (above is null && below is null)
        {
            above = await column.OrderByDescending(t => t.BoardPosition).ThenByDescending(t => t.Id).Select(t => new Neighbour(t.Id, t.BoardPosition)).FirstOrDefaultAsync(ct);
        }
        else if (below is null && beforeId is null)
        {
            var p = above!.Position;
            var i = above.Id;
            below = await column.Where(t => t.BoardPosition > p || (t.BoardPosition == p && t.Id.CompareTo(i) > 0))
                .OrderBy(t => t.BoardPosition).ThenBy(t => t.Id).Select(t => new Neighbour(t.Id, t.BoardPosition)).FirstOrDefaultAsync(ct);
        }
        else if (above is null && afterId is null)
        {
            var p = below!.Position;
            var i = below.Id;
            above = await column.Where(t => t.BoardPosition < p || (t.BoardPosition == p && t.Id.CompareTo(i) < 0))
                .OrderByDescending(t => t.BoardPosition).ThenByDescending(t => t.Id).Select(t => new Neighbour(t.Id, t.BoardPosition)).FirstOrDefaultAsync(ct);
        }

        if (above is null) return below is null ? Step : below.Position - Step;
        if (below is null) return above.Position + Step;
        if (above.Position > below.Position) return Result<double>.From(NotAdjacent());
        if (below.Position - above.Position < MinGap)
        {
            await RenumberAsync(db, order, movingId, ct);
            var fresh = await column.Where(t => t.Id == above.Id || t.Id == below.Id).ToDictionaryAsync(t => t.Id, t => t.BoardPosition, ct);
            (above, below) = (above with { Position = fresh[above.Id] }, below with { Position = fresh[below.Id] });
            if (above.Position >= below.Position) return Result<double>.From(NotAdjacent());
        }
        return above.Position + (below.Position - above.Position) / 2;
    }

    /// <summary>
    /// Spreads the column's cards (all but the one moving) to multiples of <see cref="Step"/> in their current order,
    /// in one statement. It bumps those rows' versions, so someone editing one of them at that instant is asked to reload.
    /// </summary>
    private async Task RenumberAsync(GalaxyDbContext db, short statusOrder, Guid movingId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            update tasks as t set board_position = r.rn * {Step}, updated_at = now()
            from (select id, row_number() over (order by board_position, id) as rn
                  from tasks
                  where workspace_id = {member.WorkspaceId} and status_order = {statusOrder} and id <> {movingId}) as r
            where t.id = r.id and t.workspace_id = {member.WorkspaceId}
            """, ct);
    }

    private sealed record Neighbour(Guid Id, double Position);
}
