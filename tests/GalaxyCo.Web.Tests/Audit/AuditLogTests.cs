using AngleSharp.Dom;
using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Audit;
using GalaxyCo.Web.Components.Pages.Workspaces;
using GalaxyCo.Web.Tests.Infrastructure;

namespace GalaxyCo.Web.Tests.Audit;

[Collection(PostgresCollection.Name)]
public sealed class AuditLogTests(PostgresDatabase database)
{
    [Fact]
    public async Task Render_AfterARename_ListsTheEntryWithItsDiff()
    {
        var workspace = await database.CreateWorkspaceAsync("Audit Before");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        var snackbars = ctx.RenderProviders();
        var settings = ctx.Render<WorkspaceSettings>(p => p.Add(s => s.Slug, workspace.Slug));
        settings.WaitForAssertion(() => Assert.NotEmpty(settings.FindAll("[data-testid=workspace-name]")));
        settings.Find("[data-testid=workspace-name]").InputOf().Change("Audit After");
        await settings.Find("form").SubmitAsync();
        snackbars.WaitForAssertion(() => Assert.Contains("Settings saved.", snackbars.Markup));

        var cut = ctx.Render<AuditLog>(p => p.Add(a => a.Slug, workspace.Slug));

        IElement UpdateRow() => cut.FindAll("[data-testid=audit-table] tbody tr").Single(r => r.TextContent.Contains("update", StringComparison.Ordinal));
        cut.WaitForAssertion(() => UpdateRow());
        var update = UpdateRow().TextContent;
        Assert.Contains(workspace.OwnerEmail, update);
        Assert.Contains("workspace", update);
        Assert.Contains(workspace.Id.ToString(), update);

        await MarkupQueries.ClickFreshAsync(() => UpdateRow().QuerySelector("[data-testid=audit-expand]")!);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=audit-detail]")));
        var diff = cut.Find("[data-testid=audit-detail] [data-testid=diff-name]");
        Assert.Equal("Audit Before", diff.QuerySelector(".before")!.TextContent);
        Assert.Equal("Audit After", diff.QuerySelector(".after")!.TextContent);
        Assert.NotNull(diff.Closest(".gc-diff"));
        var detail = cut.Find("[data-testid=audit-detail]").TextContent;
        Assert.Contains(GalaxyBunitContext.ClientIp, detail);
        Assert.Contains(GalaxyBunitContext.ClientUserAgent, detail);
    }

    [Fact]
    public async Task Render_OnlyShowsTheCurrentWorkspacesTrail()
    {
        var mine = await database.CreateWorkspaceAsync("Audit Mine");
        var theirs = await database.CreateWorkspaceAsync("Audit Theirs");
        await using var ctx = GalaxyBunitContext.ActingAs(database, mine);
        ctx.RenderProviders();

        var cut = ctx.Render<AuditLog>(p => p.Add(a => a.Slug, mine.Slug));

        cut.WaitForAssertion(() => Assert.Contains(mine.Id.ToString(), cut.Markup));
        Assert.DoesNotContain(theirs.Id.ToString(), cut.Markup);
        Assert.DoesNotContain(theirs.OwnerEmail, cut.Markup);
    }

    [Fact]
    public async Task Render_Member_SeesTheForbiddenState()
    {
        var workspace = await database.CreateWorkspaceAsync("Audit Member");
        var member = await database.AddMemberAsync(workspace, UserRole.Member);
        await using var ctx = GalaxyBunitContext.ActingAs(database, member);
        ctx.RenderProviders();

        var cut = ctx.Render<AuditLog>(p => p.Add(a => a.Slug, workspace.Slug));

        cut.WaitForAssertion(() => Assert.Contains("Only admins and owners can read the audit log", cut.Find("[data-testid=audit-forbidden]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=audit-table]"));
        Assert.DoesNotContain(workspace.OwnerEmail, cut.Markup);
    }
}
