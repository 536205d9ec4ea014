using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Search;

[Collection(PostgresCollection.Name)]
public sealed class RecordSearchServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly DomainHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task FindAsync_TreatsPercentAndUnderscoreLiterally_AndStaysInItsWorkspace()
    {
        var a = await db.CreateWorkspaceAsync("Search A");
        var b = await db.CreateWorkspaceAsync("Search B");
        await using (var ctx = db.CreateContext(a.Tenant()))
        {
            ctx.Customers.AddRange(new Customer { Name = "Acme 100% Organic" }, new Customer { Name = "Acme 1000 Organic" }, new Customer { Name = "snake_case Ltd" }, new Customer { Name = "snakeXcase Ltd" });
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = db.CreateContext(b.Tenant()))
        {
            ctx.Customers.Add(new Customer { Name = "Acme 100% Organic (B)" });
            await ctx.SaveChangesAsync();
        }

        await using var scope = await host.ActAsync(a.Slug, a.OwnerUserId);
        var search = scope.ServiceProvider.GetRequiredService<RecordSearchService>();

        var percent = (await search.FindAsync("100%")).Where(h => h.Kind == "Customer").Select(h => h.Title).ToList();
        var underscore = (await search.FindAsync("snake_case")).Where(h => h.Kind == "Customer").Select(h => h.Title).ToList();

        Assert.Equal(["Acme 100% Organic"], percent);
        Assert.Equal(["snake_case Ltd"], underscore);
    }
}
