using System.Text.RegularExpressions;
using GalaxyCo.Data;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Seeding;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Seeding;

/// <summary>
/// The demo workspace on the shared test database. Tests do not assume who seeded it first: each one calls
/// <see cref="DemoSeeder.SeedAsync"/> (a no-op once the demo exists) and then checks what is there.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class DemoSeederTests(PostgresDatabase db) : IAsyncLifetime, IDisposable
{
    private readonly SeedingHost host = new(db);
    private DemoSeedResult demo = null!;

    public async Task InitializeAsync() => demo = await host.SeedDemoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task SeedAsync_FillsEveryTenantTable_InTheDemoWorkspace()
    {
        var counts = await host.CountAllAsync(demo.WorkspaceId);

        Assert.NotEmpty(counts);
        // Written at run time, not by the seeder: chunks by the ingestion jobs the app queues for the demo library after
        // seeding, access tokens by people (a seeded token's secret would be known to nobody).
        string[] runtimeOnly = ["knowledge_chunks", "personal_access_tokens"];
        Assert.All(counts.Where(c => !runtimeOnly.Contains(c.Key)), c => Assert.True(c.Value > 0, $"{c.Key} has no demo rows"));
        Assert.Equal(counts["knowledge_items"], counts["knowledge_item_files"]);
        Assert.InRange(counts["customers"], 35, 50);
        Assert.InRange(counts["contacts"], 70, 90);
        Assert.InRange(counts["prospects"], 100, 140);
        Assert.InRange(counts["projects"], 10, 15);
        Assert.InRange(counts["tasks"], 130, 170);
        Assert.InRange(counts["calendar_events"], 35, 45);
        Assert.Equal(6, counts["agents"]);
        Assert.Equal(2, counts["knowledge_collections"]);
        Assert.Equal(4, counts["workspace_members"]);
        // Bulk inserts ran without the per-row trail; the history is the curated ~30 rows.
        Assert.InRange(counts["audit_logs"], 25, 50);
    }

    [Fact]
    public async Task SeedAsync_CreatesTheDemoWorkspace_WithFourMembersInEveryRole()
    {
        await using var context = host.Context(demo.WorkspaceId);
        var workspace = await context.Workspaces.SingleAsync(w => w.Slug == DemoSeeder.WorkspaceSlug);
        var members = await context.WorkspaceMembers.Include(m => m.User).ToListAsync();

        Assert.Equal(DemoSeeder.WorkspaceName, workspace.Name);
        Assert.Equal(SubscriptionTier.Professional, workspace.SubscriptionTier);
        Assert.Equal([UserRole.Owner, UserRole.Admin, UserRole.Member, UserRole.Viewer], members.OrderBy(m => m.Role).Select(m => m.Role));
        Assert.All(members, m => Assert.NotNull(m.JoinedAt));
        Assert.Equal(DemoSeeder.DemoEmail, members.Single(m => m.Role == UserRole.Owner).User!.Email);
    }

    [Fact]
    public async Task SeedAsync_Prospects_CoverAllSevenStages_WithIncreasingPositions()
    {
        await using var context = host.Context(demo.WorkspaceId);
        var prospects = await context.Prospects.AsNoTracking().ToListAsync();

        Assert.Equal(Enum.GetValues<ProspectStage>().Order(), prospects.Select(p => p.Stage).Distinct().Order());
        foreach (var column in prospects.GroupBy(p => p.Stage))
        {
            var positions = column.Select(p => p.Position).Order().ToList();
            Assert.Equal(Enumerable.Range(1, positions.Count).Select(i => i * 1000.0), positions);
        }
        Assert.All(prospects, p => Assert.InRange(p.Score!.Value, 0, 100));
        Assert.All(prospects, p => Assert.True(p.EstimatedValue > 0));
        Assert.Equal(["campaign", "event", "outbound", "referral", "website"], prospects.Select(p => p.Source!).Distinct().Order());
        Assert.Contains(prospects, p => p.NextFollowUpAt < DateTime.UtcNow);
        Assert.Contains(prospects, p => p.NextFollowUpAt > DateTime.UtcNow);
        var converted = prospects.Where(p => p.ConvertedToCustomer).ToList();
        Assert.NotEmpty(converted);
        Assert.All(converted, p => Assert.Equal(ProspectStage.Won, p.Stage));
        Assert.All(converted, p => Assert.NotNull(p.CustomerId));
    }

    [Fact]
    public async Task SeedAsync_Invoices_CoverEveryStatus_AndTotalsAddUpToTheCent()
    {
        await using var context = host.Context(demo.WorkspaceId);
        var invoices = await context.Invoices.AsNoTracking().OrderBy(i => i.InvoiceNumber).ToListAsync();

        Assert.Equal(Enum.GetValues<InvoiceStatus>().Order(), invoices.Select(i => i.Status).Distinct().Order());
        var numbered = invoices.Where(i => i.Status != InvoiceStatus.Draft).OrderBy(i => i.NumberSequence).ToList();
        Assert.Equal(Enumerable.Range(1, numbered.Count).Select(n => $"INV-{n:0000}"), numbered.Select(i => i.InvoiceNumber));
        Assert.Equal(Enumerable.Range(1, numbered.Count), numbered.Select(i => i.NumberSequence!.Value));
        Assert.All(invoices.Where(i => i.Status == InvoiceStatus.Draft), i => Assert.StartsWith("DRAFT-", i.InvoiceNumber, StringComparison.Ordinal));
        var payments = await context.InvoicePayments.AsNoTracking().ToListAsync();
        Assert.All(invoices, i => Assert.Equal(i.AmountPaid, payments.Where(p => p.InvoiceId == i.Id).Sum(p => p.Amount)));
        Assert.Equal(numbered.Count + 1, (await context.InvoiceSettings.AsNoTracking().SingleAsync()).NextNumber);
        foreach (var invoice in invoices)
        {
            Assert.NotEmpty(invoice.Items);
            var lines = invoice.Items.Select(l => l.Quantity * l.UnitPriceCents).ToList();
            Assert.All(lines, amount => Assert.Equal(decimal.Truncate(amount), amount));
            Assert.Equal(invoice.Subtotal, (long)lines.Sum());
            Assert.Equal(invoice.Total, invoice.Subtotal + invoice.Tax);
            var exactTax = invoice.Items.Sum(l => l.Quantity * l.UnitPriceCents * l.TaxRatePercent / 100m);
            Assert.True(Math.Abs(invoice.Tax - exactTax) <= invoice.Items.Count, $"{invoice.InvoiceNumber}: tax {invoice.Tax} vs {exactTax}");
        }
        Assert.All(invoices.Where(i => i.Status == InvoiceStatus.Paid), i => Assert.Equal(i.Total, i.AmountPaid));
        Assert.All(invoices.Where(i => i.Status == InvoiceStatus.Paid), i => Assert.NotNull(i.PaidAt));
        Assert.All(invoices.Where(i => i.Status == InvoiceStatus.Overdue), i => Assert.True(i.DueDate < DateTime.UtcNow));
        Assert.All(invoices.Where(i => i.Status == InvoiceStatus.Sent), i => Assert.True(i.DueDate > DateTime.UtcNow));
    }

    [Fact]
    public async Task SeedAsync_Work_TasksAndProjectProgressAgree()
    {
        await using var context = host.Context(demo.WorkspaceId);
        var tasks = await context.Tasks.AsNoTracking().ToListAsync();
        var projects = await context.Projects.AsNoTracking().ToListAsync();

        Assert.All(tasks, t => Assert.Equal(t.Status == WorkTaskStatus.Done, t.CompletedAt is not null));
        Assert.All(tasks.Where(t => t.CompletedAt is not null), t => Assert.True(t.CompletedAt <= DateTime.UtcNow));
        Assert.Equal(Enum.GetValues<WorkTaskStatus>().Order(), tasks.Select(t => t.Status).Distinct().Order());
        Assert.Contains(tasks, t => t.DueDate < DateTime.UtcNow && t.Status == WorkTaskStatus.Todo);
        Assert.Contains(tasks, t => t.DueDate > DateTime.UtcNow);
        foreach (var project in projects)
        {
            var own = tasks.Where(t => t.ProjectId == project.Id).ToList();
            // The triggers' rule: cancelled tasks don't count, progress rounds half away from zero.
            var total = own.Count(t => t.Status != WorkTaskStatus.Cancelled);
            var done = own.Count(t => t.Status == WorkTaskStatus.Done);
            Assert.Equal((total, done), (project.TotalTasks, project.CompletedTasks));
            Assert.Equal(total == 0 ? 0 : (int)Math.Round(100m * done / total, MidpointRounding.AwayFromZero), project.Progress);
            if (project.Status == ProjectStatus.Completed) Assert.Equal(100, project.Progress);
        }
    }

    [Fact]
    public async Task SeedAsync_RecurringEvents_HaveAnRRuleMatchingTheirStart()
    {
        await using var context = host.Context(demo.WorkspaceId);
        var events = await context.CalendarEvents.AsNoTracking().ToListAsync();
        var recurring = events.Where(e => e.IsRecurring).ToList();

        Assert.NotEmpty(recurring);
        Assert.Contains(events, e => e.StartTime < DateTime.UtcNow);
        Assert.Contains(events, e => e.StartTime > DateTime.UtcNow);
        Assert.All(events, e => Assert.True(e.EndTime > e.StartTime, e.Title));
        Assert.All(events, e => Assert.Equal(e.IsRecurring, e.RecurrenceRule is not null));
        foreach (var e in recurring)
        {
            Assert.Matches(RRule(), e.RecurrenceRule!);
            var local = TimeZoneInfo.ConvertTimeFromUtc(e.StartTime, TimeZoneInfo.FindSystemTimeZoneById(e.Timezone));
            var day = local.DayOfWeek.ToString()[..2].ToUpperInvariant();
            Assert.Contains(day, e.RecurrenceRule!, StringComparison.Ordinal);
        }
        Assert.All(events, e => Assert.NotEmpty(e.Attendees));
        Assert.All(events, e => Assert.NotEmpty(e.Reminders));
    }

    [Fact]
    public async Task SeedAsync_Timestamps_AreInThePast_AndUpdatedNeverBeforeCreated()
    {
        await using var connection = await db.OpenOwnerConnectionAsync(demo.WorkspaceId);
        foreach (var table in await db.GetTenantTablesAsync())
        {
            var hasUpdatedAt = await ScalarAsync(connection, "select count(*) from information_schema.columns where table_name = @t and column_name = 'updated_at'", table) > 0;
            var bad = await ScalarAsync(connection,
                $"select count(*) from {PostgresDatabase.Quote(table)} where created_at > now()" + (hasUpdatedAt ? " or updated_at < created_at or updated_at > now()" : ""), table);
            Assert.True(bad == 0, $"{table}: {bad} rows with future or out-of-order timestamps");
        }
        Assert.Equal(0, await ScalarAsync(connection, "select count(*) from prospects where last_contacted_at < created_at", ""));
        Assert.Equal(0, await ScalarAsync(connection, "select count(*) from contacts where last_contacted_at < created_at", ""));
        Assert.Equal(0, await ScalarAsync(connection, "select count(*) from tasks where completed_at < start_date or start_date < created_at", ""));
        Assert.Equal(0, await ScalarAsync(connection, "select count(*) from invoices where paid_at < issue_date or due_date < issue_date", ""));
    }

    [Fact]
    public async Task SeedAsync_PausedAndDisabledSwitches_AreStoredAsFalse()
    {
        // webhooks.is_active and agent_schedules.enabled default to true in the database; false must survive the insert.
        await using var context = host.Context(demo.WorkspaceId);
        Assert.Equal([false, true], (await context.Webhooks.Select(w => w.IsActive).ToListAsync()).Order());
        Assert.Equal([false, true], (await context.AgentSchedules.Select(s => s.Enabled).ToListAsync()).Order());
    }

    [Fact]
    public async Task SeedAsync_Twice_CreatesNothingNew()
    {
        var before = await host.CountAllAsync(demo.WorkspaceId);
        var users = await CountUsersAsync();

        var again = await host.SeedDemoAsync();

        Assert.False(again.Created);
        Assert.Equal(demo.WorkspaceId, again.WorkspaceId);
        Assert.Equal(before, await host.CountAllAsync(demo.WorkspaceId));
        Assert.Equal(users, await CountUsersAsync());
        await using var context = host.Context(demo.WorkspaceId);
        Assert.Equal(1, await context.Workspaces.CountAsync(w => w.Slug == DemoSeeder.WorkspaceSlug));
    }

    [Fact]
    public async Task SeedAsync_DemoUser_CanSignIn_WithThePublishedPassword()
    {
        await using var scope = host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();

        var user = await users.FindByEmailAsync(demo.Email);

        Assert.NotNull(user);
        Assert.Equal((DemoSeeder.DemoEmail, DemoSeeder.DemoPassword, DemoSeeder.WorkspaceSlug), (demo.Email, demo.Password, demo.WorkspaceSlug));
        Assert.True(user.EmailConfirmed);
        Assert.False(string.IsNullOrEmpty(user.FirstName));
        Assert.True(await users.CheckPasswordAsync(user, DemoSeeder.DemoPassword));
        Assert.False(await users.CheckPasswordAsync(user, "wrong-password"));
        foreach (var account in DemoSeeder.Accounts)
            Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(account.Email))!, DemoSeeder.DemoPassword), account.Email);
    }

    [Fact]
    public async Task SeedAsync_AuditHistory_UsesTheTrailsShape_AndNotifiesTheDemoUser()
    {
        await using var context = host.Context(demo.WorkspaceId);
        var audit = await context.AuditLogs.AsNoTracking().ToListAsync();
        var notifications = await context.Notifications.AsNoTracking().ToListAsync();
        var owner = await context.WorkspaceMembers.Where(m => m.Role == UserRole.Owner).Select(m => m.UserId).SingleAsync();

        Assert.Equal(["create", "delete", "update"], audit.Select(a => a.Action).Distinct().Order());
        Assert.All(audit, a => Assert.NotEmpty(a.Changes));
        Assert.All(audit, a => Assert.All(a.Changes.Keys, k => Assert.Matches("^[a-z_]+$", k)));
        Assert.Contains(audit, a => a.ResourceType == "prospect" && a.Changes.ContainsKey("stage"));
        var mine = notifications.Where(n => n.UserId == owner).ToList();
        Assert.Contains(mine, n => !n.IsRead);
        Assert.Contains(mine, n => n.IsRead && n.ReadAt is not null);
        Assert.True(mine.Select(n => n.Type).Distinct().Count() >= 6);
        // Seeded outbox events are already delivered: starting the app must not replay them.
        Assert.All(await context.OutboxMessages.AsNoTracking().ToListAsync(), m => Assert.NotNull(m.ProcessedAt));
    }

    private static async Task<long> ScalarAsync(Npgsql.NpgsqlConnection connection, string sql, string table)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", table);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountUsersAsync()
    {
        await using var connection = await db.OpenSuperuserConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from users", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("^FREQ=(DAILY|WEEKLY|MONTHLY)(;INTERVAL=[0-9]+)?;BYDAY=((1|-1)?(MO|TU|WE|TH|FR|SA|SU))(,(MO|TU|WE|TH|FR|SA|SU))*$")]
    private static partial Regex RRule();
}
