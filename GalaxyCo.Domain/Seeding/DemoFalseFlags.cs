using GalaxyCo.Data;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Booleans mapped with <c>HasDefaultValue(true).HasSentinel(false)</c> (webhooks.is_active, agent_schedules.enabled)
/// cannot be inserted as false: EF treats false as "not set", leaves the column out and the database default (true)
/// wins. The demo's paused webhook and disabled schedule are therefore noted before the insert and switched off after it.
/// </summary>
internal sealed record DemoFalseFlags(IReadOnlyList<Guid> InactiveWebhooks, IReadOnlyList<Guid> DisabledSchedules)
{
    public static DemoFalseFlags Capture(DemoData data) => new(
        [.. data.Webhooks.Where(w => !w.IsActive).Select(w => w.Id)],
        [.. data.Schedules.Where(s => !s.Enabled).Select(s => s.Id)]);

    public async Task ApplyAsync(GalaxyDbContext db, CancellationToken ct)
    {
        await db.Webhooks.Where(w => InactiveWebhooks.Contains(w.Id)).ExecuteUpdateAsync(s => s.SetProperty(w => w.IsActive, false), ct);
        await db.AgentSchedules.Where(x => DisabledSchedules.Contains(x.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, false), ct);
    }
}
