using GalaxyCo.Domain.Seeding;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// `dotnet run --project GalaxyCo.Web -- seed --workspace bench --scale 100000`: fills a benchmark workspace with
/// COPY, using the same configuration (ConnectionStrings__GalaxyMigrations) as the app.
/// </summary>
internal static class SeedCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var slug = Option(args, "--workspace") ?? "bench";
        if (!int.TryParse(Option(args, "--scale") ?? "10000", out var scale) || scale is < 10 or > 1_000_000)
        {
            await Console.Error.WriteLineAsync("--scale must be a number between 10 and 1000000.");
            return 2;
        }
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
        var (app, owner) = DatabaseSettings.Read(configuration);
        await GalaxyCo.Data.DatabaseMigrator.MigrateAsync(owner, app);
        var report = await new BenchSeeder(owner).SeedAsync(slug, scale, new Progress<string>(Console.WriteLine), CancellationToken.None);
        Console.WriteLine(report);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
