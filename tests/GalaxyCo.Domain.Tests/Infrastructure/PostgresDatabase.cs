using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Infrastructure;

/// <summary>
/// The "Postgres" test collection: every class marked <c>[Collection(PostgresCollection.Name)]</c> shares one
/// <see cref="PostgresDatabase"/> (one migrated database) and runs sequentially with the others in it.
/// Tests must not depend on what other tests wrote: each creates its own workspaces.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresDatabase>
{
    public const string Name = "Postgres";
}

/// <summary>
/// A throwaway, fully migrated GalaxyCo database on the cluster given by <c>GALAXYCO_TEST_PG_ADMIN</c>
/// (a superuser connection string; <c>./test.sh</c> sets it). Migrations run as <see cref="OwnerRole"/>, the app
/// connects as <see cref="AppRole"/> (not superuser, not owner, not BYPASSRLS), exactly as in production, so
/// row-level security binds every context made by <see cref="CreateContext(ITenantContext)"/>.
/// The database is dropped when the collection is done.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncLifetime
{
    public const string AdminEnvironmentVariable = "GALAXYCO_TEST_PG_ADMIN";
    public const string OwnerRole = "galaxyco_owner";
    public const string AppRole = "galaxyco_app";

    private readonly string _adminConnectionString;

    public PostgresDatabase()
    {
        var admin = Environment.GetEnvironmentVariable(AdminEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{AdminEnvironmentVariable} is not set. The database tests need a PostgreSQL superuser connection string " +
                "(e.g. \"Host=127.0.0.1;Port=55500;Username=postgres;Database=postgres\"). Run the suite with ./test.sh, " +
                "which starts a throwaway cluster and sets it.");
        }
        _adminConnectionString = admin;
        DatabaseName = $"galaxyco_test_{Guid.NewGuid():N}";
        OwnerConnectionString = Build(OwnerRole, OwnerRole);
        AppConnectionString = Build(AppRole, AppRole);
        SuperuserConnectionString = Build(null, null);
    }

    /// <summary>Name of this collection's database (galaxyco_test_&lt;guid&gt;).</summary>
    public string DatabaseName { get; }

    /// <summary>The schema owner (runs migrations). Still bound by RLS: the tables FORCE it.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>The runtime role of the app: what every <see cref="CreateContext(ITenantContext)"/> uses.</summary>
    public string AppConnectionString { get; }

    /// <summary>Superuser on this database: bypasses RLS. For arranging and verifying only, never as "the app".</summary>
    public string SuperuserConnectionString { get; }

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await EnsureRoleAsync(admin, OwnerRole, $"LOGIN PASSWORD '{OwnerRole}' NOSUPERUSER CREATEDB");
            await EnsureRoleAsync(admin, AppRole, $"LOGIN PASSWORD '{AppRole}' NOSUPERUSER NOBYPASSRLS NOCREATEDB");
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Quote(DatabaseName)} OWNER {OwnerRole}", admin);
            await create.ExecuteNonQueryAsync();
        }
        await DatabaseMigrator.MigrateAsync(OwnerConnectionString, AppConnectionString);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(DatabaseName)} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A context as the app role for <paramref name="tenant"/>, configured exactly as the app configures it.</summary>
    public GalaxyDbContext CreateContext(ITenantContext tenant) => CreateContext(tenant, AppConnectionString);

    /// <summary>A context on another connection string (e.g. <see cref="AppConnectionString"/> with a tiny pool, or the superuser).</summary>
    public static GalaxyDbContext CreateContext(ITenantContext tenant, string connectionString)
    {
        var options = new DbContextOptionsBuilder<GalaxyDbContext>();
        DataServiceCollectionExtensions.Configure(options, connectionString);
        return new GalaxyDbContext(options.Options, tenant);
    }

    /// <summary>A tenant scoped to <paramref name="workspaceId"/> (and optionally a user), as the web layer would set it.</summary>
    public static TenantContext Tenant(Guid workspaceId, Guid? userId = null)
    {
        var tenant = new TenantContext();
        tenant.SetWorkspace(workspaceId);
        tenant.SetUser(userId);
        return tenant;
    }

    /// <summary>
    /// An open raw connection as the app role. With <paramref name="workspaceId"/> it runs
    /// <c>set_config('app.workspace_id', id, false)</c> (session level), as the app's connection interceptor does.
    /// </summary>
    public Task<NpgsqlConnection> OpenAppConnectionAsync(Guid? workspaceId = null, Guid? userId = null) =>
        OpenConnectionAsync(AppConnectionString, workspaceId, userId);

    /// <summary>An open raw connection as the schema owner (FORCE RLS binds it too, so give it a workspace to see rows).</summary>
    public Task<NpgsqlConnection> OpenOwnerConnectionAsync(Guid? workspaceId = null, Guid? userId = null) =>
        OpenConnectionAsync(OwnerConnectionString, workspaceId, userId);

    /// <summary>An open raw connection as superuser on this database: sees every workspace's rows.</summary>
    public Task<NpgsqlConnection> OpenSuperuserConnectionAsync() => OpenConnectionAsync(SuperuserConnectionString, null, null);

    public static async Task<NpgsqlConnection> OpenConnectionAsync(string connectionString, Guid? workspaceId = null, Guid? userId = null)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            if (workspaceId is not null || userId is not null)
            {
                await using var set = new NpgsqlCommand(
                    "select set_config('app.workspace_id', @w, false), set_config('app.user_id', @u, false)", connection);
                set.Parameters.AddWithValue("w", workspaceId?.ToString() ?? "");
                set.Parameters.AddWithValue("u", userId?.ToString() ?? "");
                await set.ExecuteNonQueryAsync();
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The tables of schema public that have a workspace_id column, read from the catalog (not from a hand list),
    /// so a table added by a later migration is covered by every test that iterates them.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetTenantTablesAsync()
    {
        await using var connection = await OpenSuperuserConnectionAsync();
        await using var command = new NpgsqlCommand("""
            select c.relname
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid
            where n.nspname = 'public' and c.relkind in ('r', 'p')
              and a.attname = 'workspace_id' and a.attnum > 0 and not a.attisdropped
            order by c.relname
            """, connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    /// <summary>Quotes an identifier (table names read from the catalog) for SQL text.</summary>
    public static string Quote(string identifier) => new NpgsqlCommandBuilder().QuoteIdentifier(identifier);

    private string Build(string? username, string? password)
    {
        var builder = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = DatabaseName };
        if (username is not null)
        {
            builder.Username = username;
            builder.Password = password;
        }
        return builder.ConnectionString;
    }

    private static async Task EnsureRoleAsync(NpgsqlConnection admin, string role, string attributes)
    {
        await using var exists = new NpgsqlCommand("select 1 from pg_roles where rolname = @r", admin);
        exists.Parameters.AddWithValue("r", role);
        if (await exists.ExecuteScalarAsync() is not null) return;
        try
        {
            await using var create = new NpgsqlCommand($"CREATE ROLE {Quote(role)} {attributes}", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
            // Another test process created it between our check and our CREATE.
        }
    }
}
