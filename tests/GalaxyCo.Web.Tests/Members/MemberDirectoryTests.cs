using AngleSharp.Dom;
using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Members;
using GalaxyCo.Web.Tests.Infrastructure;
using MudBlazor;

namespace GalaxyCo.Web.Tests.Members;

/// <summary>
/// The member directory (rendered through its page, so the workspace gate enters the tenant as in the app): what each
/// role sees and may do, and that only the current workspace's people appear.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MemberDirectoryTests(PostgresDatabase database) : IDisposable
{
    private readonly MailOutbox outbox = new();

    [Fact]
    public async Task Render_Owner_ListsEveryMemberWithNameEmailAndARoleSelect()
    {
        var (workspace, admin, member, viewer) = await ArrangeTeamAsync("Directory Owner");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, outbox.Register);

        var (cut, _, _, _) = RenderDirectory(ctx, workspace.Slug, expectedRows: 4);

        // Highest role first: owner, admin, member, viewer.
        var rows = Rows(cut);
        Assert.Contains($"Directory Owner Owner (you)", rows[0].TextContent);
        Assert.Contains(workspace.OwnerEmail, rows[0].TextContent);
        Assert.Contains("Ada Admin", rows[1].TextContent);
        Assert.Contains(admin.Email, rows[1].TextContent);
        Assert.Contains("Mo Member", rows[2].TextContent);
        Assert.Contains(member.Email, rows[2].TextContent);
        Assert.Contains("Vic Viewer", rows[3].TextContent);
        Assert.Contains(viewer.Email, rows[3].TextContent);

        foreach (var (email, role) in new[] { (workspace.OwnerEmail, "owner"), (admin.Email, "admin"), (member.Email, "member"), (viewer.Email, "viewer") })
        {
            var select = cut.Find($"[data-testid='role-{email}']");
            Assert.Equal("combobox", select.GetAttribute("role"));
            Assert.Equal(role, select.TextContent.Trim());
            Assert.Empty(cut.FindAll($"[data-testid='role-label-{email}']"));
            Assert.Single(cut.FindAll($"button[aria-label='Remove {email}']"));
            Assert.Single(cut.FindAll($"button[aria-label='Permissions of {email}']"));
        }
        Assert.Single(cut.FindAll("[data-testid=invite-button]"));
        Assert.Contains("Pending invitations", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=viewer-notice]"));
    }

    [Fact]
    public async Task Render_Member_SeesRoleChipsNoInviteAndCanOnlyLeave()
    {
        var (workspace, admin, member, viewer) = await ArrangeTeamAsync("Directory Member");
        await using var ctx = GalaxyBunitContext.ActingAs(database, member, outbox.Register);

        var (cut, dialogs, _, _) = RenderDirectory(ctx, workspace.Slug, expectedRows: 4);

        Assert.Empty(cut.FindAll("[data-testid=invite-button]"));
        Assert.Empty(cut.FindAll("[role=combobox]"));
        Assert.Empty(cut.FindAll("button[aria-label^='Permissions of']"));
        foreach (var (email, role) in new[] { (workspace.OwnerEmail, "owner"), (admin.Email, "admin"), (member.Email, "member"), (viewer.Email, "viewer") })
        {
            Assert.Empty(cut.FindAll($"[data-testid='role-{email}']"));
            Assert.Equal(role, cut.Find($"[data-testid='role-label-{email}']").TextContent.Trim());
        }
        var remove = Assert.Single(cut.FindAll("button[aria-label^='Remove ']"));
        Assert.Equal($"Remove {member.Email}", remove.GetAttribute("aria-label"));
        Assert.Contains("(you)", remove.Closest("tr")!.TextContent);
        Assert.DoesNotContain("Pending invitations", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=viewer-notice]"));

        // The one button on their own row is "leave", not "remove".
        await MembersTestSupport.StartClickAsync(() => cut.Find($"button[aria-label='Remove {member.Email}']"));
        dialogs.WaitForAssertion(() => Assert.Contains("Leave this workspace?", dialogs.Markup));
        Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Leave");
    }

    [Fact]
    public async Task Render_Viewer_SeesTheReadOnlyNoticeAndNoInvite()
    {
        var (workspace, _, _, viewer) = await ArrangeTeamAsync("Directory Viewer");
        await using var ctx = GalaxyBunitContext.ActingAs(database, viewer, outbox.Register);

        var (cut, _, _, _) = RenderDirectory(ctx, workspace.Slug, expectedRows: 4);

        Assert.Contains("You have read-only access to this workspace.", cut.Find("[data-testid=viewer-notice]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=invite-button]"));
        Assert.Empty(cut.FindAll("[role=combobox]"));
        Assert.Equal($"Remove {viewer.Email}", Assert.Single(cut.FindAll("button[aria-label^='Remove ']")).GetAttribute("aria-label"));
        Assert.DoesNotContain("Pending invitations", cut.Markup);
    }

    [Fact]
    public async Task Render_NeverShowsAnotherWorkspacesMembersOrInvitations()
    {
        var mine = await database.CreateWorkspaceAsync("Directory Mine");
        var myMember = await database.AddMemberAsync(mine, UserRole.Member);
        var theirs = await database.CreateSeededWorkspaceAsync("Directory Theirs");
        var theirMember = await database.AddMemberAsync(theirs.Workspace, UserRole.Member);
        await using var ctx = GalaxyBunitContext.ActingAs(database, mine, outbox.Register);

        var (cut, _, _, _) = RenderDirectory(ctx, mine.Slug, expectedRows: 2);

        Assert.Contains(mine.OwnerEmail, cut.Markup);
        Assert.Contains(myMember.Email, cut.Markup);
        Assert.DoesNotContain(theirs.Workspace.OwnerEmail, cut.Markup);
        Assert.DoesNotContain(theirMember.Email, cut.Markup);
        // Their workspace has a pending invitation; mine has none.
        Assert.Contains("No pending invitations", cut.Markup);
        Assert.DoesNotContain($"invitee@{theirs.Workspace.Slug}.test", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=invitation-table]"));
    }

    public void Dispose() => outbox.Dispose();

    private async Task<(TestWorkspace Workspace, TestMember Admin, TestMember Member, TestMember Viewer)> ArrangeTeamAsync(string name)
    {
        var workspace = await database.CreateWorkspaceAsync(name);
        var admin = await database.AddMemberAsync(workspace, UserRole.Admin);
        var member = await database.AddMemberAsync(workspace, UserRole.Member);
        var viewer = await database.AddMemberAsync(workspace, UserRole.Viewer);
        await database.RenameUserAsync(admin.UserId, "Ada", "Admin");
        await database.RenameUserAsync(member.UserId, "Mo", "Member");
        await database.RenameUserAsync(viewer.UserId, "Vic", "Viewer");
        return (workspace, admin, member, viewer);
    }

    /// <summary>
    /// Renders the providers and the members page, and waits for the directory's rows (<paramref name="expectedRows"/>
    /// of them, or any when null).
    /// </summary>
    internal static DirectoryView RenderDirectory(GalaxyBunitContext ctx, string slug, int? expectedRows)
    {
        var popovers = ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var snackbars = ctx.Render<MudSnackbarProvider>();
        var cut = ctx.Render<MembersPage>(p => p.Add(m => m.Slug, slug));
        cut.WaitForAssertion(() =>
        {
            if (expectedRows is { } count) Assert.Equal(count, Rows(cut).Count);
            else Assert.NotEmpty(Rows(cut));
        });
        return new DirectoryView(cut, dialogs, popovers, snackbars);
    }

    internal static IReadOnlyList<IElement> Rows(IRenderedComponent<MembersPage> cut) => cut.FindAll("[data-testid=member-table] tbody tr");
}

/// <summary>The members page and the providers its dialogs, selects and confirmations render into.</summary>
internal sealed record DirectoryView(
    IRenderedComponent<MembersPage> Page,
    IRenderedComponent<MudDialogProvider> Dialogs,
    IRenderedComponent<MudPopoverProvider> Popovers,
    IRenderedComponent<MudSnackbarProvider> Snackbars);
