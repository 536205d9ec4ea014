using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// A record's timeline, newest first, merged from the tables that tell its story: crm_activities (notes, logged
/// calls/emails/meetings, stage changes, conversions, merges), tasks and calendar events linked to a customer, and
/// the audit trail of the record (and of the duplicates merged into it). Paged by time: each source is read up to one
/// page past the cursor and the pages are merged, so no source is ever read in full.
/// </summary>
public sealed class CrmTimelineService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, CrmActivityService activities)
{
    public const int MaxPageSize = 100;

    /// <summary>Fields an edit touches as a side effect of something the timeline shows better elsewhere (or not at all).</summary>
    private static readonly HashSet<string> QuietFields = new(StringComparer.Ordinal)
    {
        "position", "interaction_count", "last_contacted_at", "converted_to_customer",
    };

    public async Task<Result<TimelinePage>> ListAsync(CrmRecordType type, Guid recordId, DateTime? before = null, int take = 20, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<TimelinePage>.From(Result.Forbidden("You can't see records in this workspace."));
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await ExistsAsync(db, type, recordId, ct)) return Result<TimelinePage>.From(Result.NotFound(CrmActivityService.Describe(type)));
        var cutoff = before is { } b ? DateTime.SpecifyKind(b.ToUniversalTime(), DateTimeKind.Utc) : DateTime.MaxValue;

        var entries = new List<Entry>();
        var activityRows = await db.CrmActivities.AsNoTracking()
            .Where(a => a.RecordType == type && a.RecordId == recordId && a.OccurredAt < cutoff)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        entries.AddRange(activityRows.Select(a => new Entry(a.OccurredAt, a, null, null, null)));

        if (type == CrmRecordType.Customer)
        {
            var tasks = await db.Tasks.AsNoTracking().Where(t => t.CustomerId == recordId && t.CreatedAt < cutoff)
                .OrderByDescending(t => t.CreatedAt).Take(take + 1).ToListAsync(ct);
            entries.AddRange(tasks.Select(t => new Entry(t.CreatedAt, null, t, null, null)));
            var events = await db.CalendarEvents.AsNoTracking().Where(e => e.CustomerId == recordId && e.StartTime < cutoff)
                .OrderByDescending(e => e.StartTime).Take(take + 1).ToListAsync(ct);
            entries.AddRange(events.Select(e => new Entry(e.StartTime, null, null, e, null)));
        }

        // The audit trail of this record and of every duplicate merged into it (merge activities name them).
        var mergedIds = await db.CrmActivities.AsNoTracking()
            .Where(a => a.RecordType == type && a.RecordId == recordId && a.Kind == CrmActivityKind.Merge)
            .Select(a => a.Data).ToListAsync(ct);
        var resourceIds = mergedIds.Select(d => d.GetValueOrDefault("duplicateId")).Where(id => id is not null).Cast<string>()
            .Append(recordId.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var resourceType = ResourceType(type);
        var audits = await db.AuditLogs.AsNoTracking()
            .Where(a => a.ResourceType == resourceType && resourceIds.Contains(a.ResourceId!) && a.CreatedAt < cutoff)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        entries.AddRange(audits.Select(a => new Entry(a.CreatedAt, null, null, null, a)));

        var ordered = entries.OrderByDescending(e => e.At).ToList();
        var page = ordered.Take(take).ToList();
        DateTime? next = null;
        if (ordered.Count > take)
        {
            // Entries sharing the boundary time all go on this page, so "older than the cursor" skips none of them.
            var boundary = page[^1].At;
            page.AddRange(ordered.Skip(take).TakeWhile(e => e.At == boundary));
            next = page.Count < ordered.Count ? boundary : null;
        }

        var people = await NamesAsync(db, page, ct);
        var systemActivities = page.Where(e => e.Activity is not null).Select(e => e.Activity!).ToList();
        var items = page.Select(e => ToItem(e, people, systemActivities)).Where(i => i is not null).Cast<TimelineItem>().ToList();
        return new TimelinePage(items, next);
    }

    /// <summary>The audit resource type of a record: the singular of its table (see AuditTrail).</summary>
    public static string ResourceType(CrmRecordType type) => type switch
    {
        CrmRecordType.Customer => "customer",
        CrmRecordType.Contact => "contact",
        _ => "prospect",
    };

    internal static Task<bool> ExistsAsync(GalaxyDbContext db, CrmRecordType type, Guid id, CancellationToken ct) => type switch
    {
        CrmRecordType.Customer => db.Customers.AnyAsync(c => c.Id == id, ct),
        CrmRecordType.Contact => db.Contacts.AnyAsync(c => c.Id == id, ct),
        CrmRecordType.Prospect => db.Prospects.AnyAsync(p => p.Id == id, ct),
        _ => Task.FromResult(false),
    };

    private sealed record Entry(DateTime At, CrmActivity? Activity, Data.Work.WorkTask? Task, Data.Calendar.CalendarEvent? Event, Data.Audit.AuditLog? Audit);

    private TimelineItem? ToItem(Entry e, IReadOnlyDictionary<Guid, string> people, List<CrmActivity> pageActivities)
    {
        if (e.Activity is { } a)
        {
            var mentions = a.Mentions.Select(id => new TimelineMention(id, people.GetValueOrDefault(id, "former member"))).ToList();
            var kind = (TimelineKind)(int)a.Kind;
            return new TimelineItem($"activity:{a.Id}", kind, a.OccurredAt, ActivityTitle(a), a.Body.Length == 0 ? null : a.Body,
                a.ActorId, Name(people, a.ActorId), mentions, a.Data, [], a.Id, a.Version,
                CrmActivityService.IsWritten(a.Kind) && activities.CanChange(a.ActorId));
        }
        if (e.Task is { } t)
        {
            var data = new Dictionary<string, string> { ["status"] = t.Status.ToString(), ["priority"] = t.Priority.ToString() };
            if (t.DueDate is { } due) data["dueDate"] = due.ToString("O");
            return new TimelineItem($"task:{t.Id}", TimelineKind.Task, t.CreatedAt, t.Title, t.Description, t.CreatedBy, Name(people, t.CreatedBy),
                [], data, [], null, 0, false);
        }
        if (e.Event is { } ev)
        {
            var data = new Dictionary<string, string> { ["start"] = ev.StartTime.ToString("O"), ["end"] = ev.EndTime.ToString("O"), ["allDay"] = ev.IsAllDay ? "true" : "false" };
            if (ev.Location is { Length: > 0 } location) data["location"] = location;
            return new TimelineItem($"event:{ev.Id}", TimelineKind.Event, ev.StartTime, ev.Title, ev.Description, ev.CreatedBy, Name(people, ev.CreatedBy),
                [], data, [], null, 0, false);
        }
        return AuditItem(e.Audit!, people, pageActivities);
    }

    /// <summary>
    /// An audit row as a timeline entry, without what other entries already say: a stage move the board logged as a
    /// stage change, the link a conversion or merge wrote, and bookkeeping fields (position, counters).
    /// </summary>
    private static TimelineItem? AuditItem(Data.Audit.AuditLog log, IReadOnlyDictionary<Guid, string> people, List<CrmActivity> pageActivities)
    {
        bool Near(CrmActivityKind kind) => pageActivities.Any(a => a.Kind == kind && Math.Abs((a.OccurredAt - log.CreatedAt).TotalSeconds) < 10);
        var changes = log.Changes
            .Where(c => !QuietFields.Contains(c.Key))
            .Where(c => !(c.Key == "stage" && (Near(CrmActivityKind.StageChange) || Near(CrmActivityKind.Conversion))))
            .Where(c => !(c.Key == "customer_id" && (Near(CrmActivityKind.Conversion) || Near(CrmActivityKind.Merge))))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new TimelineChange(c.Key, c.Value.Before, c.Value.After)).ToList();
        var actor = log.UserId is { } id && people.TryGetValue(id, out var known) ? known : log.UserEmail;
        switch (log.Action)
        {
            case "create":
                return new TimelineItem($"audit:{log.Id}", TimelineKind.Edit, log.CreatedAt, "Created", null, log.UserId, actor, [], new Dictionary<string, string> { ["action"] = "create" }, [], null, 0, false);
            case "update" when changes.Count == 0:
                return null;
            case "update" when changes.Count == 1 && changes[0].Field == "stage":
                return new TimelineItem($"audit:{log.Id}", TimelineKind.StageChange, log.CreatedAt, $"Moved to {Stage(changes[0].After)}", null, log.UserId, actor, [],
                    new Dictionary<string, string> { ["from"] = changes[0].Before ?? "", ["to"] = changes[0].After ?? "" }, changes, null, 0, false);
            case "update":
                return new TimelineItem($"audit:{log.Id}", TimelineKind.Edit, log.CreatedAt, changes.Count == 1 ? "Edited 1 field" : $"Edited {changes.Count} fields",
                    null, log.UserId, actor, [], new Dictionary<string, string> { ["action"] = "update" }, changes, null, 0, false);
            default:
                return null;
        }
    }

    private static string ActivityTitle(CrmActivity a) => a.Kind switch
    {
        CrmActivityKind.Note => "Note",
        CrmActivityKind.Call => "Call logged",
        CrmActivityKind.Email => "Email logged",
        CrmActivityKind.Meeting => "Meeting logged",
        CrmActivityKind.StageChange => $"Moved to {Stage(a.Data.GetValueOrDefault("to"))}",
        CrmActivityKind.Conversion => a.RecordType == CrmRecordType.Prospect ? "Converted to a customer" : "Created from a prospect",
        CrmActivityKind.Merge => "Merged a duplicate into this record",
        CrmActivityKind.Import => "Imported",
        _ => a.Kind.ToString(),
    };

    private static string Stage(string? stage) =>
        Enum.TryParse<ProspectStage>(stage, ignoreCase: true, out var s) ? s.ToString() : stage ?? "?";

    private static string? Name(IReadOnlyDictionary<Guid, string> people, Guid? id) => id is { } v ? people.GetValueOrDefault(v) : null;

    /// <summary>Display names of the people on this page (members past and present of this workspace).</summary>
    private static async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(GalaxyDbContext db, List<Entry> page, CancellationToken ct)
    {
        var ids = page.SelectMany(e => new[] { e.Activity?.ActorId, e.Task?.CreatedBy, e.Event?.CreatedBy, e.Audit?.UserId }
                .Concat((e.Activity?.Mentions ?? []).Select(m => (Guid?)m)))
            .Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, string>();
        var rows = await db.WorkspaceMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email }).ToListAsync(ct);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => MemberService.DisplayName(g.First().FirstName, g.First().LastName, g.First().Email));
    }
}
