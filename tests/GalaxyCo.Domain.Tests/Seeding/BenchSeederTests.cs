using GalaxyCo.Data;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Seeding;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Seeding;

[Collection(PostgresCollection.Name)]
public sealed class BenchSeederTests(PostgresDatabase db) : IDisposable
{
    private readonly SeedingHost host = new(db);

    public void Dispose() => host.Dispose();

    /// <summary>Kept by triggers from the seeded rows (search terms, invoice tab counts) or written once per workspace (invoice settings), not seeded by count.</summary>
    private static readonly HashSet<string> Derived = ["crm_search_terms", "invoice_status_counts", "invoice_settings"];

    [Fact]
    public async Task SeedAsync_Scale2000_WritesExactlyTheExpectedCounts_AndNothingInAnotherWorkspace()
    {
        var neighbour = await db.CreateSeededWorkspaceAsync("Bench Neighbour");
        var neighbourBefore = await host.CountAllAsync(neighbour.Id);
        var slug = NewSlug();
        var progress = new List<string>();

        var report = await new BenchSeeder(db.OwnerConnectionString).SeedAsync(slug, 2000, new ListProgress(progress), CancellationToken.None);

        var expected = BenchCounts.For(2000);
        Assert.Equal((200, 2000, 2000, 20, 20_000, 1000, 2000, 200, 5),
            (expected.Customers, expected.Contacts, expected.Prospects, expected.Projects, expected.Tasks, expected.CalendarEvents, expected.Invoices, expected.AuditLogs, expected.Members));
        var counts = await host.CountAllAsync(report.WorkspaceId);
        // Search terms are derived (kept by triggers from the seeded records), not seeded.
        Assert.True(counts["crm_search_terms"] > expected.Prospects, "the search terms triggers ran for the seeded records");
        foreach (var (table, rows) in counts.Where(c => !Derived.Contains(c.Key)))
        {
            Assert.Equal(expected.ByTable.GetValueOrDefault(table), rows);
            Assert.Equal(expected.ByTable.GetValueOrDefault(table), report.RowsOf(table));
        }
        Assert.Equal(neighbourBefore, await host.CountAllAsync(neighbour.Id));
        Assert.False(report.ReusedWorkspace);
        Assert.Contains(progress, p => p.StartsWith("tasks: 20,000 rows", StringComparison.Ordinal) && p.Contains("rows/s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeedAsync_RowsAreVisibleToTheAppRole_OnlyInsideTheirWorkspace()
    {
        var report = await new BenchSeeder(db.OwnerConnectionString).SeedAsync(NewSlug(), 300, null, CancellationToken.None);

        await using (var inside = await db.OpenAppConnectionAsync(report.WorkspaceId))
            Assert.Equal(3000, await ScalarAsync(inside, "select count(*) from tasks"));
        await using (var unset = await db.OpenAppConnectionAsync())
            Assert.Equal(0, await ScalarAsync(unset, "select count(*) from tasks"));
        var other = await db.CreateWorkspaceAsync("Bench Other");
        await using (var elsewhere = await db.OpenAppConnectionAsync(other.Id))
            Assert.Equal(0, await ScalarAsync(elsewhere, "select count(*) from prospects"));
    }

    [Fact]
    public async Task SeedAsync_SameSlugAgain_ReusesTheWorkspace_AndReplacesItsRows()
    {
        var slug = NewSlug();
        var seeder = new BenchSeeder(db.OwnerConnectionString);
        var first = await seeder.SeedAsync(slug, 500, null, CancellationToken.None);
        var othersBefore = await host.CountOthersAsync(first.WorkspaceId);

        var second = await seeder.SeedAsync(slug, 1000, null, CancellationToken.None);

        Assert.Equal(first.WorkspaceId, second.WorkspaceId);
        Assert.Equal(first.OwnerUserId, second.OwnerUserId);
        Assert.True(second.ReusedWorkspace);
        var expected = BenchCounts.For(1000);
        foreach (var (table, rows) in (await host.CountAllAsync(second.WorkspaceId)).Where(c => !Derived.Contains(c.Key)))
            Assert.Equal(expected.ByTable.GetValueOrDefault(table), rows);
        Assert.Equal(othersBefore, await host.CountOthersAsync(second.WorkspaceId));
    }

    [Fact]
    public async Task SeedAsync_Data_IsCoherent_AndReadableThroughTheModel()
    {
        var report = await new BenchSeeder(db.OwnerConnectionString).SeedAsync(NewSlug(), 1000, null, CancellationToken.None);
        await using var context = host.Context(report.WorkspaceId);

        var invoices = await context.Invoices.AsNoTracking().ToListAsync();
        Assert.All(invoices, i => Assert.Equal(i.Total, i.Subtotal + i.Tax));
        Assert.All(invoices, i => Assert.Equal(i.Subtotal, (long)i.Items.Sum(l => l.Quantity * l.UnitPriceCents)));
        Assert.Equal(invoices.Count, invoices.Select(i => i.InvoiceNumber).Distinct().Count());

        var tasks = await context.Tasks.AsNoTracking().Select(t => new { t.Status, t.CompletedAt, t.ProjectId }).ToListAsync();
        Assert.All(tasks, t => Assert.Equal(t.Status == WorkTaskStatus.Done, t.CompletedAt is not null));
        Assert.Equal(Enum.GetValues<WorkTaskStatus>().Order(), tasks.Select(t => t.Status).Distinct().Order());
        foreach (var project in await context.Projects.AsNoTracking().ToListAsync())
        {
            var own = tasks.Where(t => t.ProjectId == project.Id).ToList();
            // The triggers' rule: cancelled tasks don't count, progress rounds half away from zero.
            var total = own.Count(t => t.Status != WorkTaskStatus.Cancelled);
            var done = own.Count(t => t.Status == WorkTaskStatus.Done);
            Assert.Equal((total, done), (project.TotalTasks, project.CompletedTasks));
            Assert.Equal(total == 0 ? 0 : (int)Math.Round(100m * done / total, MidpointRounding.AwayFromZero), project.Progress);
        }

        var prospects = await context.Prospects.AsNoTracking().Select(p => new { p.Stage, p.Position }).ToListAsync();
        Assert.Equal(Enum.GetValues<ProspectStage>().Order(), prospects.Select(p => p.Stage).Distinct().Order());
        Assert.All(prospects.GroupBy(p => p.Stage), g => Assert.Equal(g.Count(), g.Select(p => p.Position).Distinct().Count()));
        Assert.NotEmpty(await context.CalendarEvents.AsNoTracking().Where(e => e.IsRecurring).ToListAsync());

        await using var scope = host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var owner = await users.FindByEmailAsync(BenchSeeder.OwnerEmail);
        Assert.NotNull(owner);
        Assert.Equal(report.OwnerUserId, owner.Id);
        Assert.True(await users.CheckPasswordAsync(owner, BenchSeeder.Password));
        Assert.Equal(UserRole.Owner, await context.WorkspaceMembers.Where(m => m.UserId == owner.Id).Select(m => m.Role).SingleAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("-leading-dash")]
    public async Task SeedAsync_RejectsABadSlug(string slug) =>
        await Assert.ThrowsAsync<ArgumentException>(() => new BenchSeeder(db.OwnerConnectionString).SeedAsync(slug, 10, null, CancellationToken.None));

    [Fact]
    public void Counts_CapTasksAtOneMillion()
    {
        Assert.Equal(1_000_000, BenchCounts.For(100_000).Tasks);
        Assert.Equal(1_000_000, BenchCounts.For(250_000).Tasks);
        Assert.Equal((100_000, 100_000, 10_000, 1_000), (BenchCounts.For(100_000).Prospects, BenchCounts.For(100_000).Contacts, BenchCounts.For(100_000).Customers, BenchCounts.For(100_000).Projects));
    }

    private static string NewSlug() => "bench-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Collects progress synchronously (Progress&lt;T&gt; would post to the thread pool and race the asserts).</summary>
    private sealed class ListProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (messages) messages.Add(value);
        }
    }
}
