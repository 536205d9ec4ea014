using System.Collections.Concurrent;
using GalaxyCo.Data;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>An active endpoint and what it subscribed to (no secret: the sender loads that).</summary>
public sealed record WebhookSubscription(Guid Id, IReadOnlySet<string> Events);

/// <summary>
/// Active endpoints per workspace for the dispatcher, kept briefly (a burst of events reads them once) and dropped
/// when this node changes an endpoint; other nodes see a change within <see cref="Lifetime"/>.
/// </summary>
public sealed class WebhookEndpointCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Loaded, IReadOnlyList<WebhookSubscription> Endpoints)> _cache = new();

    /// <summary>The workspace's active endpoints; <paramref name="db"/> must be entered into it (RLS).</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> GetAsync(GalaxyDbContext db, Guid workspaceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(workspaceId, out var hit) && now - hit.Loaded < Lifetime) return hit.Endpoints;
        var rows = await db.Webhooks.AsNoTracking().Where(w => w.IsActive).Select(w => new { w.Id, w.Events }).ToListAsync(ct);
        IReadOnlyList<WebhookSubscription> endpoints = rows.Select(r => new WebhookSubscription(r.Id, r.Events.ToHashSet(StringComparer.Ordinal))).ToList();
        _cache[workspaceId] = (now, endpoints);
        return endpoints;
    }

    public void Invalidate(Guid workspaceId) => _cache.TryRemove(workspaceId, out _);
}
