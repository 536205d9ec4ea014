using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Calendar;

/// <summary>Attendee answers: a member sets their own response to an event they are invited to.</summary>
public sealed class CalendarAttendeeService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    /// <summary>
    /// Sets the current member's response (<see cref="AttendeeStatus"/>) on the event (the whole series). Answers
    /// NotFound when the event does not exist here, Forbidden when the member is not invited. Any member, viewers
    /// included, may answer for themselves: it changes nobody else's data.
    /// </summary>
    public async Task<Result<AttendeeView>> RespondAsync(Guid eventId, string status, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<AttendeeView>.From(Result.Forbidden("You can't see the calendar of this workspace."));
        if (!AttendeeStatus.All.Contains(status)) return Result<AttendeeView>.From(Result.Invalid("status", "Answer accepted, tentative or declined."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.CalendarEvents.FirstOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null) return Result<AttendeeView>.From(Result.NotFound("Event"));
        var email = await db.WorkspaceMembers.Where(m => m.UserId == member.UserId).Select(m => m.User!.Email).FirstOrDefaultAsync(ct);
        var mine = e.Attendees.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));
        if (email is null || mine is null) return Result<AttendeeView>.From(Result.Forbidden("You are not invited to this event."));
        if (mine.Status == status) return new AttendeeView(mine.Email, mine.Name, mine.Status, member.UserId);
        e.Attendees = e.Attendees.Select(a => a == mine ? new Attendee { Email = a.Email, Name = a.Name, Status = status } : a).ToList();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<AttendeeView>.From(Result.Conflict("The event changed in the meantime. Reload and answer again."));
        }
        return new AttendeeView(mine.Email, mine.Name, status, member.UserId);
    }
}
