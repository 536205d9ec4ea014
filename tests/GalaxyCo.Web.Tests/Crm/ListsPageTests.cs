using Bunit;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Crm.Lists;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Crm;

/// <summary>The CRM list pages on the real database: rows, empty states, search and bulk delete with undo.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ListsPageTests(PostgresDatabase database)
{
    private static void Crm(IServiceCollection services)
    {
        services.AddLogging();
        services.AddCrm();
        services.AddSingleton<ChangeFeed>();
    }

    [Fact]
    public async Task ProspectsPage_ListsTheWorkspacesProspects_WithLinksToTheirPages()
    {
        var workspace = await database.CreateWorkspaceAsync("Lists Rows");
        var other = await database.CreateWorkspaceAsync("Lists Rows Other");
        Guid danaId;
        await using (var db = database.CreateContext(workspace.Tenant()))
        {
            var created = new Prospect { Name = "Dana Lee", Company = "Initech", Stage = ProspectStage.Qualified, EstimatedValue = 12_000_00, Tags = ["hot"], Position = 1 };
            db.Prospects.AddRange(created, new Prospect { Name = "Eli Moss", Company = "Globex", Position = 2 });
            await db.SaveChangesAsync();
            danaId = created.Id;
        }
        await using (var db = database.CreateContext(other.Tenant()))
        {
            db.Prospects.Add(new Prospect { Name = "Not Mine", Position = 1 });
            await db.SaveChangesAsync();
        }
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        ctx.RenderProviders();

        var cut = ctx.Render<ProspectsPage>(p => p.Add(x => x.Slug, workspace.Slug));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=row-name]").Count));
        var dana = cut.FindAll("[data-testid=row-name]").Single(a => a.TextContent == "Dana Lee");
        Assert.Equal($"/w/{workspace.Slug}/crm/prospects/{danaId}", dana.GetAttribute("href"));
        Assert.Contains("Initech", cut.Markup);
        Assert.Contains("hot", cut.FindAll("[data-testid=row-tag]").Select(t => t.TextContent));
        Assert.DoesNotContain("Not Mine", cut.Markup);
        Assert.Contains("2 prospects", cut.Find("[data-testid=list-total]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=list-empty]"));
    }

    [Fact]
    public async Task CustomersPage_WithNoCustomers_InvitesToCreateOrImport()
    {
        var workspace = await database.CreateWorkspaceAsync("Lists Empty");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        ctx.RenderProviders();

        var cut = ctx.Render<CustomersPage>(p => p.Add(x => x.Slug, workspace.Slug));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=list-empty]")));
        Assert.Contains("No customers yet", cut.Find("[data-testid=list-empty]").TextContent);
        Assert.Equal($"/w/{workspace.Slug}/crm/import", cut.Find("[data-testid=empty-import]").GetAttribute("href"));
        Assert.NotEmpty(cut.FindAll("[data-testid=new-record]"));
    }

    [Fact]
    public async Task ContactsPage_SearchNarrowsTheRows_AndANoMatchSaysSo()
    {
        var workspace = await database.CreateWorkspaceAsync("Lists Search");
        await using (var db = database.CreateContext(workspace.Tenant()))
        {
            db.Contacts.AddRange(new Contact { FirstName = "Ann", LastName = "Zed", Email = "ann@acme.test" }, new Contact { FirstName = "Bob", LastName = "Young", Email = "bob@globex.test" });
            await db.SaveChangesAsync();
        }
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        ctx.RenderProviders();
        var cut = ctx.Render<ContactsPage>(p => p.Add(x => x.Slug, workspace.Slug));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=row-name]").Count));

        await cut.Find("input[data-testid=list-search], [data-testid=list-search] input").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "glob" });

        cut.WaitForAssertion(() => Assert.Equal(["Bob Young"], cut.FindAll("[data-testid=row-name]").Select(a => a.TextContent)));

        await cut.Find("input[data-testid=list-search], [data-testid=list-search] input").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "nobody" });

        cut.WaitForAssertion(() => Assert.Contains("No contacts match these filters", cut.Find("[data-testid=list-empty]").TextContent));
    }

    [Fact]
    public async Task ProspectsPage_BulkDelete_HidesRowsAtOnce_AndUndoKeepsThem()
    {
        var workspace = await database.CreateWorkspaceAsync("Lists Undo");
        await using (var db = database.CreateContext(workspace.Tenant()))
        {
            db.Prospects.AddRange(new Prospect { Name = "Keep Me", Position = 1 }, new Prospect { Name = "Delete Me", Position = 2 });
            await db.SaveChangesAsync();
        }
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var snackbars = ctx.RenderProviders();
        var cut = ctx.Render<ProspectsPage>(p => p.Add(x => x.Slug, workspace.Slug));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=row-name]").Count));

        var row = cut.FindAll("[data-testid=list-table] tbody tr").Single(r => r.TextContent.Contains("Delete Me", StringComparison.Ordinal));
        await row.QuerySelector("input[type=checkbox]")!.ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        cut.WaitForAssertion(() => Assert.Contains("1 selected", cut.Find("[data-testid=bulk-count]").TextContent));
        await cut.Find("[data-testid=bulk-delete]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(["Keep Me"], cut.FindAll("[data-testid=row-name]").Select(a => a.TextContent)));
        Assert.Equal(2, await CountAsync(workspace));
        snackbars.WaitForAssertion(() => Assert.Contains("Deleted 1 prospect", snackbars.Markup));
        var undo = snackbars.FindAll("button").Single(b => b.TextContent.Contains("Undo", StringComparison.Ordinal));
        await undo.ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=row-name]").Count));
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Equal(2, await CountAsync(workspace));
    }

    private async Task<int> CountAsync(TestWorkspace workspace)
    {
        await using var db = database.CreateContext(workspace.Tenant());
        return await db.Prospects.CountAsync();
    }
}
