using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Calendar;

/// <summary>
/// Events of the current workspace: read a visible range (recurrence expanded for that range only), create, edit,
/// move and delete with an <see cref="EditScope"/>, and the conflict hint. Attendee answers are
/// <see cref="CalendarAttendeeService"/>; .ics is <see cref="CalendarIcsService"/> and <see cref="CalendarFeedService"/>.
/// </summary>
public sealed class CalendarEventService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock, CalendarInvitations invitations)
{
    /// <summary>
    /// The zone the signed-in person reads the calendar in: their own, else the workspace's (see
    /// <see cref="Work.Tasks.PersonTimeZone"/>); null when neither names one, so the page can use the seed's default.
    /// </summary>
    public async Task<TimeZoneInfo?> ViewerZoneAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var zone = await Work.Tasks.PersonTimeZone.ResolveAsync(db, member.UserId, ct);
        return zone == TimeZoneInfo.Utc ? null : zone;
    }

    /// <summary>
    /// Every occurrence that overlaps [query.From, query.To), sorted by start: single events, each series expanded
    /// inside the range in its own time zone, cancelled occurrences left out and overrides applied. At most
    /// <see cref="CalendarQuery.MaxRange"/> wide.
    /// </summary>
    public async Task<Result<IReadOnlyList<EventOccurrence>>> ListAsync(CalendarQuery query, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<EventOccurrence>>.From(Result.Forbidden("You can't see the calendar of this workspace."));
        var from = CalendarTime.AsUtc(query.From);
        var to = CalendarTime.AsUtc(query.To);
        if (to <= from) return Result<IReadOnlyList<EventOccurrence>>.From(Result.Invalid("to", "The end of the range must be after its start."));
        if (to - from > CalendarQuery.MaxRange) return Result<IReadOnlyList<EventOccurrence>>.From(Result.Invalid("to", "Show at most a year at a time."));
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ReadAsync(db, from, to, query.PersonId, query.ProjectId, query.CustomerId, ct);
    }

    /// <summary>
    /// The month grid: per day of [query.FirstDay, + query.Days) in the viewer's zone, the first query.PerDay
    /// occurrences (all-day first, then by start) and how many there are in all. Every series in range is expanded
    /// and counted, but only the listed occurrences are built, so a busy month costs what its cells show.
    /// </summary>
    public async Task<Result<IReadOnlyList<MonthDay>>> MonthAsync(CalendarMonthQuery query, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<MonthDay>>.From(Result.Forbidden("You can't see the calendar of this workspace."));
        if (query.Days is < 1 or > CalendarMonthQuery.MaxDays) return Result<IReadOnlyList<MonthDay>>.From(Result.Invalid("days", $"Show between 1 and {CalendarMonthQuery.MaxDays} days."));
        if (query.PerDay is < 1 or > CalendarMonthQuery.MaxPerDay) return Result<IReadOnlyList<MonthDay>>.From(Result.Invalid("perDay", $"List between 1 and {CalendarMonthQuery.MaxPerDay} events a day."));
        var local0 = query.FirstDay.ToDateTime(TimeOnly.MinValue);
        // A day more on each side: all-day events are stored by date (midnight UTC), so a zone far from UTC still gets its edges.
        var from = CalendarTime.ToUtc(local0, query.Zone).AddDays(-1);
        var to = CalendarTime.ToUtc(local0.AddDays(query.Days), query.Zone).AddDays(1);
        await using var db = await factory.CreateDbContextAsync(ct);
        var (rows, exceptions) = await RowsAsync(db, from, to, query.PersonId, query.ProjectId, query.CustomerId, false, ct);
        var buffer = SlotBuffer.Rent();
        try
        {
            CalendarRangeReader.Slots(rows, exceptions, from, to, buffer.Slots);
            return CalendarRangeReader.Month(buffer, query.FirstDay, query.Days, query.Zone, query.PerDay);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>One event (the series row for a recurring event), for the editor and the detail view.</summary>
    public async Task<Result<EventView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<EventView>.From(Result.Forbidden("You can't see the calendar of this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.CalendarEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Result<EventView>.From(Result.NotFound("Event"));
        var exceptions = await db.CalendarEventExceptions.CountAsync(x => x.EventId == id, ct);
        return await ViewAsync(db, e, exceptions, ct);
    }

    /// <summary>Creates an event; invites its attendees (mail with an .ics when SMTP is configured, else in-app for members).</summary>
    public async Task<Result<EventView>> CreateAsync(EventInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<EventView>.From(Result.Forbidden("You can't add events in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var (value, invalid) = await CalendarEventInput.CheckAsync(db, input, ct);
        if (invalid is not null) return Result<EventView>.From(invalid);
        var e = new CalendarEvent { CreatedBy = member.UserId };
        CalendarEventRows.Apply(e, value!, value!.Start, []);
        CalendarEventRows.RefreshOccursUntil(e, []);
        db.CalendarEvents.Add(e);
        var invited = await invitations.PrepareAsync(db, e, [], ct);
        await db.SaveChangesAsync(ct);
        await invitations.SendAsync(db, e, invited, ct);
        return await ViewAsync(db, e, 0, ct);
    }

    /// <summary>
    /// Saves an edit. For a recurring event <paramref name="scope"/> says what changes: All edits the series,
    /// ThisOccurrence writes an override of the occurrence whose original start is <paramref name="occurrenceStart"/>,
    /// ThisAndFollowing ends the series just before it and starts a new series there with the edited values (later
    /// exceptions move along; the new series is returned). With an <paramref name="occurrenceStart"/>, input.Start/End
    /// are that occurrence's new times; for All the whole series then shifts by the same wall-clock amount (and its
    /// exceptions with it). Without one, input.Start/End are the series' first occurrence. Single events ignore scope.
    /// <paramref name="version"/> is the series row's version: a stale one answers Conflict.
    /// </summary>
    public async Task<Result<EventView>> UpdateAsync(Guid id, EventInput input, uint version, EditScope scope = EditScope.All, DateTime? occurrenceStart = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<EventView>.From(Result.Forbidden("You can't edit events in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.CalendarEvents.Include(x => x.Exceptions).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Result<EventView>.From(Result.NotFound("Event"));
        db.Entry(e).Property(x => x.Version).OriginalValue = version;
        var (value, invalid) = await CalendarEventInput.CheckAsync(db, input, ct);
        if (invalid is not null) return Result<EventView>.From(invalid);
        var occurrence = occurrenceStart is { } o ? CalendarTime.AsUtc(o) : (DateTime?)null;
        if (e.IsRecurring && occurrence is { } occ && !CalendarEventRows.IsOccurrence(e, occ))
            return Result<EventView>.From(Result.Invalid("occurrenceStart", "That occurrence is not part of the series (it may have changed meanwhile). Reload and try again."));
        if (e.IsRecurring && scope != EditScope.All && occurrence is null)
            return Result<EventView>.From(Result.Invalid("occurrenceStart", "Say which occurrence to change."));

        var before = e.Attendees.Select(a => a.Email).ToList();
        CalendarEvent saved = e;
        if (!e.IsRecurring || scope == EditScope.All || occurrence == e.StartTime && scope == EditScope.ThisAndFollowing)
        {
            CalendarEventRows.EditAll(db, e, value!, e.IsRecurring ? occurrence : null, clock.GetUtcNow().UtcDateTime);
        }
        else if (scope == EditScope.ThisOccurrence)
        {
            CalendarEventRows.Override(db, e, occurrence!.Value, value!, clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            saved = CalendarEventRows.Split(db, e, occurrence!.Value, value!, clock.GetUtcNow().UtcDateTime);
        }
        var invited = await invitations.PrepareAsync(db, saved, before, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<EventView>.From(Result.Conflict("Someone else changed this event in the meantime. Reload to see their change, then try again."));
        }
        await invitations.SendAsync(db, saved, invited, ct);
        return await ViewAsync(db, saved, saved.Exceptions.Count, ct);
    }

    /// <summary>
    /// Drag and drop: moves (and/or resizes) the occurrence with original start <paramref name="occurrenceStart"/> to
    /// [<paramref name="newStart"/>, <paramref name="newEnd"/>), keeping everything else, with the scopes of
    /// <see cref="UpdateAsync"/> (All shifts the whole series by the same wall-clock amount). All-day events take the
    /// dates of newStart/newEnd (end exclusive).
    /// </summary>
    public async Task<Result<EventView>> MoveAsync(Guid id, DateTime occurrenceStart, DateTime newStart, DateTime newEnd, uint version, EditScope scope = EditScope.ThisOccurrence, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<EventView>.From(Result.Forbidden("You can't edit events in this workspace."));
        EventInput input;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var e = await db.CalendarEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (e is null) return Result<EventView>.From(Result.NotFound("Event"));
            var occ = CalendarTime.AsUtc(occurrenceStart);
            var exception = e.IsRecurring ? await db.CalendarEventExceptions.AsNoTracking().FirstOrDefaultAsync(x => x.EventId == id && x.OriginalStart == occ, ct) : null;
            input = CalendarEventRows.InputOf(e) with
            {
                Start = newStart,
                End = newEnd,
                Title = exception?.Title ?? e.Title,
                Description = exception?.Description ?? e.Description,
                Location = exception?.Location ?? e.Location,
            };
            if (scope != EditScope.ThisOccurrence) input = input with { Title = e.Title, Description = e.Description, Location = e.Location };
        }
        return await UpdateAsync(id, input, version, scope, occurrenceStart, ct);
    }

    /// <summary>
    /// Deletes an event, or with a scope part of a series: ThisOccurrence cancels it (an EXDATE), ThisAndFollowing
    /// ends the series before it (dropping later exceptions), All deletes the series with its exceptions.
    /// </summary>
    public async Task<Result> DeleteAsync(Guid id, EditScope scope = EditScope.All, DateTime? occurrenceStart = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't delete events in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.CalendarEvents.Include(x => x.Exceptions).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Result.NotFound("Event");
        var occurrence = occurrenceStart is { } o ? CalendarTime.AsUtc(o) : (DateTime?)null;
        if (!e.IsRecurring || scope == EditScope.All || (scope == EditScope.ThisAndFollowing && occurrence == e.StartTime))
        {
            db.CalendarEvents.Remove(e);
        }
        else
        {
            if (occurrence is not { } occ) return Result.Invalid("occurrenceStart", "Say which occurrence to delete.");
            if (!CalendarEventRows.IsOccurrence(e, occ)) return Result.Invalid("occurrenceStart", "That occurrence is not part of the series.");
            var now = clock.GetUtcNow().UtcDateTime;
            if (scope == EditScope.ThisOccurrence) CalendarEventRows.Cancel(db, e, occ, now);
            else CalendarEventRows.EndBefore(db, e, occ, now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict("Someone else changed this event in the meantime. Reload and try again.");
        }
        return Result.Ok();
    }

    /// <summary>
    /// The conflict hint: <paramref name="personId"/>'s other occurrences (created or attended, not declined) that
    /// overlap [<paramref name="start"/>, <paramref name="end"/>), leaving out all-day events and
    /// <paramref name="exceptEventId"/> (the event being edited).
    /// </summary>
    public async Task<Result<IReadOnlyList<EventOccurrence>>> FindConflictsAsync(Guid personId, DateTime start, DateTime end, Guid? exceptEventId = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<EventOccurrence>>.From(Result.Forbidden("You can't see the calendar of this workspace."));
        var from = CalendarTime.AsUtc(start);
        var to = CalendarTime.AsUtc(end);
        if (to <= from || to - from > CalendarEventInput.MaxDuration) return Result<IReadOnlyList<EventOccurrence>>.Ok([]);
        await using var db = await factory.CreateDbContextAsync(ct);
        var read = await ReadAsync(db, from, to, personId, null, null, ct, excludeDeclined: true);
        return Result<IReadOnlyList<EventOccurrence>>.Ok(read.Value!.Where(o => !o.IsAllDay && o.EventId != exceptEventId).ToList());
    }

    private static async Task<Result<IReadOnlyList<EventOccurrence>>> ReadAsync(GalaxyDbContext db, DateTime from, DateTime to, Guid? personId, Guid? projectId, Guid? customerId,
        CancellationToken ct, bool excludeDeclined = false)
    {
        var (rows, exceptions) = await RowsAsync(db, from, to, personId, projectId, customerId, excludeDeclined, ct);
        return CalendarRangeReader.Expand(rows, exceptions, from, to);
    }

    /// <summary>The rows that reach into [from, to) (only <paramref name="personId"/>'s, when given) and their exceptions there.</summary>
    private static async Task<(List<EventRow> Rows, ILookup<Guid, CalendarEventException> Exceptions)> RowsAsync(GalaxyDbContext db, DateTime from, DateTime to,
        Guid? personId, Guid? projectId, Guid? customerId, bool excludeDeclined, CancellationToken ct)
    {
        var rows = await CalendarRangeReader.LoadRowsAsync(db, from, to, projectId, customerId, withAttendees: personId is not null, ct);
        if (personId is { } person)
        {
            var email = await db.WorkspaceMembers.Where(m => m.UserId == person).Select(m => m.User!.Email).FirstOrDefaultAsync(ct);
            rows = rows.Where(e => CalendarRangeReader.Involves(e, person, email, excludeDeclined)).ToList();
        }
        var exceptions = await CalendarRangeReader.ExceptionsAsync(db, rows.Where(e => e.IsRecurring).Select(e => e.Id).ToList(), from, to, ct);
        return (rows, exceptions);
    }

    private async Task<Result<EventView>> ViewAsync(GalaxyDbContext db, CalendarEvent e, int exceptionCount, CancellationToken ct)
    {
        var people = await CalendarRangeReader.PeopleAsync(db, ct);
        return CalendarEventRows.View(e, exceptionCount, people, member.Can(Permissions.RecordsWrite));
    }
}
