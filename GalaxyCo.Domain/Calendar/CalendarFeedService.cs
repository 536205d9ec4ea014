using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Calendar;

/// <summary>
/// Private subscription feeds (Google/Apple/Outlook). A token is <c>{workspaceId:N}.{32 random bytes base64url}</c>;
/// only its SHA-256 is stored. The feed is personal: the events its owner created or attends (declined ones too, so
/// the owner sees them marked), single events from <see cref="PastDays"/> days back to <see cref="FutureDays"/> ahead
/// and every series that still runs in that window, with its exceptions. A removed member's feeds stop working.
/// </summary>
public sealed class CalendarFeedService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TenantContext tenant, TimeProvider clock)
{
    public const int PastDays = 90;
    public const int FutureDays = 365;
    public const int MaxActiveTokens = 10;

    /// <summary>Creates a feed token for the current member and returns its secret (shown once).</summary>
    public async Task<Result<CalendarFeedSecret>> CreateTokenAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<CalendarFeedSecret>.From(Result.Forbidden("You can't see the calendar of this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.CalendarFeedTokens.CountAsync(t => t.UserId == member.UserId && t.RevokedAt == null, ct) >= MaxActiveTokens)
            return Result<CalendarFeedSecret>.From(Result.Invalid("token", $"You have {MaxActiveTokens} active feed links; revoke one first."));
        var secret = $"{member.WorkspaceId:N}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        var token = new CalendarFeedToken { UserId = member.UserId, TokenHash = Hash(secret) };
        db.CalendarFeedTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CalendarFeedSecret(token.Id, secret);
    }

    /// <summary>The current member's feed tokens, newest first.</summary>
    public async Task<IReadOnlyList<CalendarFeedTokenView>> ListTokensAsync(CancellationToken ct = default)
    {
        if (!member.IsSet) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CalendarFeedTokens.AsNoTracking().Where(t => t.UserId == member.UserId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new CalendarFeedTokenView(t.Id, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);
    }

    /// <summary>Revokes one of the current member's tokens: the feed stops answering at once.</summary>
    public async Task<Result> RevokeAsync(Guid tokenId, CancellationToken ct = default)
    {
        if (!member.IsSet) return Result.Forbidden("Sign in to a workspace first.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.CalendarFeedTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == member.UserId, ct);
        if (token is null) return Result.NotFound("Feed link");
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// For the anonymous feed endpoint: enters the workspace named in the secret, looks the hash up (revoked, unknown
    /// or malformed: NotFound, nothing else said) and renders the owner's feed as an .ics calendar.
    /// </summary>
    public async Task<Result<IcsFile>> RenderFeedAsync(string secret, CancellationToken ct = default)
    {
        var dot = (secret ?? "").IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || secret!.Length > 100 || !Guid.TryParseExact(secret[..dot], "N", out var workspaceId))
            return Result<IcsFile>.From(Result.NotFound("Calendar feed"));
        var now = clock.GetUtcNow().UtcDateTime;
        using var entered = tenant.Enter(workspaceId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var hash = Hash(secret);
        var token = await db.CalendarFeedTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct);
        if (token is null) return Result<IcsFile>.From(Result.NotFound("Calendar feed"));
        var email = await db.WorkspaceMembers.Where(m => m.UserId == token.UserId).Select(m => m.User!.Email).FirstOrDefaultAsync(ct);
        if (email is null) return Result<IcsFile>.From(Result.NotFound("Calendar feed"));

        var events = (await CalendarRangeReader.LoadAsync(db, now.AddDays(-PastDays), now.AddDays(FutureDays), null, null, ct))
            .Where(e => CalendarRangeReader.Involves(e, token.UserId, email))
            .ToList();
        var seriesIds = events.Where(e => e.IsRecurring).Select(e => e.Id).ToList();
        var exceptions = (await db.CalendarEventExceptions.AsNoTracking().Where(x => seriesIds.Contains(x.EventId)).ToListAsync(ct)).ToLookup(x => x.EventId);
        var people = await CalendarRangeReader.PeopleAsync(db, ct);
        var ics = IcsWriter.Write(events.Select(e => (e, exceptions[e.Id])), "PUBLISH", now,
            people.Values.ToDictionary(p => p.UserId, p => p.Email), "GalaxyCo");

        // Calendar apps poll every few minutes: note the use at most hourly, and keep it out of the audit trail.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromHours(1))
        {
            token.LastUsedAt = now;
            db.SuppressAudit = true;
            await db.SaveChangesAsync(ct);
        }
        return new IcsFile("galaxyco.ics", ics);
    }

    /// <summary>Lower-case hex SHA-256 of the secret, as stored in calendar_feed_tokens.token_hash.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
