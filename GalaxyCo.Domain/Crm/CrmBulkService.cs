using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Bulk actions of the CRM lists: assign an owner, add or remove a tag, change prospects' stage, delete (with an undo
/// window). Each action is one transaction over tracked rows, so the audit trail records every changed record as a
/// single edit would, and the database triggers keep search terms and live notifications right. Ids that are not
/// records of this workspace are left alone and reported in <see cref="CrmBulkResult.NotFound"/>.
/// </summary>
public sealed class CrmBulkService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    /// <summary>The most records one action may touch: enough for a few pages of a list, small enough to audit row by row.</summary>
    public const int MaxIds = 1000;

    /// <summary>How long a bulk delete waits for an undo by default.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromSeconds(6);

    /// <summary>Makes <paramref name="assignTo"/> (an active member, or null for nobody) the owner of the records.</summary>
    public Task<Result<CrmBulkResult>> AssignAsync(CrmRecordType type, IReadOnlyCollection<Guid> ids, Guid? assignTo, CancellationToken ct = default) =>
        UpdateAsync(type, ids, async (db, check) => await CrmRecords.CheckAssigneeAsync(db, assignTo, check, ct), async (records, db) =>
        {
            var changes = new List<CrmAssignmentNotices.Change>();
            foreach (var r in records.Where(r => r.AssignedTo != assignTo))
            {
                changes.Add(new(type, r.Id, r.Name, r.AssignedTo, assignTo));
                r.AssignedTo = assignTo;
            }
            // The new owner hears about it in the same save (one notice for many records).
            await CrmAssignmentNotices.AddAsync(db, member, changes, ct);
            return changes.Count;
        }, ct);

    /// <summary>Adds <paramref name="tag"/> (normalised as tags are everywhere) to records that lack it; records already at the tag limit are left as they are.</summary>
    public Task<Result<CrmBulkResult>> AddTagAsync(CrmRecordType type, IReadOnlyCollection<Guid> ids, string? tag, CancellationToken ct = default)
    {
        var normalised = NormaliseTag(tag, out var invalid);
        if (invalid is not null) return Task.FromResult(Result<CrmBulkResult>.From(invalid));
        return UpdateAsync(type, ids, null, (records, _) =>
        {
            var changed = 0;
            foreach (var r in records.Where(r => !r.Tags.Contains(normalised) && r.Tags.Count < CrmInputCheck.MaxTags))
            {
                r.Tags = [.. r.Tags, normalised];
                changed++;
            }
            return Task.FromResult(changed);
        }, ct);
    }

    public Task<Result<CrmBulkResult>> RemoveTagAsync(CrmRecordType type, IReadOnlyCollection<Guid> ids, string? tag, CancellationToken ct = default)
    {
        var normalised = NormaliseTag(tag, out var invalid);
        if (invalid is not null) return Task.FromResult(Result<CrmBulkResult>.From(invalid));
        return UpdateAsync(type, ids, null, (records, _) =>
        {
            var changed = 0;
            foreach (var r in records.Where(r => r.Tags.Contains(normalised)))
            {
                r.Tags = r.Tags.Where(t => t != normalised).ToList();
                changed++;
            }
            return Task.FromResult(changed);
        }, ct);
    }

    /// <summary>
    /// Moves prospects into <paramref name="stage"/> as the board does: at the bottom of the target column, in their
    /// current board order, each with a prospect.stage_changed event. Prospects already in that stage stay where they are.
    /// </summary>
    public async Task<Result<CrmBulkResult>> ChangeStageAsync(IReadOnlyCollection<Guid> ids, ProspectStage stage, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<CrmBulkResult>.From(Result.Forbidden("You can't change prospects in this workspace."));
        if (!Enum.IsDefined(stage)) return Result<CrmBulkResult>.From(Result.Invalid("stage", "Pick a stage."));
        if (CheckIds(ids) is { } invalid) return Result<CrmBulkResult>.From(invalid);
        var wanted = ids.Distinct().ToList();

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var prospects = await db.Prospects.Where(p => wanted.Contains(p.Id)).ToListAsync(ct);
        if (prospects.Count == 0) return Result<CrmBulkResult>.From(Result.NotFound("Those prospects"));

        var moving = prospects.Where(p => p.Stage != stage).OrderBy(p => p.Stage).ThenBy(p => p.Position).ThenBy(p => p.Id).ToList();
        var position = await ProspectBoardService.BottomPositionAsync(db, stage, Guid.Empty, ct);
        foreach (var p in moving)
        {
            var from = p.Stage;
            p.Stage = stage;
            p.Position = position;
            position += ProspectBoardService.Step;
            db.OutboxMessages.Add(ProspectEvents.StageChange(p, from, member.UserId));
        }
        return await SaveAsync(db, tx, moving.Count, wanted, prospects.Select(p => p.Id), ct);
    }

    /// <summary>Deletes the records now, in one transaction. Customers' contacts and prospects stay, unlinked.</summary>
    public async Task<Result<CrmBulkResult>> DeleteAsync(CrmRecordType type, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result<CrmBulkResult>.From(Result.Forbidden("You can't delete records in this workspace."));
        if (CheckIds(ids) is { } invalid) return Result<CrmBulkResult>.From(invalid);
        var wanted = ids.Distinct().ToList();

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        List<Guid> found;
        switch (type)
        {
            case CrmRecordType.Customer:
                var customers = await db.Customers.Where(c => wanted.Contains(c.Id)).ToListAsync(ct);
                db.Customers.RemoveRange(customers);
                found = customers.ConvertAll(c => c.Id);
                break;
            case CrmRecordType.Contact:
                var contacts = await db.Contacts.Where(c => wanted.Contains(c.Id)).ToListAsync(ct);
                db.Contacts.RemoveRange(contacts);
                found = contacts.ConvertAll(c => c.Id);
                break;
            case CrmRecordType.Prospect:
                var prospects = await db.Prospects.Where(p => wanted.Contains(p.Id)).ToListAsync(ct);
                db.Prospects.RemoveRange(prospects);
                found = prospects.ConvertAll(p => p.Id);
                break;
            default:
                return Result<CrmBulkResult>.From(Result.Invalid("type", "Pick customers, contacts or prospects."));
        }
        if (found.Count == 0) return Result<CrmBulkResult>.From(Result.NotFound("Those records"));
        return await SaveAsync(db, tx, found.Count, wanted, found, ct);
    }

    /// <summary>
    /// Starts a delete that waits <paramref name="undoWindow"/> (default <see cref="UndoWindow"/>) before it runs:
    /// until then nothing is deleted and <see cref="PendingDelete.Undo"/> cancels it. Permission and ids are checked
    /// now, so a refused delete is answered at once rather than after the window.
    /// </summary>
    public Result<PendingDelete> ScheduleDelete(CrmRecordType type, IReadOnlyCollection<Guid> ids, TimeSpan? undoWindow = null)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result<PendingDelete>.From(Result.Forbidden("You can't delete records in this workspace."));
        if (CheckIds(ids) is { } invalid) return Result<PendingDelete>.From(invalid);
        if (type is not (CrmRecordType.Customer or CrmRecordType.Contact or CrmRecordType.Prospect))
            return Result<PendingDelete>.From(Result.Invalid("type", "Pick customers, contacts or prospects."));
        var snapshot = ids.Distinct().ToList();
        return new PendingDelete(type, snapshot, undoWindow ?? UndoWindow, clock, ct => DeleteAsync(type, snapshot, ct));
    }

    private static Result? CheckIds(IReadOnlyCollection<Guid>? ids)
    {
        if (ids is null || ids.Count == 0) return Result.Invalid("ids", "Select at least one record.");
        if (ids.Distinct().Count() > MaxIds) return Result.Invalid("ids", $"Select at most {MaxIds:N0} records for one action.");
        return null;
    }

    private static string NormaliseTag(string? tag, out Result? invalid)
    {
        var check = new CrmInputCheck();
        var tags = check.Tags("tag", [tag ?? ""]);
        invalid = check.Failed ? check.Invalid() : tags.Count == 0 ? Result.Invalid("tag", "Type a tag.") : null;
        return tags.FirstOrDefault() ?? "";
    }

    /// <summary>Loads the records of <paramref name="type"/> tracked, lets <paramref name="change"/> edit them, saves once.</summary>
    private async Task<Result<CrmBulkResult>> UpdateAsync(
        CrmRecordType type, IReadOnlyCollection<Guid> ids, Func<GalaxyDbContext, CrmInputCheck, Task>? validate,
        Func<IReadOnlyList<IBulkRecord>, GalaxyDbContext, Task<int>> change, CancellationToken ct)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<CrmBulkResult>.From(Result.Forbidden("You can't change records in this workspace."));
        if (CheckIds(ids) is { } invalid) return Result<CrmBulkResult>.From(invalid);
        if (type is not (CrmRecordType.Customer or CrmRecordType.Contact or CrmRecordType.Prospect))
            return Result<CrmBulkResult>.From(Result.Invalid("type", "Pick customers, contacts or prospects."));
        var wanted = ids.Distinct().ToList();

        await using var db = await factory.CreateDbContextAsync(ct);
        if (validate is not null)
        {
            var check = new CrmInputCheck();
            await validate(db, check);
            if (check.Failed) return Result<CrmBulkResult>.From(check.Invalid());
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        IReadOnlyList<IBulkRecord> records = type switch
        {
            CrmRecordType.Customer => (await db.Customers.Where(c => wanted.Contains(c.Id)).ToListAsync(ct)).ConvertAll(c => (IBulkRecord)new CustomerRecord(c)),
            CrmRecordType.Contact => (await db.Contacts.Where(c => wanted.Contains(c.Id)).ToListAsync(ct)).ConvertAll(c => (IBulkRecord)new ContactRecord(c)),
            CrmRecordType.Prospect => (await db.Prospects.Where(p => wanted.Contains(p.Id)).ToListAsync(ct)).ConvertAll(p => (IBulkRecord)new ProspectRecord(p)),
            _ => [],
        };
        if (records.Count == 0) return Result<CrmBulkResult>.From(Result.NotFound("Those records"));
        var changed = await change(records, db);
        return await SaveAsync(db, tx, changed, wanted, records.Select(r => r.Id), ct);
    }

    private static async Task<Result<CrmBulkResult>> SaveAsync(
        GalaxyDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, int changed, List<Guid> wanted, IEnumerable<Guid> found, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CrmBulkResult>.From(Result.Conflict("Someone else changed some of these records at the same moment. Nothing was changed; try again."));
        }
        var foundSet = found.ToHashSet();
        return new CrmBulkResult(changed, wanted.Where(id => !foundSet.Contains(id)).ToList());
    }

    /// <summary>The fields a bulk edit touches, the same on customers, contacts and prospects.</summary>
    private interface IBulkRecord
    {
        Guid Id { get; }
        string Name { get; }
        Guid? AssignedTo { get; set; }
        List<string> Tags { get; set; }
    }

    private sealed class CustomerRecord(Customer c) : IBulkRecord
    {
        public Guid Id => c.Id;
        public string Name => c.Name;
        public Guid? AssignedTo { get => c.AssignedTo; set => c.AssignedTo = value; }
        public List<string> Tags { get => c.Tags; set => c.Tags = value; }
    }

    private sealed class ContactRecord(Contact c) : IBulkRecord
    {
        public Guid Id => c.Id;
        public string Name => $"{c.FirstName} {c.LastName}".Trim() is { Length: > 0 } n ? n : c.Email;
        public Guid? AssignedTo { get => c.AssignedTo; set => c.AssignedTo = value; }
        public List<string> Tags { get => c.Tags; set => c.Tags = value; }
    }

    private sealed class ProspectRecord(Prospect p) : IBulkRecord
    {
        public Guid Id => p.Id;
        public string Name => p.Name;
        public Guid? AssignedTo { get => p.AssignedTo; set => p.AssignedTo = value; }
        public List<string> Tags { get => p.Tags; set => p.Tags = value; }
    }
}
