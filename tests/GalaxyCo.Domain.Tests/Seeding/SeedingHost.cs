using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Seeding;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Seeding;

/// <summary>
/// The data layer and ASP.NET Core Identity on the test database as the app role, the way the app wires them, so the
/// seeders run with a real UserManager, the tenant write guard and RLS.
/// </summary>
public sealed class SeedingHost : IDisposable
{
    private readonly ServiceProvider provider;

    public SeedingHost(PostgresDatabase db)
    {
        Db = db;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddIdentityCore<User>().AddEntityFrameworkStores<GalaxyDbContext>();
        provider = services.BuildServiceProvider();
    }

    public PostgresDatabase Db { get; }

    /// <summary>Runs the demo seeder in a fresh scope (one app start).</summary>
    public async Task<DemoSeedResult> SeedDemoAsync()
    {
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var seeder = new DemoSeeder(sp.GetRequiredService<IDbContextFactory<GalaxyDbContext>>(), sp.GetRequiredService<TenantContext>(), sp.GetRequiredService<UserManager<User>>());
        return await seeder.SeedAsync(CancellationToken.None);
    }

    /// <summary>A scope whose UserManager answers sign-in questions.</summary>
    public AsyncServiceScope CreateScope() => provider.CreateAsyncScope();

    /// <summary>A context as the app role entered into one workspace.</summary>
    public GalaxyDbContext Context(Guid workspaceId) => Db.CreateContext(PostgresDatabase.Tenant(workspaceId));

    /// <summary>Rows of <paramref name="table"/> in one workspace, counted as the owner with that workspace set (RLS applies).</summary>
    public async Task<long> CountAsync(Guid workspaceId, string table)
    {
        await using var connection = await Db.OpenOwnerConnectionAsync(workspaceId);
        return await CountAsync(connection, workspaceId, table);
    }

    /// <summary>Rows per tenant table (read from the catalog) in one workspace.</summary>
    public async Task<Dictionary<string, long>> CountAllAsync(Guid workspaceId)
    {
        var counts = new Dictionary<string, long>();
        await using var connection = await Db.OpenOwnerConnectionAsync(workspaceId);
        foreach (var table in await Db.GetTenantTablesAsync()) counts[table] = await CountAsync(connection, workspaceId, table);
        return counts;
    }

    /// <summary>Rows per tenant table outside <paramref name="workspaceId"/>, across every other workspace (superuser).</summary>
    public async Task<Dictionary<string, long>> CountOthersAsync(Guid workspaceId)
    {
        var counts = new Dictionary<string, long>();
        await using var connection = await Db.OpenSuperuserConnectionAsync();
        foreach (var table in await Db.GetTenantTablesAsync())
        {
            await using var command = new NpgsqlCommand($"select count(*) from {PostgresDatabase.Quote(table)} where workspace_id <> @w", connection);
            command.Parameters.AddWithValue("w", workspaceId);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection, Guid workspaceId, string table)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {PostgresDatabase.Quote(table)} where workspace_id = @w", connection);
        command.Parameters.AddWithValue("w", workspaceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => provider.Dispose();
}
