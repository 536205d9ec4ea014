using AngleSharp.Dom;
using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Layout;
using GalaxyCo.Web.Tests.Infrastructure;
using GalaxyCo.Web.Tests.Members;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Npgsql;

namespace GalaxyCo.Web.Tests.Layout;

/// <summary>
/// The Ctrl+K palette, shown through the dialog service as the layout shows it: it finds the current workspace's
/// members by name and nothing of another workspace's.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CommandPaletteTests(PostgresDatabase database)
{
    [Fact]
    public async Task Type_AMembersName_ListsThatMemberAndOpensTheMembersPage()
    {
        var token = MembersTestSupport.Token();
        var workspace = await database.CreateWorkspaceAsync("Palette Find");
        var member = await database.AddMemberAsync(workspace, UserRole.Member);
        await database.RenameUserAsync(member.UserId, "Orla", $"Quenby{token}");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        var dialogs = await OpenPaletteAsync(ctx, workspace);

        Type(dialogs, $"orla quenby{token}");

        dialogs.WaitForAssertion(() => Assert.Contains(Items(dialogs), i => i.TextContent.Contains($"Orla Quenby{token}", StringComparison.Ordinal)));
        var hit = Assert.Single(Items(dialogs));
        Assert.Contains(member.Email, hit.TextContent);
        Assert.Contains("Member", hit.QuerySelector(".mud-chip")!.TextContent);

        await hit.ClickAsync();

        Assert.Equal($"http://localhost/w/{workspace.Slug}/members", ctx.Services.GetRequiredService<NavigationManager>().Uri);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=palette-input]")));
    }

    [Fact]
    public async Task Type_ANameShared_ListsOnlyTheCurrentWorkspacesMember()
    {
        var token = MembersTestSupport.Token();
        var mine = await database.CreateWorkspaceAsync("Palette Mine");
        var theirs = await database.CreateWorkspaceAsync("Palette Theirs");
        var myMember = await database.AddMemberAsync(mine, UserRole.Member);
        var theirMember = await database.AddMemberAsync(theirs, UserRole.Member);
        await database.RenameUserAsync(myMember.UserId, "Mina", $"Zephyr{token}");
        await database.RenameUserAsync(theirMember.UserId, "Theo", $"Zephyr{token}");
        await using var ctx = GalaxyBunitContext.ActingAs(database, mine);
        var dialogs = await OpenPaletteAsync(ctx, mine);

        Type(dialogs, $"zephyr{token}");

        dialogs.WaitForAssertion(() => Assert.Contains(Items(dialogs), i => i.TextContent.Contains($"Mina Zephyr{token}", StringComparison.Ordinal)));
        Assert.Single(Items(dialogs));
        Assert.DoesNotContain("Theo", dialogs.Markup);
        Assert.DoesNotContain(theirMember.Email, dialogs.Markup);
    }

    [Fact]
    public async Task Type_OnlyAnotherWorkspacesMembersName_ListsNothing()
    {
        var token = MembersTestSupport.Token();
        var mine = await database.CreateWorkspaceAsync("Palette Alone");
        var theirs = await database.CreateWorkspaceAsync("Palette Elsewhere");
        var theirMember = await database.AddMemberAsync(theirs, UserRole.Member);
        await database.RenameUserAsync(theirMember.UserId, "Ysolde", $"Brackwater{token}");
        await using var ctx = GalaxyBunitContext.ActingAs(database, mine);
        var dialogs = await OpenPaletteAsync(ctx, mine);

        var query = $"Ysolde Brackwater{token}";
        Type(dialogs, query);

        // The "no match" line appears only once the search has answered (never while it runs).
        dialogs.WaitForAssertion(() => Assert.Contains($"No match for “{query}”", dialogs.Markup));
        Assert.Empty(Items(dialogs));
        Assert.DoesNotContain(theirMember.Email, dialogs.Markup);
    }

    [Fact]
    public async Task Type_WhileTheOlderSearchIsStillRunning_ShowsOnlyTheNewerQuerysResults()
    {
        var token = MembersTestSupport.Token();
        var workspace = await database.CreateWorkspaceAsync("Palette Race");
        var petra = await database.AddMemberAsync(workspace, UserRole.Member);
        var other = await database.AddMemberAsync(workspace, UserRole.Member);
        await database.RenameUserAsync(petra.UserId, "Petra", $"Lindqvist{token}");
        await database.RenameUserAsync(other.UserId, "Petra", $"Olsen{token}");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace);
        var dialogs = await OpenPaletteAsync(ctx, workspace);

        // Hold the users table so the first search is still waiting on PostgreSQL when the next keystroke arrives,
        // as it would be on a slow database: the window is made wide, not invented.
        await using var blocker = await database.OpenSuperuserConnectionAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockUsers = new NpgsqlCommand("lock table users in access exclusive mode", blocker, hold)) await lockUsers.ExecuteNonQueryAsync();

        var first = dialogs.Find("[data-testid=palette-input]").InputAsync(new ChangeEventArgs { Value = "Petra" });
        await WaitForBlockedSearchAsync();
        var second = dialogs.Find("[data-testid=palette-input]").InputAsync(new ChangeEventArgs { Value = $"Petra Lindqvist{token}" });
        await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10)));
        await hold.CommitAsync();

        // The older keystroke's handler ends without an error (its search is cancelled, and a cancelled handler is
        // ignored), and its two Petras never replace the newer query's one.
        Assert.Null(await Record.ExceptionAsync(() => first));
        await second;
        dialogs.WaitForAssertion(() => Assert.Contains($"Petra Lindqvist{token}", Assert.Single(Items(dialogs)).TextContent));
        await Task.Delay(300);
        Assert.Contains($"Petra Lindqvist{token}", Assert.Single(Items(dialogs)).TextContent);
        Assert.DoesNotContain($"Olsen{token}", dialogs.Markup);
    }

    /// <summary>Waits until a query of the app role is waiting for a lock (the palette's search, held by the test).</summary>
    private async Task WaitForBlockedSearchAsync()
    {
        await using var connection = await database.OpenSuperuserConnectionAsync();
        await using var waiting = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and usename = @app and wait_event_type = 'Lock'", connection);
        waiting.Parameters.AddWithValue("app", PostgresDatabase.AppRole);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if ((long)(await waiting.ExecuteScalarAsync())! > 0) return;
        }
        Assert.Fail("the palette's search never reached the database");
    }

    /// <summary>Enters the workspace as its gate would, then shows the palette through the dialog service.</summary>
    private static async Task<IRenderedComponent<MudDialogProvider>> OpenPaletteAsync(GalaxyBunitContext ctx, TestWorkspace workspace)
    {
        var entered = await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(workspace.Slug, workspace.OwnerUserId);
        Assert.True(entered.Succeeded);
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var service = ctx.Services.GetRequiredService<IDialogService>();
        await dialogs.InvokeAsync(() => service.ShowAsync<CommandPalette>());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=palette-input]")));
        // Before anything is typed it offers this workspace's pages.
        Assert.Contains(Items(dialogs), i => i.TextContent.Contains("Members", StringComparison.Ordinal));
        return dialogs;
    }

    private static void Type(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.Find("[data-testid=palette-input]").InputOf().Input(text);

    private static IReadOnlyList<IElement> Items(IRenderedComponent<MudDialogProvider> dialogs) => dialogs.FindAll(".gc-palette-item");
}
