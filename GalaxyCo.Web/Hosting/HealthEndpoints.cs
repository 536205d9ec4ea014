using GalaxyCo.Data;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Web.Hosting;

internal static class HealthEndpoints
{
    /// <summary>GET /healthz: 200 only when the database answers and every migration is applied.</summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", async (IDbContextFactory<GalaxyDbContext> factory, CancellationToken ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await DatabaseMigrator.IsReadyAsync(db, ct)
                ? Results.Text("ok")
                : Results.Problem(title: "Database unavailable or not migrated", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
}
