using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Data;

/// <summary>
/// Applies EF migrations as the schema owner and grants the app role what it needs and nothing more
/// (DML, no DDL). The app role is neither owner, superuser nor BYPASSRLS, so RLS binds it.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(string ownerConnectionString, string appConnectionString, CancellationToken ct = default)
    {
        var options = new DbContextOptionsBuilder<GalaxyDbContext>();
        DataServiceCollectionExtensions.Configure(options, ownerConnectionString);
        await using (var db = new GalaxyDbContext(options.Options, new TenantContext()))
        {
            await db.Database.MigrateAsync(ct);
        }

        var appRole = new NpgsqlConnectionStringBuilder(appConnectionString).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        if (string.IsNullOrEmpty(appRole) || appRole == ownerRole) return;

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        var role = new NpgsqlCommandBuilder().QuoteIdentifier(appRole);
        await using var grant = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE ALL ON TABLE "__ef_migrations_history" FROM {role};
            GRANT SELECT ON TABLE "__ef_migrations_history" TO {role};
            """, connection);
        await grant.ExecuteNonQueryAsync(ct);
    }

    /// <summary>True when the database answers and has every migration this build knows (the /healthz check).</summary>
    public static async Task<bool> IsReadyAsync(GalaxyDbContext db, CancellationToken ct = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) return false;
            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            return !pending.Any();
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
