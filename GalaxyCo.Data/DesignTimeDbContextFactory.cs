using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GalaxyCo.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GalaxyDbContext>
{
    public GalaxyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<GalaxyDbContext>();
        DataServiceCollectionExtensions.Configure(options, "Host=localhost;Database=galaxyco_design");
        return new GalaxyDbContext(options.Options, new TenantContext());
    }
}
