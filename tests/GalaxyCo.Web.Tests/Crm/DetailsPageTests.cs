using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Crm.Details;
using GalaxyCo.Web.Tests.Infrastructure;
using GalaxyCo.Web.Tests.Members;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Crm;

/// <summary>
/// The record pages on the real database: fields edited in place (Enter saves, Escape cancels, errors stay next to the
/// field, a conflict keeps what was typed) and the activity timeline (posting notes, newest first).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DetailsPageTests(PostgresDatabase database)
{
    private static void Crm(IServiceCollection services)
    {
        services.AddLogging();
        services.AddCrm();
        services.AddSingleton<ChangeFeed>();
    }

    private async Task<(TestWorkspace Workspace, Guid ProspectId)> ArrangeAsync(string name)
    {
        var workspace = await database.CreateWorkspaceAsync(name);
        await using var ctx = database.CreateContext(workspace.Tenant());
        var prospect = new Prospect { Name = "Dana Lee", Email = "dana@initech.test", Company = "Initech", Position = 1024 };
        ctx.Prospects.Add(prospect);
        await ctx.SaveChangesAsync();
        return (workspace, prospect.Id);
    }

    private static IRenderedComponent<ProspectDetailsPage> RenderProspect(GalaxyBunitContext ctx, TestWorkspace workspace, Guid id)
    {
        ctx.RenderProviders();
        var cut = ctx.Render<ProspectDetailsPage>(p => p.Add(x => x.Slug, workspace.Slug).Add(x => x.Id, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=record-fields]")));
        return cut;
    }

    /// <summary>The composer's textarea, wherever MudBlazor put the test id.</summary>
    private static AngleSharp.Dom.IElement Composer(IRenderedComponent<ProspectDetailsPage> cut)
    {
        var marked = cut.Find("[data-testid=composer-body]");
        return marked.TagName == "TEXTAREA" ? marked : marked.QuerySelector("textarea") ?? throw new InvalidOperationException(marked.OuterHtml);
    }

    private async Task<Prospect> ReadAsync(TestWorkspace workspace, Guid id)
    {
        await using var ctx = database.CreateContext(workspace.Tenant());
        return await ctx.Prospects.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    [Fact]
    public async Task InlineField_EnterSaves_AndTheValueShowsWithoutReload()
    {
        var (workspace, id) = await ArrangeAsync("Details Inline Save");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var cut = RenderProspect(ctx, workspace, id);

        await cut.Find("[data-testid=value-company]").ClickAsync(new());
        var input = cut.Find("[data-testid=input-company]").InputOf();
        await input.InputAsync(new ChangeEventArgs { Value = "Initrode" });
        await cut.Find("[data-testid=input-company]").InputOf().KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("Initrode", cut.Find("[data-testid=value-company]").TextContent));
        Assert.Equal("Initrode", (await ReadAsync(workspace, id)).Company);
    }

    [Fact]
    public async Task InlineField_EscapeCancels_AndNothingIsSaved()
    {
        var (workspace, id) = await ArrangeAsync("Details Inline Cancel");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var cut = RenderProspect(ctx, workspace, id);

        await cut.Find("[data-testid=value-title]").ClickAsync(new());
        await cut.Find("[data-testid=input-title]").InputOf().InputAsync(new ChangeEventArgs { Value = "CEO" });
        await cut.Find("[data-testid=input-title]").InputOf().KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=input-title]")));
        Assert.Null((await ReadAsync(workspace, id)).Title);
    }

    [Fact]
    public async Task InlineField_InvalidValue_ShowsTheMessageNextToTheField_AndKeepsEditing()
    {
        var (workspace, id) = await ArrangeAsync("Details Inline Invalid");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var cut = RenderProspect(ctx, workspace, id);

        await cut.Find("[data-testid=value-email]").ClickAsync(new());
        await cut.Find("[data-testid=input-email]").InputOf().InputAsync(new ChangeEventArgs { Value = "not an email" });
        await cut.Find("[data-testid=input-email]").InputOf().KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("valid email address", cut.Find("[data-testid=field-email]").TextContent));
        Assert.Equal("not an email", cut.Find("[data-testid=input-email]").InputOf().GetAttribute("value"));
        Assert.Equal("dana@initech.test", (await ReadAsync(workspace, id)).Email);
    }

    [Fact]
    public async Task InlineField_Conflict_ReloadsTheRecord_KeepsTheTypedValue_AndEnterAppliesIt()
    {
        var (workspace, id) = await ArrangeAsync("Details Inline Conflict");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var cut = RenderProspect(ctx, workspace, id);
        // Someone else edits the prospect after the page loaded it.
        await using (var other = database.CreateContext(workspace.Tenant()))
        {
            (await other.Prospects.SingleAsync(p => p.Id == id)).Source = "referral";
            await other.SaveChangesAsync();
        }

        await cut.Find("[data-testid=value-phone]").ClickAsync(new());
        await cut.Find("[data-testid=input-phone]").InputOf().InputAsync(new ChangeEventArgs { Value = "+1 555 0100" });
        await cut.Find("[data-testid=input-phone]").InputOf().KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=conflict-phone]")));
        Assert.Equal("+1 555 0100", cut.Find("[data-testid=input-phone]").InputOf().GetAttribute("value"));
        cut.WaitForAssertion(() => Assert.Contains("referral", cut.Find("[data-testid=value-source]").TextContent));
        Assert.Null((await ReadAsync(workspace, id)).Phone);

        await cut.Find("[data-testid=input-phone]").InputOf().KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("+1 555 0100", cut.Find("[data-testid=value-phone]").TextContent));
        var saved = await ReadAsync(workspace, id);
        Assert.Equal(("+1 555 0100", "referral"), (saved.Phone, saved.Source));
    }

    [Fact]
    public async Task Tags_AddedWithEnter_AreSavedOnTheRecord()
    {
        var (workspace, id) = await ArrangeAsync("Details Tags");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var cut = RenderProspect(ctx, workspace, id);

        await cut.Find("[data-testid=tag-input-box]").InputAsync(new ChangeEventArgs { Value = "Hot Lead" });
        await cut.Find("[data-testid=tag-input-box]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("hot lead", cut.Find("[data-testid=field-tags]").TextContent));
        Assert.Equal(["hot lead"], (await ReadAsync(workspace, id)).Tags);
    }

    [Fact]
    public async Task Timeline_PostingANoteWithCtrlEnter_ShowsItFirst_AboveOlderEntries()
    {
        var (workspace, id) = await ArrangeAsync("Details Timeline");
        await using (var db = database.CreateContext(workspace.Tenant()))
        {
            db.CrmActivities.Add(new CrmActivity { RecordType = CrmRecordType.Prospect, RecordId = id, Kind = CrmActivityKind.Call, Body = "Older call", OccurredAt = DateTime.UtcNow.AddDays(-2) });
            await db.SaveChangesAsync();
        }
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var cut = RenderProspect(ctx, workspace, id);
        cut.WaitForAssertion(() => Assert.Contains("Older call", cut.Find("[data-testid=timeline-list]").TextContent));

        await Composer(cut).InputAsync(new ChangeEventArgs { Value = "Wants a proposal by Friday" });
        await Composer(cut).KeyDownAsync(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        cut.WaitForAssertion(() =>
        {
            var bodies = cut.FindAll("[data-testid=timeline-body]").Select(b => b.TextContent.Trim()).ToList();
            Assert.Equal("Wants a proposal by Friday", bodies[0]);
            Assert.Contains("Older call", bodies);
        });
        await using var check = database.CreateContext(workspace.Tenant());
        Assert.Equal(workspace.OwnerUserId, (await check.CrmActivities.SingleAsync(a => a.Kind == CrmActivityKind.Note)).ActorId);
    }

    [Fact]
    public async Task Timeline_TypingAt_SuggestsWorkspaceMembers_AndThePickedOneIsMentioned()
    {
        var (workspace, id) = await ArrangeAsync("Details Mentions");
        var colleague = await database.AddMemberAsync(workspace, UserRole.Member);
        await database.RenameUserAsync(colleague.UserId, "Mo", "Member");
        await using var ctx = GalaxyBunitContext.ActingAs(database, workspace, Crm);
        var cut = RenderProspect(ctx, workspace, id);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=timeline-list], [data-testid=timeline-empty]")));

        await Composer(cut).InputAsync(new ChangeEventArgs { Value = "Ask @Mo" });
        cut.WaitForAssertion(() => Assert.Contains("Mo Member", cut.Find("[data-testid=mention-suggestions]").TextContent));
        await cut.Find("[data-testid=mention-option]").ClickAsync(new());
        await cut.Find("[data-testid=composer-post]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Ask @Mo Member", cut.Find("[data-testid=timeline-list]").TextContent));
        await using var check = database.CreateContext(workspace.Tenant());
        Assert.Equal([colleague.UserId], (await check.CrmActivities.SingleAsync(a => a.Kind == CrmActivityKind.Note)).Mentions);
    }

    [Fact]
    public async Task Page_AnotherWorkspacesRecord_ShowsNotFound()
    {
        var (_, theirs) = await ArrangeAsync("Details Other Workspace");
        var mine = await database.CreateWorkspaceAsync("Details My Workspace");
        await using var ctx = GalaxyBunitContext.ActingAs(database, mine, Crm);
        ctx.RenderProviders();

        var cut = ctx.Render<ProspectDetailsPage>(p => p.Add(x => x.Slug, mine.Slug).Add(x => x.Id, theirs));

        cut.WaitForAssertion(() => Assert.Contains("This record doesn't exist or was deleted", cut.Find("[data-testid=record-not-found]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=record-fields]"));
    }

    [Fact]
    public async Task Page_Viewer_SeesFieldsReadOnly_AndNoComposer()
    {
        var (workspace, id) = await ArrangeAsync("Details Viewer");
        var viewer = await database.AddMemberAsync(workspace, UserRole.Viewer);
        await using var ctx = GalaxyBunitContext.ActingAs(database, viewer, Crm);
        var cut = RenderProspect(ctx, workspace, id);

        await cut.Find("[data-testid=value-company]").ClickAsync(new());

        Assert.Empty(cut.FindAll("[data-testid=input-company]"));
        Assert.Empty(cut.FindAll("[data-testid=activity-composer]"));
        Assert.Empty(cut.FindAll("[data-testid=convert-button]"));
        Assert.Empty(cut.FindAll("[data-testid=merge-button]"));
    }
}
