using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Workspaces;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GalaxyCo.Web.Tests.Workspaces;

/// <summary>Creating a workspace: the name's field error, the redirect to the new members page, and a double submit.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkspaceCreateTests(PostgresDatabase database)
{
    [Fact]
    public async Task Create_EmptyName_ShowsTheFieldErrorAndCreatesNothing()
    {
        var user = await database.CreateWorkspaceAsync("Create Empty");
        await using var ctx = GalaxyBunitContext.ActingAs(database, user);
        ctx.RenderProviders();
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        var startUri = nav.Uri;
        var cut = ctx.Render<WorkspaceCreate>();

        cut.Find("[data-testid=workspace-name]").InputOf().Input("   ");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Give the workspace a name.", cut.Markup));
        var field = cut.Find("[data-testid=workspace-name]").InputOf().Closest(".mud-input-control")!;
        Assert.Contains("Give the workspace a name.", field.TextContent);
        Assert.Contains("mud-input-error", field.InnerHtml);
        Assert.Equal(startUri, nav.Uri);
        Assert.Equal(["Create Empty"], await WorkspacesOwnedByAsync(user.OwnerUserId));
    }

    [Fact]
    public async Task Create_ValidName_GoesToTheNewMembersPageAsOwner()
    {
        var user = await database.CreateWorkspaceAsync("Create Valid");
        await using var ctx = GalaxyBunitContext.ActingAs(database, user);
        ctx.RenderProviders();
        var cut = ctx.Render<WorkspaceCreate>();
        var name = $"Nebula Works {Guid.NewGuid():N}"[..21];
        var slug = SlugGenerator.FromName(name);

        cut.Find("[data-testid=workspace-name]").InputOf().Input(name);
        Assert.Contains($"Address: /w/{slug}", cut.Markup);
        await cut.Find("form").SubmitAsync();

        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Equal($"http://localhost/w/{slug}/members?welcome=1", nav.Uri));
        var created = Assert.Single(await MembershipsNamedAsync(name));
        Assert.Equal((slug, user.OwnerUserId, "owner"), created);
    }

    [Fact]
    public async Task Create_SubmittedTwiceQuickly_CreatesOneWorkspace()
    {
        var user = await database.CreateWorkspaceAsync("Create Twice");
        await using var ctx = GalaxyBunitContext.ActingAs(database, user);
        ctx.RenderProviders();
        var cut = ctx.Render<WorkspaceCreate>();
        var name = $"Twice Co {Guid.NewGuid():N}"[..17];
        cut.Find("[data-testid=workspace-name]").InputOf().Input(name);

        // Two clicks on Create before the first has answered: the second lands while the first is still saving.
        var first = cut.Find("[data-testid=create-workspace]").ClickAsync();
        var second = ClickAgainAsync();
        await Task.WhenAll(first, second);

        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/members?welcome=1", nav.Uri));
        var created = Assert.Single(await MembershipsNamedAsync(name));
        Assert.Equal($"http://localhost/w/{created.Slug}/members?welcome=1", nav.Uri);
        Assert.Empty(cut.FindAll(".mud-alert"));
        Assert.DoesNotContain("mud-input-error", cut.Markup);

        // When the first click has already re-rendered the button (busy), the second finds no handler to call:
        // it cannot land at all, which is just as good as landing and being ignored.
        async Task ClickAgainAsync()
        {
            try
            {
                await cut.Find("[data-testid=create-workspace]").ClickAsync();
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException)
            {
            }
        }
    }

    /// <summary>Names of the workspaces where <paramref name="userId"/> is an active owner, read as superuser.</summary>
    private async Task<string[]> WorkspacesOwnedByAsync(Guid userId)
    {
        await using var connection = await database.OpenSuperuserConnectionAsync();
        await using var query = new NpgsqlCommand(
            "select w.name from workspaces w join workspace_members m on m.workspace_id = w.id where m.user_id = @u and m.role = 'owner' and m.is_active order by w.name",
            connection);
        query.Parameters.AddWithValue("u", userId);
        var names = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return [.. names];
    }

    /// <summary>Every (slug, member, role) of the workspaces called <paramref name="name"/>, read as superuser.</summary>
    private async Task<List<(string Slug, Guid UserId, string Role)>> MembershipsNamedAsync(string name)
    {
        await using var connection = await database.OpenSuperuserConnectionAsync();
        await using var query = new NpgsqlCommand(
            "select w.slug, m.user_id, m.role::text from workspaces w left join workspace_members m on m.workspace_id = w.id where w.name = @n",
            connection);
        query.Parameters.AddWithValue("n", name);
        var rows = new List<(string, Guid, string)>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetGuid(1), reader.GetString(2)));
        return rows;
    }
}
