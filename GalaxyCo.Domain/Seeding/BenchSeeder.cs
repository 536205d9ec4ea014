using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Workspaces;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Fills one workspace with benchmark volumes (see <see cref="BenchCounts.For"/>): at scale 100,000 that is 100k
/// prospects and contacts, 10k customers, 1k projects and a million tasks. Runs as the schema owner with
/// app.workspace_id set on its session, since RLS is forced on the owner too; rows go in by binary COPY through a
/// staging table (see <see cref="BenchCopy"/>). Re-running with the same slug reuses the workspace and its users and
/// replaces its rows, so the counts are always exactly those of the requested scale.
/// </summary>
public sealed partial class BenchSeeder(string ownerConnectionString)
{
    public const string OwnerEmail = "bench@galaxyco.local";

    /// <summary>Every bench account signs in with the demo password.</summary>
    public const string Password = DemoSeeder.DemoPassword;

    public const int RandomSeed = 20261126;

    /// <summary>Tenant tables in an order that deletes children before parents (invoices restrict their customer's deletion).</summary>
    private static readonly string[] ClearOrder =
    [
        "audit_logs", "outbox_messages", "notifications", "agent_executions", "agent_schedules", "agents", "knowledge_items", "knowledge_collections",
        "email_threads", "webhooks", "invoice_payments", "invoices", "invoice_status_counts", "invoice_settings", "calendar_events", "tasks", "projects", "prospects", "contacts", "customers",
        "workspace_invitations", "workspace_members",
    ];

    private static readonly string[] Loaded = ["customers", "contacts", "prospects", "projects", "tasks", "calendar_events", "invoices", "audit_logs", "workspace_members"];

    internal sealed record Person(Guid Id, string Email, string Name, string Role);

    public async Task<BenchSeedReport> SeedAsync(string slug, int scale, IProgress<string>? progress, CancellationToken ct)
    {
        if (!SlugFormat().IsMatch(slug)) throw new ArgumentException("A slug is 1-60 lower-case letters, digits and dashes.", nameof(slug));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);

        var total = Stopwatch.StartNew();
        var counts = BenchCounts.For(scale);
        // Bulk statements (a million-row insert, a reused workspace's delete) outlast Npgsql's 30 s default.
        var builder = new NpgsqlConnectionStringBuilder(ownerConnectionString) { CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        var now = DateTime.UtcNow;

        // users has no RLS and workspaces is readable by all (its insert sets its own tenant); from here on every
        // row is checked by RLS against the workspace set on this session.
        var people = await EnsureUsersAsync(connection, now, ct);
        var (workspaceId, reused) = await EnsureWorkspaceAsync(connection, slug, now, ct);
        progress?.Report($"{(reused ? "reusing" : "created")} workspace '{slug}' ({workspaceId})");
        await ExecuteAsync(connection, "select set_config('app.workspace_id', @p0, false)", ct, workspaceId.ToString());
        await ExecuteAsync(connection, $"select set_config('{GalaxyCo.Data.Outbox.DomainEventDatabaseObjects.SuppressSetting}', 'off', false)", ct);

        var clear = TimeSpan.Zero;
        if (reused)
        {
            var clock = Stopwatch.StartNew();
            long deleted = 0;
            foreach (var table in ClearOrder)
                deleted += await ExecuteAsync(connection, $"DELETE FROM {table} WHERE workspace_id = @p0", ct, workspaceId);
            clear = clock.Elapsed;
            progress?.Report($"cleared {deleted:N0} earlier rows in {clear.TotalSeconds:N1} s");
        }

        var tables = new List<BenchTableReport> { await InsertMembersAsync(connection, workspaceId, people, now, ct) };
        var rows = new BenchRows(workspaceId, people, now, counts, RandomSeed);
        var copy = new BenchCopy(connection, progress);
        tables.Add(await copy.LoadAsync("customers", BenchRows.CustomerColumns, counts.Customers, rows.WriteCustomerAsync, ct));
        tables.Add(await copy.LoadAsync("contacts", BenchRows.ContactColumns, counts.Contacts, rows.WriteContactAsync, ct));
        tables.Add(await copy.LoadAsync("prospects", BenchRows.ProspectColumns, counts.Prospects, rows.WriteProspectAsync, ct));
        tables.Add(await copy.LoadAsync("projects", BenchRows.ProjectColumns, counts.Projects, rows.WriteProjectAsync, ct));
        tables.Add(await copy.LoadAsync("tasks", BenchRows.TaskColumns, counts.Tasks, rows.WriteTaskAsync, ct));
        tables.Add(await copy.LoadAsync("calendar_events", BenchRows.CalendarEventColumns, counts.CalendarEvents, rows.WriteCalendarEventAsync, ct));
        tables.Add(await copy.LoadAsync("invoices", BenchRows.InvoiceColumns, counts.Invoices, rows.WriteInvoiceAsync, ct));
        // Numbering continues after the seeded invoices, in their format.
        await ExecuteAsync(connection, """
            INSERT INTO invoice_settings (id, workspace_id, prefix, include_year, padding, next_number, default_currency, default_net_days, created_at, updated_at)
            VALUES (gen_random_uuid(), @p0, @p1, false, @p2, @p3, 'USD', 30, now(), now())
            """, ct, workspaceId, BenchRows.InvoicePrefix, BenchRows.InvoicePadding, rows.InvoicesNumbered + 1);
        tables.Add(await copy.LoadAsync("audit_logs", BenchRows.AuditLogColumns, counts.AuditLogs, rows.WriteAuditLogAsync, ct));

        // Projects were written with zero counts; the tasks' insert triggers counted them (WorkDatabaseObjects).

        var analyze = Stopwatch.StartNew();
        await ExecuteAsync(connection, "ANALYZE " + string.Join(", ", Loaded), ct);
        progress?.Report($"analyze: {analyze.Elapsed.TotalSeconds:N1} s");

        var report = new BenchSeedReport(slug, workspaceId, people[0].Id, scale, reused, tables, clear, analyze.Elapsed, total.Elapsed);
        progress?.Report(report.ToString());
        return report;
    }

    /// <summary>The bench owner and four members, shared by every bench workspace; created once with a real password hash.</summary>
    private static async Task<List<Person>> EnsureUsersAsync(NpgsqlConnection connection, DateTime now, CancellationToken ct)
    {
        var accounts = new List<(string Email, string First, string Last, string Role)> { (OwnerEmail, "Bench", "Owner", "owner") };
        for (var i = 1; i < BenchCounts.MemberCount; i++) accounts.Add(($"bench.member{i}@galaxyco.local", "Bench", $"Member {i}", "member"));

        var hasher = new PasswordHasher<User>();
        var people = new List<Person>();
        foreach (var (email, first, last, role) in accounts)
        {
            var normalized = email.ToUpperInvariant();
            var id = await ScalarAsync<Guid?>(connection, "SELECT id FROM users WHERE normalized_user_name = @p0", ct, normalized);
            if (id is null)
            {
                var user = new User { UserName = email, Email = email, FirstName = first, LastName = last };
                await ExecuteAsync(connection, """
                    INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
                        concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, first_name, last_name,
                        preferences, created_at, updated_at)
                    VALUES (@p0, @p1, @p2, @p1, @p2, true, @p3, @p4, @p5, false, false, true, 0, @p6, @p7, @p8::jsonb, @p9, @p9)
                    ON CONFLICT DO NOTHING
                    """, ct, user.Id, email, normalized, hasher.HashPassword(user, Password), Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
                    Guid.NewGuid().ToString(), first, last, JsonbConversion.Serialize(new UserPreferences()), now);
                id = await ScalarAsync<Guid?>(connection, "SELECT id FROM users WHERE normalized_user_name = @p0", ct, normalized);
            }
            people.Add(new Person(id!.Value, email, $"{first} {last}", role));
        }
        return people;
    }

    private static async Task<(Guid Id, bool Reused)> EnsureWorkspaceAsync(NpgsqlConnection connection, string slug, DateTime now, CancellationToken ct)
    {
        var settings = JsonbConversion.Serialize(new WorkspaceSettings { DefaultCurrency = "USD", TimeZone = "UTC" });
        // RLS on workspaces: a new workspace row may only be written from inside that workspace.
        var newId = Guid.CreateVersion7();
        await ExecuteAsync(connection, "select set_config('app.workspace_id', @p0, false)", ct, newId.ToString());
        var inserted = await ExecuteAsync(connection, """
            INSERT INTO workspaces (id, name, slug, subscription_tier, settings, encrypted_api_keys, is_active, created_at, updated_at)
            VALUES (@p0, @p1, @p2, 'enterprise', @p3::jsonb, '{}'::jsonb, true, @p4, @p4)
            ON CONFLICT (slug) DO NOTHING
            """, ct, newId, $"Bench {slug}", slug, settings, now);
        var id = await ScalarAsync<Guid>(connection, "SELECT id FROM workspaces WHERE slug = @p0", ct, slug);
        return (id, inserted == 0);
    }

    private static async Task<BenchTableReport> InsertMembersAsync(NpgsqlConnection connection, Guid workspaceId, List<Person> people, DateTime now, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        foreach (var person in people)
        {
            await ExecuteAsync(connection, """
                INSERT INTO workspace_members (id, workspace_id, user_id, role, permissions, invited_by, is_active, joined_at, created_at, updated_at)
                VALUES (@p0, @p1, @p2, @p3::user_role, '{}'::jsonb, @p4, true, @p5, @p5, @p5)
                """, ct, Guid.CreateVersion7(), workspaceId, person.Id, person.Role, person.Role == "owner" ? DBNull.Value : (object)people[0].Id, now);
        }
        return new BenchTableReport("workspace_members", people.Count, clock.Elapsed);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        var result = await command.ExecuteScalarAsync(ct);
        return result is null or DBNull ? default! : (T)result;
    }

    /// <summary>Values always travel as parameters (@p0, @p1...); only the seeder's own table names are part of the text.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue($"p{i}", values[i]);
        return command;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    private static partial Regex SlugFormat();
}
