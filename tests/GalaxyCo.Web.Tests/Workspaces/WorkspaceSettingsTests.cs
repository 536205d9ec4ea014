using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Workspaces;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Web.Tests.Workspaces;

[Collection(PostgresCollection.Name)]
public sealed class WorkspaceSettingsTests(PostgresDatabase database)
{
    [Fact]
    public async Task Render_Owner_SeesTierSelectEnabledAndTheFlags()
    {
        var workspace = await database.CreateWorkspaceAsync("Settings Owner");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        ctx.RenderProviders();

        var cut = ctx.Render<WorkspaceSettings>(p => p.Add(s => s.Slug, workspace.Slug));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tier-select]")));
        Assert.NotEqual("true", cut.Find("[data-testid=tier-select]").GetAttribute("aria-disabled"));
        Assert.DoesNotContain("Only an owner can change the subscription tier", cut.Markup);
        Assert.Equal(workspace.Name, cut.Find("[data-testid=workspace-name]").InputOf().GetAttribute("value"));
        Assert.Contains($"/w/{workspace.Slug}", cut.Markup);
        foreach (var description in Domain.Workspaces.WorkspaceService.KnownFeatureFlags.Values) Assert.Contains(description, cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=settings-forbidden]"));
    }

    [Fact]
    public async Task Render_Admin_SeesTierSelectDisabledWithAHint()
    {
        var workspace = await database.CreateWorkspaceAsync("Settings Admin");
        var admin = await database.AddMemberAsync(workspace, UserRole.Admin);
        await using var ctx = GalaxyBunitContext.ActingAs(database, admin);
        ctx.RenderProviders();

        var cut = ctx.Render<WorkspaceSettings>(p => p.Add(s => s.Slug, workspace.Slug));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tier-select]")));
        Assert.Equal("true", cut.Find("[data-testid=tier-select]").GetAttribute("aria-disabled"));
        Assert.Contains("Only an owner can change the subscription tier", cut.Markup);
        Assert.Contains("Only an owner can deactivate the workspace", cut.Markup);
    }

    [Fact]
    public async Task Render_Member_SeesTheForbiddenState()
    {
        var workspace = await database.CreateWorkspaceAsync("Settings Member");
        var member = await database.AddMemberAsync(workspace, UserRole.Member);
        await using var ctx = GalaxyBunitContext.ActingAs(database, member);
        ctx.RenderProviders();

        var cut = ctx.Render<WorkspaceSettings>(p => p.Add(s => s.Slug, workspace.Slug));

        cut.WaitForAssertion(() => Assert.Contains("Only admins and owners can change settings", cut.Find("[data-testid=settings-forbidden]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=tier-select]"));
        Assert.Empty(cut.FindAll("[data-testid=workspace-name]"));
    }

    [Fact]
    public async Task Save_EmptyName_ShowsTheFieldErrorAndSavesNothing()
    {
        var workspace = await database.CreateWorkspaceAsync("Settings Empty Name");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        ctx.RenderProviders();
        var cut = ctx.Render<WorkspaceSettings>(p => p.Add(s => s.Slug, workspace.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=workspace-name]")));
        var auditRowsBefore = await CountAuditRowsAsync(workspace);

        cut.Find("[data-testid=workspace-name]").InputOf().Change("");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Give the workspace a name.", cut.Markup));
        var field = cut.Find("[data-testid=workspace-name]").InputOf().Closest(".mud-input-control")!;
        Assert.Contains("Give the workspace a name.", field.TextContent);
        Assert.Equal(workspace.Name, await NameInDatabaseAsync(workspace));
        Assert.Equal(auditRowsBefore, await CountAuditRowsAsync(workspace));
    }

    [Fact]
    public async Task Save_NewNameAndFlag_SavesBothAndKeepsTheAddress()
    {
        var workspace = await database.CreateWorkspaceAsync("Settings Rename");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        var snackbars = ctx.RenderProviders();
        var cut = ctx.Render<WorkspaceSettings>(p => p.Add(s => s.Slug, workspace.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=workspace-name]")));

        cut.Find("[data-testid=workspace-name]").InputOf().Change("Renamed Co");
        cut.Find("[data-testid=flag-ai_agents]").InputOf().Change(true);
        await cut.Find("form").SubmitAsync();

        snackbars.WaitForAssertion(() => Assert.Contains("Settings saved.", snackbars.Markup));
        await using var db = database.CreateContext(workspace.Tenant());
        var saved = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == workspace.Id);
        Assert.Equal("Renamed Co", saved.Name);
        Assert.Equal(workspace.Slug, saved.Slug);
        // The test workspace starts with every flag off; only the switched one turns on.
        Assert.True(saved.Settings.FeatureFlags["ai_agents"]);
        Assert.False(saved.Settings.FeatureFlags["knowledge_search"]);
    }

    [Fact]
    public async Task Save_AfterSomeoneElseChangedIt_ShowsTheConflictAndOffersReload()
    {
        var workspace = await database.CreateWorkspaceAsync("Settings Conflict");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        ctx.RenderProviders();
        var cut = ctx.Render<WorkspaceSettings>(p => p.Add(s => s.Slug, workspace.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=workspace-name]")));
        await using (var other = database.CreateContext(workspace.Tenant()))
        {
            var row = await other.Workspaces.SingleAsync(w => w.Id == workspace.Id);
            row.Name = "Changed Elsewhere";
            await other.SaveChangesAsync();
        }

        cut.Find("[data-testid=workspace-name]").InputOf().Change("My Rename");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Someone else changed this workspace", cut.Find("[data-testid=settings-conflict]").TextContent));
        Assert.Equal("Changed Elsewhere", await NameInDatabaseAsync(workspace));
        await cut.Find("[data-testid=settings-reload]").ClickAsync();
        cut.WaitForAssertion(() => Assert.Equal("Changed Elsewhere", cut.Find("[data-testid=workspace-name]").InputOf().GetAttribute("value")));
        Assert.Empty(cut.FindAll("[data-testid=settings-conflict]"));
    }

    private async Task<string> NameInDatabaseAsync(TestWorkspace workspace)
    {
        await using var db = database.CreateContext(workspace.Tenant());
        return await db.Workspaces.Where(w => w.Id == workspace.Id).Select(w => w.Name).SingleAsync();
    }

    private async Task<int> CountAuditRowsAsync(TestWorkspace workspace)
    {
        await using var db = database.CreateContext(workspace.Tenant());
        return await db.AuditLogs.CountAsync();
    }
}
