using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// What the seeder leaves out but the measurements need: a member list of realistic length in "bench", and the bench
/// owner's membership of "bench-other" so a workspace switch has somewhere to go. Written through the app's own
/// context as the app role with the tenant entered, so RLS checks every row; idempotent.
/// </summary>
public sealed class BenchMembers(string appConnectionString)
{
    public const int TargetMembers = 200;

    /// <summary>Adds extra users until <paramref name="workspaceId"/> has <see cref="TargetMembers"/> active members; returns how many it added.</summary>
    public async Task<int> FillAsync(Guid workspaceId, Guid ownerUserId, CancellationToken ct)
    {
        var tenant = new TenantContext();
        using var entered = tenant.Enter(workspaceId, ownerUserId);
        await using var db = CreateContext(tenant);
        // The audit trail of 200 fixture inserts is not what we measure, and the seeder's audit_logs count stays exact.
        db.SuppressAudit = true;
        var present = await db.WorkspaceMembers.Select(m => new { m.UserId, m.IsActive }).ToListAsync(ct);
        var missing = TargetMembers - present.Count(m => m.IsActive);
        if (missing <= 0) return 0;

        var emails = Enumerable.Range(1, TargetMembers).Select(i => $"bench.extra{i:D3}@galaxyco.local").ToList();
        var normalized = emails.Select(e => e.ToUpperInvariant()).ToList();
        var users = await db.Users.Where(u => normalized.Contains(u.NormalizedUserName!)).ToDictionaryAsync(u => u.NormalizedUserName!, ct);
        var joined = DateTime.UtcNow;
        var added = 0;
        for (var i = 0; i < emails.Count && added < missing; i++)
        {
            if (!users.TryGetValue(normalized[i], out var user))
            {
                user = new User
                {
                    UserName = emails[i], NormalizedUserName = normalized[i], Email = emails[i], NormalizedEmail = normalized[i],
                    EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"), FirstName = FirstNames[i % FirstNames.Length],
                    LastName = $"{LastNames[i % LastNames.Length]} {i:D3}", CreatedAt = joined, UpdatedAt = joined,
                };
                db.Users.Add(user);
            }
            if (present.Any(m => m.UserId == user.Id)) continue;
            db.WorkspaceMembers.Add(new WorkspaceMember
            {
                UserId = user.Id, Role = (i % 10) switch { 0 => UserRole.Admin, 1 or 2 => UserRole.Viewer, _ => UserRole.Member },
                InvitedBy = ownerUserId, JoinedAt = joined.AddDays(-i),
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Makes <paramref name="userId"/> an active owner of <paramref name="workspaceId"/> unless already a member; true when it added one.</summary>
    public async Task<bool> EnsureOwnerAsync(Guid workspaceId, Guid userId, CancellationToken ct)
    {
        var tenant = new TenantContext();
        using var entered = tenant.Enter(workspaceId, userId);
        await using var db = CreateContext(tenant);
        if (await db.WorkspaceMembers.AnyAsync(m => m.UserId == userId && m.IsActive, ct)) return false;
        db.SuppressAudit = true;
        db.WorkspaceMembers.Add(new WorkspaceMember { UserId = userId, Role = UserRole.Owner, JoinedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private GalaxyDbContext CreateContext(TenantContext tenant)
    {
        var options = new DbContextOptionsBuilder<GalaxyDbContext>();
        DataServiceCollectionExtensions.Configure(options, appConnectionString);
        return new GalaxyDbContext(options.Options, tenant);
    }

    private static readonly string[] FirstNames = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Alan", "Radia"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Turing", "Perlman"];
}
