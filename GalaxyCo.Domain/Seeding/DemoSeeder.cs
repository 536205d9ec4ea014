using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Creates the "Galaxy Demo" workspace on first start: four people (one per role) and coherent, realistic data in
/// every area, generated from a fixed seed with dates relative to now so the demo always looks alive.
/// Idempotent: when a workspace with the demo slug exists it does nothing.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, UserManager<User> users)
{
    public const string WorkspaceSlug = "demo";
    public const string WorkspaceName = "Galaxy Demo";
    public const string DemoEmail = "demo@galaxyco.local";
    public const string DemoPassword = "Demo!2345";

    /// <summary>Same seed, same demo (apart from ids and the dates, which move with today).</summary>
    public const int RandomSeed = 20261126;

    /// <summary>Everyone who can sign in to the demo workspace (all with <see cref="DemoPassword"/>), the owner first.</summary>
    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new(DemoEmail, "Avery", "Chen", UserRole.Owner),
        new("jordan.patel@galaxyco.local", "Jordan", "Patel", UserRole.Admin),
        new("sam.rivera@galaxyco.local", "Sam", "Rivera", UserRole.Member),
        new("riley.brooks@galaxyco.local", "Riley", "Brooks", UserRole.Viewer),
    ];

    public async Task<DemoSeedResult> SeedAsync(CancellationToken ct)
    {
        if (await FindDemoWorkspaceAsync(ct) is { } existing)
            return new DemoSeedResult(WorkspaceSlug, DemoEmail, DemoPassword, existing, Created: false);

        var now = DateTime.UtcNow;
        var members = new List<DemoMember>();
        for (var i = 0; i < Accounts.Count; i++)
        {
            var account = Accounts[i];
            var user = await EnsureUserAsync(account, i, now);
            members.Add(new DemoMember(user.Id, account.Email, account.FirstName, account.LastName, account.Role));
        }

        var data = DemoDataBuilder.Build(Guid.CreateVersion7(), members, now, RandomSeed);

        using (tenant.Enter(data.WorkspaceId, data.Owner.UserId))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            // Bulk rows would each get a "create" audit entry; the demo carries a curated history instead.
            db.SuppressAudit = true;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Seeded records are history: no prospect.created or customer.created events for webhooks.
            await db.Database.ExecuteSqlAsync($"select set_config({GalaxyCo.Data.Outbox.DomainEventDatabaseObjects.SuppressSetting}, 'off', true)", ct);
            // The workspace row goes in from inside itself, as its RLS insert policy requires.
            db.Workspaces.Add(data.Workspace);
            db.AddRange(data.AllRows());
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another node seeded the demo between our check and our insert.
                await transaction.RollbackAsync(ct);
                if (await FindDemoWorkspaceAsync(ct) is { } winner)
                    return new DemoSeedResult(WorkspaceSlug, DemoEmail, DemoPassword, winner, Created: false);
                throw;
            }
            await DemoTimestamps.BackdateAsync(db, data, ct);
            await transaction.CommitAsync(ct);
        }

        return new DemoSeedResult(WorkspaceSlug, DemoEmail, DemoPassword, data.WorkspaceId, Created: true);
    }

    /// <summary>The demo library's items still waiting for the ingestion pipeline (all of them on first start).</summary>
    public async Task<IReadOnlyList<Guid>> ProcessingKnowledgeItemsAsync(Guid workspaceId, CancellationToken ct)
    {
        using (tenant.Enter(workspaceId))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.KnowledgeItems.Where(i => i.Status == KnowledgeItemStatus.Processing).Select(i => i.Id).ToListAsync(ct);
        }
    }

    private async Task<Guid?> FindDemoWorkspaceAsync(CancellationToken ct)
    {
        // workspaces is not tenant-owned (no query filter) and its RLS lets everyone read: a lookup by slug needs no tenant.
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Workspaces.AsNoTracking().Where(w => w.Slug == WorkspaceSlug).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Reuses an account left by an earlier, interrupted run rather than failing on the duplicate name.</summary>
    private async Task<User> EnsureUserAsync(DemoAccount account, int index, DateTime now)
    {
        if (await users.FindByEmailAsync(account.Email) is { } found) return found;

        var user = new User
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            FirstName = account.FirstName,
            LastName = account.LastName,
            Preferences = new UserPreferences { Theme = "system", Language = "en", TimeZone = DemoClock.TimeZoneId, EmailNotifications = true },
            CreatedAt = now.AddDays(-DemoDataBuilder.WorkspaceAgeDays),
            // Colleagues were last seen a few hours to a day ago; the demo user's own sign-in sets theirs.
            LastLoginAt = index == 0 ? null : now.AddHours(-(index * 9)),
        };
        var result = await users.CreateAsync(user, DemoPassword);
        if (result.Succeeded) return user;
        // Another node starting at the same moment may have just created it.
        if (await users.FindByEmailAsync(account.Email) is { } raced) return raced;
        throw new InvalidOperationException($"Could not create the demo account {account.Email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>What the demo seeder did and how to sign in. <paramref name="Created"/> is false when the demo already existed.</summary>
public sealed record DemoSeedResult(string WorkspaceSlug, string Email, string Password, Guid WorkspaceId, bool Created);

/// <summary>A person in the demo workspace; every account signs in with <see cref="DemoSeeder.DemoPassword"/>.</summary>
public sealed record DemoAccount(string Email, string FirstName, string LastName, UserRole Role);
