using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Crm.Settings;
using GalaxyCo.Web.Tests.Infrastructure;
using GalaxyCo.Web.Tests.Members;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Web.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CrmSettingsTests(PostgresDatabase database)
{
    [Fact]
    public async Task Owner_AddsASelectField_ThroughTheDialog_AndSeesItListed()
    {
        var w = await database.CreateWorkspaceAsync("Settings Add");
        await using var ctx = new GalaxyBunitContext(database, w.OwnerUserId, w.OwnerEmail, CrmSettingsTestSupport.Crm);
        var snackbars = ctx.RenderProviders();
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<CrmSettingsPage>(p => p.Add(x => x.Slug, w.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=fields-empty]")));

        await MembersTestSupport.StartClickAsync(() => cut.Find("[data-testid=add-field]"));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=field-label-input]")));
        dialogs.Find("[data-testid=field-label-input]").InputOf().Input("Industry Segment");
        dialogs.WaitForAssertion(() => Assert.Contains("Key: industry_segment", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.Find("#custom-field-form").SubmitAsync();

        // A plain text field needs no choices: it is saved and listed.
        cut.WaitForAssertion(() => Assert.Equal(["Industry Segment"], cut.FindAll("[data-testid=field-label]").Select(l => l.TextContent.Trim())));
        snackbars.WaitForAssertion(() => Assert.Contains("\"Industry Segment\" added.", snackbars.Markup, StringComparison.Ordinal));
        await using var db = database.CreateContext(w.Tenant());
        var stored = await db.CrmCustomFields.SingleAsync();
        Assert.Equal(("industry_segment", CrmRecordType.Prospect, CrmCustomFieldType.Text), (stored.Key, stored.RecordType, stored.FieldType));
    }

    [Fact]
    public async Task Owner_DuplicateLabel_ShowsTheErrorOnTheLabel()
    {
        var w = await database.CreateWorkspaceAsync("Settings Duplicate");
        await using (var db = database.CreateContext(w.Tenant()))
        {
            db.CrmCustomFields.Add(new CrmCustomField { RecordType = CrmRecordType.Prospect, Key = "region", Label = "Region" });
            await db.SaveChangesAsync();
        }
        await using var ctx = new GalaxyBunitContext(database, w.OwnerUserId, w.OwnerEmail, CrmSettingsTestSupport.Crm);
        ctx.RenderProviders();
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<CrmSettingsPage>(p => p.Add(x => x.Slug, w.Slug));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=field-row]")));

        await MembersTestSupport.StartClickAsync(() => cut.Find("[data-testid=add-field]"));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=field-label-input]")));
        dialogs.Find("[data-testid=field-label-input]").InputOf().Input("REGION");
        await dialogs.Find("#custom-field-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("key region", dialogs.Find("[data-testid=field-label-input]").InputOf().Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll("[data-testid=field-row]"));
    }

    [Fact]
    public async Task Owner_Delete_AsksFirst_AndSaysTheValuesStayHidden()
    {
        var w = await database.CreateWorkspaceAsync("Settings Delete");
        await using (var db = database.CreateContext(w.Tenant()))
        {
            db.CrmCustomFields.Add(new CrmCustomField { RecordType = CrmRecordType.Prospect, Key = "region", Label = "Region" });
            await db.SaveChangesAsync();
        }
        await using var ctx = new GalaxyBunitContext(database, w.OwnerUserId, w.OwnerEmail, CrmSettingsTestSupport.Crm);
        ctx.RenderProviders();
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<CrmSettingsPage>(p => p.Add(x => x.Slug, w.Slug));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=field-row]")));

        await MembersTestSupport.StartClickAsync(() => cut.Find("button[aria-label='Delete Region']"));
        dialogs.WaitForAssertion(() => Assert.Contains("Delete \"Region\"?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("stay stored in the records but hidden", dialogs.Markup, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=field-row]"));
        await dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Delete field").ClickAsync();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=fields-empty]")));
    }

    [Fact]
    public async Task Member_SeesWhoCanChangeIt_AndNoEditors()
    {
        var w = await database.CreateWorkspaceAsync("Settings Member");
        var member = await database.AddMemberAsync(w, UserRole.Member);
        await using var ctx = GalaxyBunitContext.ActingAs(database, member, CrmSettingsTestSupport.Crm);
        ctx.RenderProviders();

        var cut = ctx.Render<CrmSettingsPage>(p => p.Add(x => x.Slug, w.Slug));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=crm-settings-denied]")));
        Assert.Empty(cut.FindAll("[data-testid=add-field]"));
        Assert.Empty(cut.FindAll("[data-testid=save-weights]"));
    }

    [Fact]
    public async Task Owner_SavesWeights_WithAFieldErrorFirst()
    {
        var w = await database.CreateWorkspaceAsync("Settings Weights");
        await using var ctx = new GalaxyBunitContext(database, w.OwnerUserId, w.OwnerEmail, CrmSettingsTestSupport.Crm);
        var snackbars = ctx.RenderProviders();
        var cut = ctx.Render<CrmSettingsPage>(p => p.Add(x => x.Slug, w.Slug));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=save-weights]")));

        foreach (var factor in new[] { "source", "seniority", "companySize", "engagement", "value" })
            cut.Find($"[data-testid=weight-{factor}]").InputOf().Change("0");
        await cut.Find("#lead-scoring-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Give at least one factor some points.", cut.Find("[data-testid=weights-total-error]").TextContent, StringComparison.Ordinal));
        await using (var before = database.CreateContext(w.Tenant()))
            Assert.Null((await before.Workspaces.Where(x => x.Id == w.Id).Select(x => x.Settings).SingleAsync()).LeadScoring);

        cut.Find("[data-testid=weight-source]").InputOf().Change("40");
        cut.Find("[data-testid=weight-seniority]").InputOf().Change("25");
        await cut.Find("#lead-scoring-form").SubmitAsync();
        snackbars.WaitForAssertion(() => Assert.Contains("Lead scoring saved.", snackbars.Markup, StringComparison.Ordinal));
        await using var db = database.CreateContext(w.Tenant());
        var settings = await db.Workspaces.Where(x => x.Id == w.Id).Select(x => x.Settings).SingleAsync();
        Assert.Equal(40, settings.LeadScoring!.Source);
        Assert.Equal(25, settings.LeadScoring.Seniority);
    }
}
