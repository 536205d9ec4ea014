using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace GalaxyCo.Data.Tenancy;

/// <summary>
/// Hands the tenant to PostgreSQL row-level security each time EF opens a connection. The settings are session-level
/// and Npgsql's reset-on-close (DISCARD ALL when a connection goes back to the pool) clears them, so a pooled
/// connection never carries one workspace's setting into another's request.
/// </summary>
public sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public static readonly TenantConnectionInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        var tenant = (eventData.Context as GalaxyDbContext)?.Tenant;
        var command = new NpgsqlCommand(
            "select set_config('app.workspace_id', @w, false), set_config('app.user_id', @u, false)",
            (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("w", tenant?.WorkspaceId?.ToString() ?? "");
        command.Parameters.AddWithValue("u", tenant?.UserId?.ToString() ?? "");
        return command;
    }
}
