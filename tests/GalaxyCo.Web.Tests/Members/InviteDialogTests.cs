using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Members;
using GalaxyCo.Web.Tests.Infrastructure;
using MudBlazor;
using Npgsql;

namespace GalaxyCo.Web.Tests.Members;

/// <summary>
/// The invite dialog, opened from the members page as a person would: field errors, the invitation row and the mail
/// written to this test's own outbox folder, and which roles are offered.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InviteDialogTests(PostgresDatabase database) : IDisposable
{
    private readonly MailOutbox outbox = new();

    [Fact]
    public async Task Send_InvalidEmail_ShowsTheErrorOnTheFieldAndInvitesNobody()
    {
        var workspace = await database.CreateWorkspaceAsync("Invite Invalid");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, outbox.Register);
        var (page, dialogs, _, _) = await OpenInviteDialogAsync(ctx, workspace.Slug);

        dialogs.Find("[data-testid=invite-email]").InputOf().Input("not-an-email");
        await dialogs.Find("#invite-form").SubmitAsync();

        const string message = "Enter a valid email address, like name@company.com.";
        dialogs.WaitForAssertion(() => Assert.Contains(message, dialogs.Markup));
        var field = dialogs.Find("[data-testid=invite-email]").InputOf().Closest(".mud-input-control")!;
        Assert.Contains(message, field.TextContent);
        Assert.Contains("mud-input-error", field.InnerHtml);
        Assert.NotEmpty(dialogs.FindAll("[data-testid=invite-email]")); // still open
        Assert.Equal(0, await CountInvitationsAsync(workspace));
        Assert.Empty(outbox.Messages);
        Assert.Empty(page.FindAll("[data-testid=invitation-table]"));
    }

    [Fact]
    public async Task Send_ValidEmail_StoresTheInvitationMailsItAndCloses()
    {
        var workspace = await database.CreateWorkspaceAsync("Invite Valid");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, outbox.Register);
        var (page, dialogs, _, snackbars) = await OpenInviteDialogAsync(ctx, workspace.Slug);
        var email = $"new.person.{MembersTestSupport.Token()}@example.com";

        dialogs.Find("[data-testid=invite-email]").InputOf().Input($"  {email} ");
        await dialogs.Find("#invite-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=invite-email]")));
        snackbars.WaitForAssertion(() => Assert.Contains($"Invitation sent to {email}.", snackbars.Markup));
        await using (var connection = await database.OpenSuperuserConnectionAsync())
        {
            await using var query = new NpgsqlCommand(
                "select email, role::text, invited_by, expires_at > now(), accepted_at is null and revoked_at is null from workspace_invitations where workspace_id = @w",
                connection);
            query.Parameters.AddWithValue("w", workspace.Id);
            await using var reader = await query.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), "an invitation row should exist");
            Assert.Equal(email, reader.GetString(0));
            Assert.Equal("member", reader.GetString(1));
            Assert.Equal(workspace.OwnerUserId, reader.GetGuid(2));
            Assert.True(reader.GetBoolean(3));
            Assert.True(reader.GetBoolean(4));
            Assert.False(await reader.ReadAsync(), "exactly one invitation");
        }

        var file = Assert.Single(outbox.Messages);
        var mail = MimeKit.MimeMessage.Load(file);
        Assert.Equal(email, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("You're invited to Invite Valid on GalaxyCo", mail.Subject);
        Assert.Contains("/invitations/accept?token=", mail.TextBody);

        // The page reloads its list once the dialog closes with OK.
        page.WaitForAssertion(() => Assert.Contains(email, page.Find("[data-testid=invitation-table]").TextContent));
    }

    [Fact]
    public async Task RoleList_ForAnAdmin_DoesNotOfferOwner()
    {
        var workspace = await database.CreateWorkspaceAsync("Invite Admin Roles");
        var admin = await database.AddMemberAsync(workspace, UserRole.Admin);
        await using var ctx = GalaxyBunitContext.ActingAs(database, admin, outbox.Register);

        var offered = await OfferedRolesAsync(ctx, workspace.Slug);

        Assert.Equal(["admin", "member", "viewer"], offered);
    }

    [Fact]
    public async Task RoleList_ForAnOwner_OffersOwnerToo()
    {
        var workspace = await database.CreateWorkspaceAsync("Invite Owner Roles");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, outbox.Register);

        var offered = await OfferedRolesAsync(ctx, workspace.Slug);

        Assert.Equal(["owner", "admin", "member", "viewer"], offered);
    }

    public void Dispose() => outbox.Dispose();

    private static async Task<DirectoryView> OpenInviteDialogAsync(GalaxyBunitContext ctx, string slug)
    {
        var view = MemberDirectoryTests.RenderDirectory(ctx, slug, expectedRows: null);
        await MembersTestSupport.StartClickAsync(() => view.Page.Find("[data-testid=invite-button]"));
        view.Dialogs.WaitForAssertion(() => Assert.NotEmpty(view.Dialogs.FindAll("[data-testid=invite-email]")));
        return view;
    }

    /// <summary>Opens the invite dialog's role select and reads the role names of the options it lists.</summary>
    private static async Task<string[]> OfferedRolesAsync(GalaxyBunitContext ctx, string slug)
    {
        var (_, dialogs, popovers, _) = await OpenInviteDialogAsync(ctx, slug);
        await MembersTestSupport.StartMouseDownAsync(() => dialogs.Find("[data-testid=invite-role]").Closest(".mud-input-control")!);
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-popover-open .mud-list-item")));
        return popovers.FindAll(".mud-popover-open .mud-list-item")
            .Select(item => item.TextContent.Split('—')[0].Trim())
            .ToArray();
    }

    private async Task<long> CountInvitationsAsync(TestWorkspace workspace)
    {
        await using var connection = await database.OpenSuperuserConnectionAsync();
        await using var count = new NpgsqlCommand("select count(*) from workspace_invitations where workspace_id = @w", connection);
        count.Parameters.AddWithValue("w", workspace.Id);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
