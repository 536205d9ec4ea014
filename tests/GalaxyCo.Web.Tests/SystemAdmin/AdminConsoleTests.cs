using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.SystemAdmin;
using GalaxyCo.Web.Tests.Infrastructure;

namespace GalaxyCo.Web.Tests.SystemAdmin;

[Collection(PostgresCollection.Name)]
public sealed class AdminConsoleTests(PostgresDatabase database)
{
    [Fact]
    public async Task Render_NormalUser_SeesSystemAdminsOnly()
    {
        var workspace = await database.CreateWorkspaceAsync("Console Owner");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        ctx.RenderProviders();

        var cut = ctx.Render<AdminConsole>();

        cut.WaitForAssertion(() => Assert.Contains("System admins only", cut.Find("[data-testid=admin-forbidden]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=admin-tabs]"));
        Assert.DoesNotContain(workspace.Slug, cut.Markup);
    }

    [Fact]
    public async Task Render_SystemAdmin_ListsEveryWorkspaceAndFiltersBySearch()
    {
        var home = await database.CreateWorkspaceAsync("Console Home");
        var other = await database.CreateWorkspaceAsync("Console Zebra");
        var admin = await database.AddMemberAsync(home, UserRole.SystemAdmin);
        await using var ctx = GalaxyBunitContext.ActingAs(database, admin);
        ctx.RenderProviders();

        var cut = ctx.Render<AdminConsole>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=admin-workspaces]")));
        Assert.Contains(home.Slug, cut.Markup);
        Assert.Contains(other.Slug, cut.Markup);

        cut.Find("[data-testid=admin-search]").InputOf().Input("zebra");

        cut.WaitForAssertion(() => Assert.DoesNotContain(home.Slug, cut.Find("[data-testid=admin-workspaces]").TextContent));
        Assert.Contains(other.Slug, cut.Find("[data-testid=admin-workspaces]").TextContent);
    }
}
