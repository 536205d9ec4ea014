using System.Text.Json;
using AngleSharp.Dom;
using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Npgsql;

namespace GalaxyCo.Web.Tests.Members;

/// <summary>
/// The permissions dialog, opened from a member's row: a switch that differs from the role default is stored as an
/// override in workspace_members.permissions, and "Reset to role defaults" clears them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PermissionsDialogTests(PostgresDatabase database) : IDisposable
{
    private readonly MailOutbox outbox = new();

    [Fact]
    public async Task Save_AfterTurningOffARoleDefault_StoresTheOverride()
    {
        var workspace = await database.CreateWorkspaceAsync("Permissions Toggle");
        var member = await database.AddMemberAsync(workspace, UserRole.Member);
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, outbox.Register);
        var view = await OpenPermissionsAsync(ctx, workspace.Slug, member.Email);
        var exportLabel = Permissions.Describe(Permissions.RecordsExport);
        Assert.True(IsOn(Switch(view.Dialogs, exportLabel)));
        Assert.DoesNotContain("overridden", view.Dialogs.Find(".mud-dialog").TextContent);

        await Switch(view.Dialogs, exportLabel).ChangeAsync(new ChangeEventArgs { Value = false });
        view.Dialogs.WaitForAssertion(() => Assert.Contains("overridden", RowOf(view.Dialogs, exportLabel).TextContent));
        await Button(view.Dialogs, "Save").ClickAsync();

        view.Dialogs.WaitForAssertion(() => Assert.Empty(view.Dialogs.FindAll(".mud-dialog")));
        view.Snackbars.WaitForAssertion(() => Assert.Contains("saved.", view.Snackbars.Markup));
        Assert.Equal(new Dictionary<string, bool> { [Permissions.RecordsExport] = false }, await StoredPermissionsAsync(member));
    }

    [Fact]
    public async Task Save_AfterResetToRoleDefaults_ClearsTheOverrides()
    {
        var workspace = await database.CreateWorkspaceAsync("Permissions Reset");
        var member = await database.AddMemberAsync(workspace, UserRole.Member);
        await StorePermissionsAsync(member, """{"records.export": false, "agents.run": false}""");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, outbox.Register);
        var view = await OpenPermissionsAsync(ctx, workspace.Slug, member.Email);
        var exportLabel = Permissions.Describe(Permissions.RecordsExport);
        // The stored override shows: the switch is off and marked overridden.
        Assert.False(IsOn(Switch(view.Dialogs, exportLabel)));
        Assert.Contains("overridden", RowOf(view.Dialogs, exportLabel).TextContent);

        await Button(view.Dialogs, "Reset to role defaults").ClickAsync();
        view.Dialogs.WaitForAssertion(() => Assert.True(IsOn(Switch(view.Dialogs, exportLabel))));
        Assert.DoesNotContain("overridden", view.Dialogs.Find(".mud-dialog").TextContent);
        await Button(view.Dialogs, "Save").ClickAsync();

        view.Dialogs.WaitForAssertion(() => Assert.Empty(view.Dialogs.FindAll(".mud-dialog")));
        Assert.Empty(await StoredPermissionsAsync(member));
    }

    public void Dispose() => outbox.Dispose();

    private static async Task<DirectoryView> OpenPermissionsAsync(GalaxyBunitContext ctx, string slug, string email)
    {
        var view = MemberDirectoryTests.RenderDirectory(ctx, slug, expectedRows: null);
        await MembersTestSupport.StartClickAsync(() => view.Page.Find($"button[aria-label='Permissions of {email}']"));
        view.Dialogs.WaitForAssertion(() => Assert.NotEmpty(view.Dialogs.FindAll(".mud-dialog input[type=checkbox]")));
        return view;
    }

    /// <summary>The checkbox behind the MudSwitch labelled <paramref name="label"/>.</summary>
    private static IElement Switch(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.Find($".mud-dialog [aria-label='{label}']").InputOf();

    private static bool IsOn(IElement checkbox) => checkbox.HasAttribute("checked");

    private static IElement RowOf(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        Switch(dialogs, label).Closest(".d-flex")!;

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);

    private async Task<Dictionary<string, bool>> StoredPermissionsAsync(TestMember member)
    {
        await using var connection = await database.OpenSuperuserConnectionAsync();
        await using var query = new NpgsqlCommand("select permissions::text from workspace_members where id = @id", connection);
        query.Parameters.AddWithValue("id", member.MemberId);
        var json = (string)(await query.ExecuteScalarAsync())!;
        return JsonSerializer.Deserialize<Dictionary<string, bool>>(json)!;
    }

    private async Task StorePermissionsAsync(TestMember member, string json)
    {
        await using var connection = await database.OpenSuperuserConnectionAsync();
        await using var update = new NpgsqlCommand("update workspace_members set permissions = @p::jsonb where id = @id", connection);
        update.Parameters.AddWithValue("p", json);
        update.Parameters.AddWithValue("id", member.MemberId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}
