using GalaxyCo.Data;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>
/// The zone a person reads dates in: their own (users.preferences.TimeZone), else the workspace's
/// (settings.TimeZone), else UTC. A person still on the default "UTC" takes the workspace's zone when it names one,
/// since nobody picked UTC for them; an unknown zone id is skipped.
/// </summary>
public static class PersonTimeZone
{
    public static async Task<TimeZoneInfo> ResolveAsync(GalaxyDbContext db, Guid userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var own = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Preferences).FirstOrDefaultAsync(ct);
        var workspaceId = db.CurrentWorkspaceId;
        var settings = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Settings).FirstOrDefaultAsync(ct);
        return Pick(own?.TimeZone, settings?.TimeZone);
    }

    /// <summary>The zone for a person's and a workspace's zone ids, by the rule above.</summary>
    public static TimeZoneInfo Pick(string? personZone, string? workspaceZone)
    {
        if (!string.Equals(personZone?.Trim(), "UTC", StringComparison.OrdinalIgnoreCase) && Find(personZone) is { } mine) return mine;
        return Find(workspaceZone) ?? TimeZoneInfo.Utc;
    }

    private static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
}
