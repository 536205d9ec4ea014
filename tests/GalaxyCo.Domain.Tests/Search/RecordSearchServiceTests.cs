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
            ctx.Customers.AddRange(new Customer { Name = "Acme 100% Organic" }, new Customer { Name = "Acme 200 Organic" }, new Customer { Name = "snake_case Ltd" }, new Customer { Name = "snakeXcase Ltd" });
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = db.CreateContext(b.Tenant()))
        {
            ctx.Customers.Add(new Customer { Name = "Acme 100% Organic (B)" });
            await ctx.SaveChangesAsync();
        }

        await using var scope = await host.ActAsync(a.Slug, a.OwnerUserId);
        var search = scope.ServiceProvider.GetRequiredService<RecordSearchService>();

        Assert.Equal(["Acme 100% Organic"], Customers(await search.FindAsync("100%")));
        Assert.Equal(["snake_case Ltd"], Customers(await search.FindAsync("snake_case")));
        Assert.Empty(Customers(await search.FindAsync("%%")));
        Assert.Equal(["Acme 100% Organic", "Acme 200 Organic"], Customers(await search.FindAsync("acme org")));
    }

    [Fact]
    public async Task FindAsync_FindsCustomersContactsAndProspects_ByWordPrefixOfNameEmailOrCompany()
    {
        var w = await db.CreateWorkspaceAsync("Search Crm Kinds");
        Guid customerId, contactId, prospectId;
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            var customer = new Customer { Name = "Initech", Email = "billing@initech.test" };
            var contact = new Contact { FirstName = "Peter", LastName = "Gibbons", Email = "peter@initech.test" };
            var prospect = new Prospect { Name = "Milton Waddams", Company = "Initech Basement" };
            ctx.AddRange(customer, contact, prospect);
            await ctx.SaveChangesAsync();
            (customerId, contactId, prospectId) = (customer.Id, contact.Id, prospect.Id);
        }
        await using var scope = await host.ActAsync(w.Slug, w.OwnerUserId);
        var search = scope.ServiceProvider.GetRequiredService<RecordSearchService>();

        var hits = await search.FindAsync("initec");

        Assert.Contains(hits, h => h.Kind == "Customer" && h.Path == $"crm/customers/{customerId}");
        Assert.Contains(hits, h => h.Kind == "Contact" && h.Title == "Peter Gibbons" && h.Path == $"crm/contacts/{contactId}");
        Assert.Contains(hits, h => h.Kind == "Prospect" && h.Subtitle == "Initech Basement" && h.Path == $"crm/prospects/{prospectId}");
        Assert.Equal(["Milton Waddams"], (await search.FindAsync("wadd mil")).Where(h => h.Kind == "Prospect").Select(h => h.Title));
        Assert.DoesNotContain(await search.FindAsync("nitech"), h => h.Kind is "Customer" or "Contact" or "Prospect");
    }

    private static List<string> Customers(IEnumerable<SearchHit> hits) => hits.Where(h => h.Kind == "Customer").Select(h => h.Title).ToList();
}
