using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Layout;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GalaxyCo.Web.Tests.Layout;

/// <summary>The side navigation: links into the current workspace by slug, and only the areas the role may open.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NavMenuTests(PostgresDatabase database)
{
    [Fact]
    public async Task Render_Owner_LinksEveryAreaUnderTheWorkspaceSlug()
    {
        var workspace = await database.CreateWorkspaceAsync("Nav Owner");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        await EnterAsync(ctx, workspace.Slug, workspace.OwnerUserId);

        var cut = ctx.Render<NavMenu>();

        var root = $"/w/{workspace.Slug}";
        Assert.Equal("Home", LinkText(cut, root));
        Assert.Equal("Members", LinkText(cut, $"{root}/members"));
        Assert.Equal("Audit log", LinkText(cut, $"{root}/audit"));
        Assert.Equal("Settings", LinkText(cut, $"{root}/settings"));
        Assert.Equal("Webhooks", LinkText(cut, $"{root}/settings/webhooks"));
        Assert.Equal("All workspaces", LinkText(cut, "/workspaces"));
        Assert.Equal("Prospect board", LinkText(cut, $"{root}/crm/board"));
        Assert.Equal("Prospects", LinkText(cut, $"{root}/crm/prospects"));
        Assert.Equal("Customers", LinkText(cut, $"{root}/crm/customers"));
        Assert.Equal("Contacts", LinkText(cut, $"{root}/crm/contacts"));
        Assert.Equal("Import", LinkText(cut, $"{root}/crm/import"));
        Assert.Equal("CRM settings", LinkText(cut, $"{root}/crm/settings"));
        Assert.Equal("My tasks", LinkText(cut, $"{root}/work/my"));
        Assert.Equal("Tasks", LinkText(cut, $"{root}/work/tasks"));
        Assert.Equal("Task board", LinkText(cut, $"{root}/work/board"));
        Assert.Equal("Projects", LinkText(cut, $"{root}/work/projects"));
        Assert.Equal("Calendar", LinkText(cut, $"{root}/calendar"));
        Assert.Equal("Invoices", LinkText(cut, $"{root}/invoices"));
        Assert.Equal("New invoice", LinkText(cut, $"{root}/invoices/new"));
        Assert.Equal("Receivables", LinkText(cut, $"{root}/invoices/reports"));
        Assert.Equal("Invoice settings", LinkText(cut, $"{root}/invoices/settings"));
        Assert.Equal("Knowledge", LinkText(cut, $"{root}/knowledge"));
        Assert.Contains("Nav Owner", cut.Markup);
        // Every workspace link carries this workspace's slug.
        Assert.All(cut.FindAll("a[href^='/w/']"), a => Assert.StartsWith(root, a.GetAttribute("href")));
        Assert.Equal(21, cut.FindAll("a[href^='/w/']").Count);
    }

    [Fact]
    public async Task Render_Member_HidesAuditLogAndSettings()
    {
        var workspace = await database.CreateWorkspaceAsync("Nav Member");
        var member = await database.AddMemberAsync(workspace, UserRole.Member);
        await using var ctx = GalaxyBunitContext.ActingAs(database, member);
        await EnterAsync(ctx, workspace.Slug, member.UserId);

        var cut = ctx.Render<NavMenu>();

        var root = $"/w/{workspace.Slug}";
        Assert.Equal("Home", LinkText(cut, root));
        Assert.Equal("Members", LinkText(cut, $"{root}/members"));
        Assert.Empty(cut.FindAll($"a[href='{root}/audit']"));
        Assert.Empty(cut.FindAll($"a[href='{root}/settings']"));
        Assert.DoesNotContain("Audit log", cut.Markup);
        Assert.DoesNotContain("Settings", cut.Markup);
        Assert.Empty(cut.FindAll($"a[href='{root}/settings/webhooks']"));
    }

    [Fact]
    public async Task Render_AdminDeniedTheAuditLog_ShowsSettingsButNotAuditLog()
    {
        var workspace = await database.CreateWorkspaceAsync("Nav Admin Override");
        var admin = await database.AddMemberAsync(workspace, UserRole.Admin);
        await using (var connection = await database.OpenSuperuserConnectionAsync())
        await using (var update = new NpgsqlCommand("""update workspace_members set permissions = '{"audit.read": false}' where id = @id""", connection))
        {
            update.Parameters.AddWithValue("id", admin.MemberId);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        await using var ctx = GalaxyBunitContext.ActingAs(database, admin);
        await EnterAsync(ctx, workspace.Slug, admin.UserId);

        var cut = ctx.Render<NavMenu>();

        Assert.Equal("Settings", LinkText(cut, $"/w/{workspace.Slug}/settings"));
        Assert.Empty(cut.FindAll($"a[href='/w/{workspace.Slug}/audit']"));
    }

    [Fact]
    public async Task Render_BeforeAWorkspaceIsEntered_ShowsOnlyGlobalLinksThenFollowsTheEntry()
    {
        var workspace = await database.CreateWorkspaceAsync("Nav Later");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);

        var cut = ctx.Render<NavMenu>();

        Assert.Empty(cut.FindAll("a[href^='/w/']"));
        Assert.Equal("All workspaces", LinkText(cut, "/workspaces"));
        Assert.Equal("Profile", LinkText(cut, "/profile"));

        await cut.InvokeAsync(() => EnterAsync(ctx, workspace.Slug, workspace.OwnerUserId));

        cut.WaitForAssertion(() => Assert.Equal("Settings", LinkText(cut, $"/w/{workspace.Slug}/settings")));
        Assert.Equal("Audit log", LinkText(cut, $"/w/{workspace.Slug}/audit"));
    }

    /// <summary>What the workspace gate does for a /w/{slug} page: resolves the membership into CurrentMember.</summary>
    private static async Task EnterAsync(GalaxyBunitContext ctx, string slug, Guid userId)
    {
        var entered = await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded);
    }

    private static string LinkText(IRenderedComponent<NavMenu> cut, string href) =>
        Assert.Single(cut.FindAll($"a[href='{href}']")).TextContent.Trim();
}
