using GalaxyCo.Domain.Seeding;

namespace GalaxyCo.Web.Hosting;

internal static class DemoStartup
{
    /// <summary>Fills the demo workspace on first start (idempotent) so a newcomer sees a living product.</summary>
    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        // The demo owner also gets the system-admin console and the jobs dashboard, so a newcomer can see them.
        await scope.ServiceProvider.GetRequiredService<GalaxyCo.Domain.SystemAdmin.SystemAdminService>().GrantAsync(DemoSeeder.DemoEmail);
        if (result.Created)
        {
            // The demo library goes through the real pipeline: chunked and embedded by the background jobs.
            var items = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().ProcessingKnowledgeItemsAsync(result.WorkspaceId, CancellationToken.None);
            var queue = scope.ServiceProvider.GetRequiredService<GalaxyCo.Domain.Knowledge.Ingestion.IKnowledgeIngestionQueue>();
            foreach (var id in items) queue.Enqueue(result.WorkspaceId, id);
        }
        logger.LogInformation("Demo workspace '{Slug}' is ready", result.WorkspaceSlug);
    }

    public static void PrintWelcome(WebApplication app)
    {
        var urls = string.Join(", ", app.Urls.Select(u => u.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal)));
        Console.WriteLine();
        Console.WriteLine($"  GalaxyCo is running at {urls}");
        if (app.Configuration.GetValue("Seed:Demo", true))
            Console.WriteLine($"  Demo sign-in: {DemoSeeder.DemoEmail} / {DemoSeeder.DemoPassword}");
        Console.WriteLine("  Press Ctrl+C to stop.");
        Console.WriteLine();
    }
}
