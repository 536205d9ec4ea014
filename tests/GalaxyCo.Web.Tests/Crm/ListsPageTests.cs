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
using MudBlazor;

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

    [Fact]
    public async Task ProspectsPage_LiveChange_ReloadsThePage_AndKeepsTheSelectedRowsStillThere()
    {
        var workspace = await database.CreateWorkspaceAsync("Lists Live");
        await using (var db = database.CreateContext(workspace.Tenant()))
        {
            db.Prospects.AddRange(new Prospect { Name = "Ada", Position = 1 }, new Prospect { Name = "Ben", Position = 2 });
            await db.SaveChangesAsync();
        }
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        ctx.RenderProviders();
        var cut = ctx.Render<ProspectsPage>(p => p.Add(x => x.Slug, workspace.Slug));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=row-name]").Count));
        var row = cut.FindAll("[data-testid=list-table] tbody tr").Single(r => r.TextContent.Contains("Ben", StringComparison.Ordinal));
        await row.QuerySelector("input[type=checkbox]")!.ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        cut.WaitForAssertion(() => Assert.Contains("1 selected", cut.Find("[data-testid=bulk-count]").TextContent));

        Guid added;
        await using (var db = database.CreateContext(workspace.Tenant()))
        {
            var carl = new Prospect { Name = "Carl", Position = 3 };
            db.Prospects.Add(carl);
            await db.SaveChangesAsync();
            added = carl.Id;
        }
        var feed = ctx.Services.GetRequiredService<ChangeFeed>();
        feed.Publish(new DatabaseChange(Guid.NewGuid(), nameof(CrmRecordType.Prospect), "INSERT", [added])); // another workspace: ignored
        await Task.Delay(CrmListBase<GalaxyCo.Domain.Crm.ProspectView>.LiveDebounce * 2);
        Assert.Equal(2, cut.FindAll("[data-testid=row-name]").Count);

        feed.Publish(new DatabaseChange(workspace.Id, nameof(CrmRecordType.Prospect), "INSERT", [added]));

        cut.WaitForAssertion(() => Assert.Equal(["Ada", "Ben", "Carl"], cut.FindAll("[data-testid=row-name]").Select(a => a.TextContent)), TimeSpan.FromSeconds(5));
        // The checkbox icon of the kept row is the ticked one: it differs from the rows not selected. The table renders
        // the restored selection in a pass of its own after the reload, so wait for it (it failed once under load).
        string Tick(string name) => cut.FindAll("[data-testid=list-table] tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal)).QuerySelector("svg")!.InnerHtml;
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("1 selected", cut.Find("[data-testid=bulk-count]").TextContent);
            Assert.Equal(Tick("Ada"), Tick("Carl"));
            Assert.NotEqual(Tick("Ada"), Tick("Ben"));
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ProspectsPage_PickingASavedView_AppliesItsFiltersAndColumns_AndMirrorsThemInTheAddress()
    {
        var workspace = await database.CreateWorkspaceAsync("Lists Views");
        await using (var db = database.CreateContext(workspace.Tenant()))
        {
            db.Prospects.AddRange(
                new Prospect { Name = "Won Hot", Stage = ProspectStage.Won, Tags = ["hot"], Score = 82, Position = 1 },
                new Prospect { Name = "Won Cold", Stage = ProspectStage.Won, Tags = ["cold"], Position = 2 },
                new Prospect { Name = "New Hot", Stage = ProspectStage.New, Tags = ["hot"], Position = 3 });
            db.CrmSavedViews.AddRange(
                new CrmSavedView { OwnerId = workspace.OwnerUserId, RecordType = CrmRecordType.Prospect, Name = "Hot wins", Filters = new() { ["stage"] = "Won", ["tag"] = "hot" }, Columns = ["name", "score"] },
                new CrmSavedView { OwnerId = workspace.OwnerUserId, RecordType = CrmRecordType.Prospect, Name = CrmListBase<GalaxyCo.Domain.Crm.ProspectView>.ColumnsViewName, Columns = ["name", "stage"] });
            await db.SaveChangesAsync();
        }
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var popovers = ctx.Render<MudPopoverProvider>();
        ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.Render<ProspectsPage>(p => p.Add(x => x.Slug, workspace.Slug));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=row-name]").Count));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=score-badge]"))); // the private column choice (loaded after the rows) hides the score

        await cut.Find("[data-testid=saved-views] button").ClickAsync(new());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll("[data-testid=saved-view-item]")));
        var items = popovers.FindAll("[data-testid=saved-view-item]");
        Assert.DoesNotContain(items, i => i.TextContent.Contains(CrmListBase<GalaxyCo.Domain.Crm.ProspectView>.ColumnsViewName, StringComparison.Ordinal));
        await items.Single(i => i.TextContent.Contains("Hot wins", StringComparison.Ordinal)).ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(["Won Hot"], cut.FindAll("[data-testid=row-name]").Select(a => a.TextContent)));
        Assert.Contains("Score 82", cut.Find("[data-testid=score-badge]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=row-stage]"));
        var uri = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri;
        Assert.Contains("stage=Won", uri, StringComparison.Ordinal);
        Assert.Contains("tag=hot", uri, StringComparison.Ordinal);
    }

    private async Task<int> CountAsync(TestWorkspace workspace)
    {
        await using var db = database.CreateContext(workspace.Tenant());
        return await db.Prospects.CountAsync();
    }
}
