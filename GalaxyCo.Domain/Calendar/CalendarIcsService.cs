using GalaxyCo.Data;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Calendar;

/// <summary>.ics download of one event and import of an uploaded .ics file (preview first, then the chosen items).</summary>
public sealed class CalendarIcsService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    /// <summary>Largest .ics upload accepted.</summary>
    public const int MaxImportBytes = 2 * 1024 * 1024;

    /// <summary>Most VEVENTs one file may hold.</summary>
    public const int MaxImportEvents = 2_000;

    /// <summary>One event as an .ics file: VEVENT with RRULE, EXDATE and RECURRENCE-ID overrides, TZID with its VTIMEZONE.</summary>
    public async Task<Result<IcsFile>> ExportEventAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IcsFile>.From(Result.Forbidden("You can't see the calendar of this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.CalendarEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Result<IcsFile>.From(Result.NotFound("Event"));
        var exceptions = await db.CalendarEventExceptions.AsNoTracking().Where(x => x.EventId == id).ToListAsync(ct);
        var people = await CalendarRangeReader.PeopleAsync(db, ct);
        var ics = IcsWriter.Write([(e, exceptions)], "PUBLISH", clock.GetUtcNow().UtcDateTime, people.Values.ToDictionary(p => p.UserId, p => p.Email));
        return new IcsFile(FileName(e.Title), ics);
    }

    /// <summary>
    /// Parses an upload (at most <see cref="MaxImportBytes"/> and <see cref="MaxImportEvents"/> events) and lists
    /// what an import would do. A file that is not iCalendar answers Invalid("file", a clear message).
    /// </summary>
    public async Task<Result<IcsImportPreview>> PreviewImportAsync(string content, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<IcsImportPreview>.From(Result.Forbidden("You can't add events in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var (error, items) = await ReadAsync(db, content, ct);
        if (error is not null) return Result<IcsImportPreview>.From(Result.Invalid("file", error));
        return new IcsImportPreview(items.Select(i => i.Preview).ToList());
    }

    /// <summary>
    /// Imports the items at <paramref name="indexes"/> (null: every importable one) of the same upload, in one
    /// transaction, created by the current member. Items that cannot be imported are reported, never half-written.
    /// </summary>
    public async Task<Result<IcsImportReport>> ImportAsync(string content, IReadOnlyCollection<int>? indexes = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<IcsImportReport>.From(Result.Forbidden("You can't add events in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var (error, items) = await ReadAsync(db, content, ct);
        if (error is not null) return Result<IcsImportReport>.From(Result.Invalid("file", error));
        var chosen = items.Where(i => indexes is null || indexes.Contains(i.Preview.Index)).ToList();
        var ids = new List<Guid>();
        foreach (var item in chosen.Where(i => i.Event is not null))
        {
            item.Event!.CreatedBy = member.UserId;
            db.CalendarEvents.Add(item.Event);
            db.CalendarEventExceptions.AddRange(item.Exceptions);
            ids.Add(item.Event.Id);
        }
        if (ids.Count > 0) await db.SaveChangesAsync(ct);
        return new IcsImportReport(ids.Count, chosen.Where(i => i.Event is null).Select(i => i.Preview).ToList(), ids);
    }

    /// <summary>Parses and marks what is already here: one of our own exported events by its UID, or the same title at the same start.</summary>
    private static async Task<(string? Error, List<IcsParsedItem> Items)> ReadAsync(GalaxyDbContext db, string content, CancellationToken ct)
    {
        var (error, items) = IcsReader.Read(content, CalendarTime.DefaultTimezone, MaxImportBytes, MaxImportEvents);
        if (error is not null) return (error, items);
        var ready = items.Where(i => i.Event is not null).ToList();
        if (ready.Count == 0) return (null, items);
        var ourIds = ready.Select(i => OwnId(i.Preview.Uid)).Where(g => g is not null).Select(g => g!.Value).ToList();
        var starts = ready.Select(i => i.Event!.StartTime).Distinct().ToList();
        var existingIds = (await db.CalendarEvents.Where(e => ourIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        var existing = (await db.CalendarEvents.Where(e => starts.Contains(e.StartTime)).Select(e => new { e.Title, e.StartTime }).ToListAsync(ct))
            .Select(e => (e.Title, e.StartTime)).ToHashSet();
        var result = new List<IcsParsedItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Event is { } e && ((OwnId(item.Preview.Uid) is { } own && existingIds.Contains(own)) || existing.Contains((e.Title, e.StartTime))))
                result.Add(item with { Preview = item.Preview with { SkipReason = "Already in the calendar (imported before)." }, Event = null });
            else result.Add(item);
        }
        return (null, result);
    }

    private static Guid? OwnId(string? uid) =>
        uid is not null && uid.EndsWith(IcsWriter.UidSuffix, StringComparison.Ordinal) && Guid.TryParse(uid[..^IcsWriter.UidSuffix.Length], out var id) ? id : null;

    private static string FileName(string title)
    {
        var safe = new string(title.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        while (safe.Contains("--", StringComparison.Ordinal)) safe = safe.Replace("--", "-", StringComparison.Ordinal);
        if (safe.Length > 60) safe = safe[..60].TrimEnd('-');
        return (safe.Length == 0 ? "event" : safe) + ".ics";
    }
}
