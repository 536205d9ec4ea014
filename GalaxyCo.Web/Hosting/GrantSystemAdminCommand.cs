using GalaxyCo.Data;
using GalaxyCo.Domain.SystemAdmin;

namespace GalaxyCo.Web.Hosting;

/// <summary>`dotnet run --project GalaxyCo.Web -- grant-system-admin EMAIL`: an operator makes an account a system admin.</summary>
internal static class GrantSystemAdminCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: grant-system-admin EMAIL");
            return 2;
        }
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
        var (app, owner) = DatabaseSettings.Read(configuration);
        await DatabaseMigrator.MigrateAsync(owner, app);
        var services = new ServiceCollection().AddLogging().AddGalaxyData(app);
        services.AddScoped<SystemAdminService>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SystemAdminService>().GrantAsync(args[1]);
        Console.WriteLine(result.Succeeded ? $"{args[1]} is now a system admin (workspace '{SystemAdminService.OperationsSlug}')." : result.Message);
        return result.Succeeded ? 0 : 1;
    }
}
