using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// What people write on a record's timeline: notes with @mentions and logged calls, emails and meetings. Logging an
/// interaction touches the record too (last contacted, and a prospect's interaction count, which lead scoring reads).
/// Reading the merged timeline is <see cref="CrmTimelineService"/>.
/// </summary>
public sealed class CrmActivityService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public const int BodyMaxLength = 10_000;
    public const int MaxMentions = 20;
    public const int MaxDurationMinutes = 24 * 60;

    /// <summary>Whether this person may edit or delete an entry written by <paramref name="actorId"/>: their own, or any as an admin.</summary>
    public bool CanChange(Guid? actorId) =>
        member.Can(Permissions.RecordsWrite) && (actorId == member.UserId || Permissions.Rank(member.Role) >= Permissions.Rank(UserRole.Admin));

    public async Task<Result<Guid>> AddNoteAsync(CrmRecordType type, Guid recordId, NoteInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<Guid>.From(Result.Forbidden("You can't add notes in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await FindRecordAsync(db, type, recordId, ct);
        if (record is null) return Result<Guid>.From(Result.NotFound(Describe(type)));

        var check = new CrmInputCheck();
        var body = check.Required("body", input.Body, BodyMaxLength, "Write something first.");
        var mentions = await CheckMentionsAsync(db, input.Mentions, check, ct);
        if (check.Failed) return Result<Guid>.From(check.Invalid());

        var activity = new CrmActivity
        {
            RecordType = type, RecordId = recordId, Kind = CrmActivityKind.Note, Body = body, Mentions = mentions,
            ActorId = member.UserId, OccurredAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CrmActivities.Add(activity);
        await NotifyMentionedAsync(db, record, mentions, [], body, ct);
        await db.SaveChangesAsync(ct);
        return activity.Id;
    }

    /// <summary>Logs a call, email or meeting; the record's last-contacted time moves forward and a prospect's interaction count goes up.</summary>
    public async Task<Result<Guid>> LogInteractionAsync(CrmRecordType type, Guid recordId, InteractionInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<Guid>.From(Result.Forbidden("You can't log activity in this workspace."));
        var check = new CrmInputCheck();
        if (input.Kind is not (CrmActivityKind.Call or CrmActivityKind.Email or CrmActivityKind.Meeting)) check.Add("kind", "Pick call, email or meeting.");
        var body = check.Optional("body", input.Body, BodyMaxLength) ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        var occurredAt = input.OccurredAt is { } at ? DateTime.SpecifyKind(at.ToUniversalTime(), DateTimeKind.Utc) : now;
        if (occurredAt > now.AddMinutes(5)) check.Add("occurredAt", "Pick a time that has already happened.");
        else if (occurredAt < new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)) check.Add("occurredAt", "Pick a date after 2000.");
        if (input.DurationMinutes is < 1 or > MaxDurationMinutes) check.Add("durationMinutes", $"A duration goes from 1 to {MaxDurationMinutes} minutes.");

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the record so two people logging at once both count, and a concurrent edit keeps its own change.
        var record = await FindRecordAsync(db, type, recordId, ct, forUpdate: true);
        if (record is null) return Result<Guid>.From(Result.NotFound(Describe(type)));
        var mentions = await CheckMentionsAsync(db, input.Mentions, check, ct);
        if (check.Failed) return Result<Guid>.From(check.Invalid());

        var data = new Dictionary<string, string>();
        if (input.DurationMinutes is { } minutes) data["durationMinutes"] = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var activity = new CrmActivity
        {
            RecordType = type, RecordId = recordId, Kind = input.Kind, Body = body, Mentions = mentions, Data = data,
            ActorId = member.UserId, OccurredAt = occurredAt,
        };
        db.CrmActivities.Add(activity);
        record.Touch(occurredAt, +1);
        await NotifyMentionedAsync(db, record, mentions, [], body, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return activity.Id;
    }

    /// <summary>Edits the text (and mentions) of a note or logged interaction. System entries (stage changes, merges) can't be edited.</summary>
    public async Task<Result> UpdateAsync(Guid activityId, NoteInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result.Forbidden("You can't edit notes in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await db.CrmActivities.FirstOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return Result.NotFound("Note");
        if (!IsWritten(activity.Kind)) return Result.Invalid("activity", "Entries the system wrote can't be edited.");
        if (!CanChange(activity.ActorId)) return Result.Forbidden("Only its author or an admin can edit this.");

        var check = new CrmInputCheck();
        var body = activity.Kind == CrmActivityKind.Note
            ? check.Required("body", input.Body, BodyMaxLength, "Write something first.")
            : check.Optional("body", input.Body, BodyMaxLength) ?? "";
        var mentions = await CheckMentionsAsync(db, input.Mentions, check, ct);
        if (check.Failed) return check.Invalid();

        db.Entry(activity).Property(a => a.Version).OriginalValue = version;
        var before = activity.Mentions;
        activity.Body = body;
        activity.Mentions = mentions;
        var record = await FindRecordAsync(db, activity.RecordType, activity.RecordId, ct);
        if (record is not null) await NotifyMentionedAsync(db, record, mentions, before, body, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict("Someone else changed this note in the meantime. Reload to see their change, then try again.");
        }
        return Result.Ok();
    }

    /// <summary>Deletes a note or logged interaction; deleting a logged interaction takes it back off a prospect's interaction count.</summary>
    public async Task<Result> DeleteAsync(Guid activityId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result.Forbidden("You can't delete notes in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var activity = await db.CrmActivities.FirstOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return Result.NotFound("Note");
        if (!IsWritten(activity.Kind)) return Result.Invalid("activity", "Entries the system wrote can't be deleted.");
        if (!CanChange(activity.ActorId)) return Result.Forbidden("Only its author or an admin can delete this.");

        db.CrmActivities.Remove(activity);
        if (activity.Kind != CrmActivityKind.Note
            && await FindRecordAsync(db, activity.RecordType, activity.RecordId, ct, forUpdate: true) is { } record)
        {
            record.Touch(null, -1);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    internal static bool IsWritten(CrmActivityKind kind) =>
        kind is CrmActivityKind.Note or CrmActivityKind.Call or CrmActivityKind.Email or CrmActivityKind.Meeting;

    internal static string Describe(CrmRecordType type) => type switch
    {
        CrmRecordType.Customer => "Customer",
        CrmRecordType.Contact => "Contact",
        _ => "Prospect",
    };

    /// <summary>Mentioned ids must be active members of this workspace: anyone else would be told about a record they can't see.</summary>
    private static async Task<List<Guid>> CheckMentionsAsync(GalaxyDbContext db, IReadOnlyList<Guid>? mentions, CrmInputCheck check, CancellationToken ct)
    {
        var ids = (mentions ?? []).Distinct().ToList();
        if (ids.Count == 0) return ids;
        if (ids.Count > MaxMentions)
        {
            check.Add("mentions", $"Mention at most {MaxMentions} people.");
            return ids;
        }
        var members = await db.WorkspaceMembers.Where(m => ids.Contains(m.UserId) && m.IsActive).Select(m => m.UserId).ToListAsync(ct);
        if (members.Count != ids.Count) check.Add("mentions", "You can only mention members of this workspace.");
        return ids;
    }

    /// <summary>Tells newly mentioned people (not the writer) where they were mentioned, in the same save.</summary>
    private async Task NotifyMentionedAsync(GalaxyDbContext db, TrackedRecord record, List<Guid> mentions, List<Guid> alreadyMentioned, string body, CancellationToken ct)
    {
        var notify = mentions.Except(alreadyMentioned).Where(id => id != member.UserId).ToList();
        if (notify.Count == 0) return;
        var me = await db.WorkspaceMembers.AsNoTracking().Where(m => m.UserId == member.UserId)
            .Select(m => new { m.User!.FirstName, m.User.LastName, m.User.Email }).FirstOrDefaultAsync(ct);
        var who = me is null ? "Someone" : MemberService.DisplayName(me.FirstName, me.LastName, me.Email);
        var excerpt = body.Length > 200 ? body[..200] + "…" : body;
        await NotificationSender.AddAsync(db, notify.Select(userId => new NotificationMessage(userId, NotificationType.Mention,
            $"{who} mentioned you on {record.Name}", excerpt, $"/w/{member.WorkspaceSlug}/crm/{record.Route}/{record.Id}", "Open",
            new Dictionary<string, string> { ["recordType"] = record.Type.ToString(), ["recordId"] = record.Id.ToString() },
            NotificationCategories.Mention)).ToList(), ct);
    }

    /// <summary>The record an activity belongs to, tracked so logging can touch it; null when it isn't in this workspace.</summary>
    internal static async Task<TrackedRecord?> FindRecordAsync(GalaxyDbContext db, CrmRecordType type, Guid id, CancellationToken ct, bool forUpdate = false)
    {
        switch (type)
        {
            case CrmRecordType.Customer:
                if (forUpdate) await db.Database.ExecuteSqlAsync($"select 1 from customers where id = {id} for update", ct);
                return await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) is { } customer ? new TrackedRecord(customer) : null;
            case CrmRecordType.Contact:
                if (forUpdate) await db.Database.ExecuteSqlAsync($"select 1 from contacts where id = {id} for update", ct);
                return await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct) is { } contact ? new TrackedRecord(contact) : null;
            case CrmRecordType.Prospect:
                if (forUpdate) await db.Database.ExecuteSqlAsync($"select 1 from prospects where id = {id} for update", ct);
                return await db.Prospects.FirstOrDefaultAsync(p => p.Id == id, ct) is { } prospect ? new TrackedRecord(prospect) : null;
            default:
                return null;
        }
    }

    /// <summary>A customer, contact or prospect seen through what the timeline needs of it.</summary>
    internal sealed class TrackedRecord
    {
        private readonly Customer? customer;
        private readonly Contact? contact;
        private readonly Prospect? prospect;

        public TrackedRecord(Customer c) => (customer, Type, Id, Name, Route) = (c, CrmRecordType.Customer, c.Id, c.Name, "customers");
        public TrackedRecord(Contact c) => (contact, Type, Id, Name, Route) = (c, CrmRecordType.Contact, c.Id, $"{c.FirstName} {c.LastName}".Trim() is { Length: > 0 } n ? n : c.Email, "contacts");
        public TrackedRecord(Prospect p) => (prospect, Type, Id, Name, Route) = (p, CrmRecordType.Prospect, p.Id, p.Name, "prospects");

        public CrmRecordType Type { get; }
        public Guid Id { get; }
        public string Name { get; }
        public string Route { get; }

        /// <summary>Moves last-contacted forward to <paramref name="contactedAt"/> (never back) and adds <paramref name="interactions"/> to a prospect's count.</summary>
        public void Touch(DateTime? contactedAt, int interactions)
        {
            if (customer is not null) customer.LastContactedAt = Later(customer.LastContactedAt, contactedAt);
            if (contact is not null) contact.LastContactedAt = Later(contact.LastContactedAt, contactedAt);
            if (prospect is not null)
            {
                prospect.LastContactedAt = Later(prospect.LastContactedAt, contactedAt);
                prospect.InteractionCount = Math.Max(0, prospect.InteractionCount + interactions);
            }
        }

        private static DateTime? Later(DateTime? current, DateTime? candidate) =>
            candidate is null ? current : current is null || candidate > current ? candidate : current;
    }
}
