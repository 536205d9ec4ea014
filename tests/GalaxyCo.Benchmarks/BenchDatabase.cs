using System.Diagnostics;
using GalaxyCo.Data;
using GalaxyCo.Domain.Seeding;
using Npgsql;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// The galaxyco_bench database on the cluster named by the admin connection string: the two roles the app expects
/// (owner runs migrations, app is bound by RLS), the schema, and the two seeded workspaces. A database already seeded
/// at the requested scale is reused as it is, so a re-run goes straight to the measurements.
/// </summary>
public sealed class BenchDatabase
{
    public const string Name = "galaxyco_bench";
    public const string OwnerRole = "galaxyco_owner";
    public const string AppRole = "galaxyco_app";
    public const string MainSlug = "bench";
    public const string OtherSlug = "bench-other";

    /// <summary>The tables whose exact counts tell that a workspace holds a given scale (members and audit rows change with the fixtures).</summary>
    private static readonly string[] ScaleTables = ["customers", "contacts", "prospects", "projects", "tasks", "calendar_events", "invoices"];

    private readonly string _admin;

    public BenchDatabase(string adminConnectionString)
    {
        _admin = adminConnectionString;
        OwnerConnectionString = Build(OwnerRole, OwnerRole);
        AppConnectionString = Build(AppRole, AppRole);
        SuperuserConnectionString = Build(null, null);
    }

    public string OwnerConnectionString { get; }
    public string AppConnectionString { get; }

    /// <summary>Bypasses RLS: only to check what is seeded, never to measure.</summary>
    public string SuperuserConnectionString { get; }

    public static int OtherScale(int scale) => Math.Max(10, scale / 10);

    public async Task PrepareAsync(bool fresh, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(_admin);
        await admin.OpenAsync(ct);
        await ExecuteAsync(admin, $"""
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OwnerRole}') THEN
                CREATE ROLE {OwnerRole} LOGIN PASSWORD '{OwnerRole}' NOSUPERUSER CREATEDB;
              END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AppRole}') THEN
                CREATE ROLE {AppRole} LOGIN PASSWORD '{AppRole}' NOSUPERUSER NOBYPASSRLS NOCREATEDB;
              END IF;
            END
            $$;
            ALTER ROLE {AppRole} LOGIN NOSUPERUSER NOBYPASSRLS;
            """, ct);
        if (fresh)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", ct);
            Console.WriteLine($"dropped database {Name} (--fresh)");
        }
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
        exists.Parameters.AddWithValue("n", Name);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await ExecuteAsync(admin, $"CREATE DATABASE {Name} OWNER {OwnerRole}", ct);
            Console.WriteLine($"created database {Name}");
        }
        var clock = Stopwatch.StartNew();
        await DatabaseMigrator.MigrateAsync(OwnerConnectionString, AppConnectionString, ct);
        Console.WriteLine($"migrated in {clock.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>Seeds <paramref name="slug"/> at <paramref name="scale"/> unless it already holds exactly that scale.</summary>
    public async Task SeedAsync(string slug, int scale, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (await IsSeededAsync(slug, scale, ct))
        {
            Console.WriteLine($"workspace '{slug}' already seeded at scale {scale:N0} (checked in {clock.Elapsed.TotalSeconds:N1} s); reusing it");
            return;
        }
        var report = await new BenchSeeder(OwnerConnectionString).SeedAsync(slug, scale, new SynchronousProgress(m => Console.WriteLine($"  seed {slug}: {m}")), ct);
        Console.WriteLine($"seeded '{slug}' at scale {scale:N0}: {report.TotalRows:N0} rows in {report.Elapsed.TotalSeconds:N1} s");
        // Fresh COPY leaves the visibility map empty; the app's index-only scans would hit the heap until autovacuum
        // gets round to it. A production table has been vacuumed, so measure that state.
        var vacuum = Stopwatch.StartNew();
        await using var owner = new NpgsqlConnection(SuperuserConnectionString);
        await owner.OpenAsync(ct);
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE) " + string.Join(", ", ScaleTables.Append("workspace_members").Append("audit_logs")), owner) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
        Console.WriteLine($"vacuum analyze after seeding '{slug}': {vacuum.Elapsed.TotalSeconds:N1} s");
    }

    private async Task<bool> IsSeededAsync(string slug, int scale, CancellationToken ct)
    {
        var expected = BenchCounts.For(scale).ByTable;
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync(ct);
        var workspaceId = await ScalarAsync(connection, "SELECT id FROM workspaces WHERE slug = @p", slug, ct);
        if (workspaceId is not Guid id) return false;
        foreach (var table in ScaleTables)
        {
            var count = (long)(await ScalarAsync(connection, $"SELECT count(*) FROM {table} WHERE workspace_id = @p", id, ct))!;
            if (count != expected[table]) return false;
        }
        return true;
    }

    public async Task<(Guid WorkspaceId, Guid OwnerUserId)> LookUpAsync(string slug, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync(ct);
        var workspace = (Guid)(await ScalarAsync(connection, "SELECT id FROM workspaces WHERE slug = @p", slug, ct))!;
        var owner = (Guid)(await ScalarAsync(connection, "SELECT id FROM users WHERE normalized_user_name = @p", BenchSeeder.OwnerEmail.ToUpperInvariant(), ct))!;
        return (workspace, owner);
    }

    /// <summary>Live row counts per table of one workspace, for the report.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(Guid workspaceId, IEnumerable<string> tables, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync(ct);
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
            counts[table] = (long)(await ScalarAsync(connection, $"SELECT count(*) FROM {table} WHERE workspace_id = @p", workspaceId, ct))!;
        return counts;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, object value, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", value);
        var result = await command.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private string Build(string? user, string? password) =>
        new NpgsqlConnectionStringBuilder(_admin)
        {
            Database = Name,
            Username = user ?? new NpgsqlConnectionStringBuilder(_admin).Username,
            Password = password ?? new NpgsqlConnectionStringBuilder(_admin).Password,
        }.ConnectionString;

    /// <summary>Progress&lt;T&gt; posts to the thread pool and can print out of order; the seeder's lines should not.</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
