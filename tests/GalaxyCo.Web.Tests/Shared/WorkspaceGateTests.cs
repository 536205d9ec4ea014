using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Shared;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Shared;

[Collection(PostgresCollection.Name)]
public sealed class WorkspaceGateTests(PostgresDatabase database)
{
    private static RenderFragment Child => b => b.AddMarkupContent(0, "<p id=\"child\">inside the workspace</p>");

    [Fact]
    public async Task Render_MemberOfTheWorkspace_ShowsTheChildInsideTheTenant()
    {
        var workspace = await database.CreateWorkspaceAsync("Gate Ok");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);

        var cut = ctx.Render<WorkspaceGate>(p => p.Add(g => g.Slug, workspace.Slug).Add(g => g.ChildContent, Child));

        cut.WaitForAssertion(() => Assert.Equal("inside the workspace", cut.Find("#child").TextContent));
        var member = ctx.Services.GetRequiredService<CurrentMember>();
        Assert.Equal(workspace.Id, member.WorkspaceId);
        Assert.DoesNotContain("couldn't find that workspace", cut.Markup);
    }

    [Fact]
    public async Task Render_UnknownSlug_ShowsNotFoundAndNoChild()
    {
        var workspace = await database.CreateWorkspaceAsync("Gate Unknown");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);

        var cut = ctx.Render<WorkspaceGate>(p => p.Add(g => g.Slug, "no-such-workspace").Add(g => g.ChildContent, Child));

        cut.WaitForAssertion(() => Assert.Contains("We couldn't find that workspace", cut.Markup));
        Assert.Empty(cut.FindAll("#child"));
    }

    [Fact]
    public async Task Render_AnotherWorkspacesSlug_AnswersNotFound()
    {
        var mine = await database.CreateWorkspaceAsync("Gate Mine");
        var theirs = await database.CreateWorkspaceAsync("Gate Theirs");
        await using var ctx = GalaxyBunitContext.ActingAs(database, mine);

        var cut = ctx.Render<WorkspaceGate>(p => p.Add(g => g.Slug, theirs.Slug).Add(g => g.ChildContent, Child));

        cut.WaitForAssertion(() => Assert.Contains("We couldn't find that workspace", cut.Markup));
        Assert.Empty(cut.FindAll("#child"));
        Assert.False(ctx.Services.GetRequiredService<CurrentMember>().IsSet);
    }
}
