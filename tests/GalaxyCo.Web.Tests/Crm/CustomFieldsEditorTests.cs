using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm.CustomFields;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Crm.Shared;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GalaxyCo.Web.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CustomFieldsEditorTests(PostgresDatabase database)
{
    private static readonly Dictionary<string, string> Stored = new()
    {
        ["seats"] = "12.5",
        ["renewal"] = "2025-03-31",
        ["tier"] = "Gold",
        ["products"] = "CRM, Agents",
        ["nda"] = "true",
        ["site"] = "https://acme.test",
        ["notes"] = "Likes golf",
        ["lost_reason"] = "price",
    };

    private static async Task DefineEveryTypeAsync(GalaxyBunitContext ctx)
    {
        var fields = ctx.Services.GetRequiredService<CrmCustomFieldService>();
        CustomFieldInput[] inputs =
        [
            new() { RecordType = CrmRecordType.Prospect, Label = "Seats", FieldType = CrmCustomFieldType.Number },
            new() { RecordType = CrmRecordType.Prospect, Label = "Renewal", FieldType = CrmCustomFieldType.Date },
            new() { RecordType = CrmRecordType.Prospect, Label = "Tier", FieldType = CrmCustomFieldType.Select, Options = ["Gold", "Silver"] },
            new() { RecordType = CrmRecordType.Prospect, Label = "Products", FieldType = CrmCustomFieldType.MultiSelect, Options = ["CRM", "Invoices", "Agents"] },
            new() { RecordType = CrmRecordType.Prospect, Label = "NDA", FieldType = CrmCustomFieldType.Checkbox },
            new() { RecordType = CrmRecordType.Prospect, Label = "Site", FieldType = CrmCustomFieldType.Url },
            new() { RecordType = CrmRecordType.Prospect, Label = "Notes", FieldType = CrmCustomFieldType.Text, Required = true },
        ];
        foreach (var input in inputs) Assert.True((await fields.CreateAsync(input)).Succeeded);
    }

    [Fact]
    public async Task Render_EveryType_ShowsItsInputWithTheStoredValue()
    {
        var w = await database.CreateWorkspaceAsync("Editor Types");
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);
        await DefineEveryTypeAsync(ctx);
        ctx.RenderProviders();

        var cut = ctx.Render<CustomFieldsEditor>(p => p.Add(x => x.RecordType, CrmRecordType.Prospect).Add(x => x.Values, Stored));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=custom-fields-editor]")));
        Assert.Equal("12.5", cut.Find("[data-testid=cf-seats]").InputOf().GetAttribute("value"));
        Assert.Equal("2025-03-31", cut.Find("[data-testid=cf-renewal]").InputOf().GetAttribute("value"));
        Assert.Contains("Gold", cut.Find("[data-testid=cf-tier]").Closest(".mud-input-control")!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("CRM, Agents", cut.Find("[data-testid=cf-products]").Closest(".mud-input-control")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("checkbox", cut.Find("[data-testid=cf-nda]").InputOf().GetAttribute("type"));
        Assert.True(cut.Find("[data-testid=cf-nda]").InputOf().HasAttribute("checked"), cut.Find("[data-testid=cf-nda]").InputOf().OuterHtml);
        Assert.Equal("https://acme.test", cut.Find("[data-testid=cf-site]").InputOf().GetAttribute("value"));
        Assert.Equal("Likes golf", cut.Find("[data-testid=cf-notes]").InputOf().GetAttribute("value"));
        Assert.Contains("Notes *", cut.Markup, StringComparison.Ordinal);
        // Keys no admin defined are not shown (but are kept, see below).
        Assert.DoesNotContain("lost_reason", cut.Markup, StringComparison.Ordinal);
        var labels = cut.FindAll("label").Select(l => l.TextContent.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal(["Seats", "Renewal", "Tier", "Products", "NDA", "Site", "Notes *"], labels);
    }

    [Fact]
    public async Task Change_ReportsANewDictionary_KeepingOtherKeys_AndRemovingEmptiedOnes()
    {
        var w = await database.CreateWorkspaceAsync("Editor Change");
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);
        await DefineEveryTypeAsync(ctx);
        ctx.RenderProviders();
        var reported = new List<Dictionary<string, string>>();
        var cut = ctx.Render<CustomFieldsEditor>(p => p.Add(x => x.RecordType, CrmRecordType.Prospect).Add(x => x.Values, Stored)
            .Add(x => x.ValuesChanged, EventCallback.Factory.Create<Dictionary<string, string>>(this, v => reported.Add(v))));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=custom-fields-editor]")));

        await cut.Find("[data-testid=cf-seats]").InputOf().ChangeAsync(new ChangeEventArgs { Value = "40" });
        await cut.Find("[data-testid=cf-notes]").InputOf().ChangeAsync(new ChangeEventArgs { Value = "" });
        await cut.Find("[data-testid=cf-nda]").InputOf().ChangeAsync(new ChangeEventArgs { Value = false });

        Assert.Equal(3, reported.Count);
        Assert.Equal("40", reported[0]["seats"]);
        Assert.Equal("price", reported[0]["lost_reason"]);
        Assert.Equal("Gold", reported[0]["tier"]);
        Assert.False(reported[1].ContainsKey("notes"));
        Assert.Equal("false", reported[2]["nda"]);
        Assert.Equal("12.5", Stored["seats"]); // the parameter itself is never changed
    }

    [Fact]
    public async Task Render_Errors_AppearUnderTheirField()
    {
        var w = await database.CreateWorkspaceAsync("Editor Errors");
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);
        await DefineEveryTypeAsync(ctx);
        ctx.RenderProviders();
        var defs = (await ctx.Services.GetRequiredService<CrmCustomFieldService>().ListAsync(CrmRecordType.Prospect)).Value!;
        var validation = CustomFieldValues.Validate(defs, new Dictionary<string, string> { ["seats"] = "lots" });

        var cut = ctx.Render<CustomFieldsEditor>(p => p.Add(x => x.RecordType, CrmRecordType.Prospect)
            .Add(x => x.Values, new Dictionary<string, string> { ["seats"] = "lots" }).Add(x => x.Errors, validation.ErrorsWithPrefix()));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=custom-fields-editor]")));
        var seats = cut.Find("[data-testid=cf-seats]").InputOf().Closest(".mud-input-control")!;
        Assert.Contains("SEATS", validation.Errors.Keys.Select(k => k.ToUpperInvariant()));
        Assert.Contains("Seats must be a number", seats.TextContent, StringComparison.Ordinal);
        Assert.Contains("Notes is required.", cut.Find("[data-testid=cf-notes]").InputOf().Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OtherWorkspacesFields_AreNeverShown()
    {
        var mine = await database.CreateWorkspaceAsync("Editor Tenancy A");
        var theirs = await database.CreateWorkspaceAsync("Editor Tenancy B");
        await using (var theirCtx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, theirs)) await DefineEveryTypeAsync(theirCtx);
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, mine);

        var cut = ctx.Render<CustomFieldsEditor>(p => p.Add(x => x.RecordType, CrmRecordType.Prospect).Add(x => x.Values, Stored));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=custom-fields-empty]")));
        Assert.Empty(cut.FindAll("[data-testid^=cf-]"));
        Assert.Contains("Add them in CRM settings", cut.Markup, StringComparison.Ordinal);
    }
}
