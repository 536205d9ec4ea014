using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm.Import;
using GalaxyCo.Web.Components.Pages.Crm.Import;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace GalaxyCo.Web.Tests.Crm;

/// <summary>The import wizard's mapping step: the guessed mapping is shown per column, and changing one reports the new mapping.</summary>
public sealed class ImportMappingStepTests
{
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    private static CrmImportDraft Draft()
    {
        var table = new CsvImportTable(["Full name", "E-mail", "Job", "Shoe size"],
            [["Ada Lovelace", "ada@example.com", "CTO", "38"], ["Bob Stone", "bob@example.com", "CEO", "44"]], []);
        var fields = CrmImportFields.For(CrmRecordType.Contact);
        return new CrmImportDraft(CrmRecordType.Contact, "people.csv", table, fields, CrmImportMappingGuesser.Guess(table.Headers, fields));
    }

    [Fact]
    public async Task Render_GuessedMapping_ShowsEachColumnsFieldAndSamples()
    {
        await using var ctx = NewContext();
        var draft = Draft();

        var cut = ctx.Render<ImportMappingStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Mapping, draft.GuessedMapping));

        var selects = cut.FindComponents<MudSelect<string>>();
        Assert.Equal(4, selects.Count);
        Assert.Contains("Full name (split into first and last)", selects[0].Markup, StringComparison.Ordinal);
        Assert.Contains("value=\"Email\"", selects[1].Markup, StringComparison.Ordinal);
        Assert.Contains("t import\"", selects[2].Markup, StringComparison.Ordinal);
        Assert.Contains("t import\"", selects[3].Markup, StringComparison.Ordinal);
        Assert.Contains("ada@example.com · bob@example.com", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Email mapped", cut.Find("[data-testid=required-email]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeAsync_PickingAFieldForAColumn_RaisesTheNewMapping()
    {
        await using var ctx = NewContext();
        var draft = Draft();
        IReadOnlyDictionary<string, string?>? changed = null;
        var cut = ctx.Render<ImportMappingStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Mapping, draft.GuessedMapping)
            .Add(x => x.MappingChanged, m => changed = m));

        var job = cut.FindComponents<MudSelect<string>>()[2];
        await cut.InvokeAsync(() => job.Instance.ValueChanged.InvokeAsync("title"));

        Assert.NotNull(changed);
        Assert.Equal("title", changed["Job"]);
        Assert.Equal("email", changed["E-mail"]);
    }

    [Fact]
    public async Task ChangeAsync_UnmappingTheRequiredEmail_FlagsItAsRequired()
    {
        await using var ctx = NewContext();
        var draft = Draft();
        IReadOnlyDictionary<string, string?> mapping = draft.GuessedMapping;
        var cut = ctx.Render<ImportMappingStep>(p => p.Add(x => x.Draft, draft).Add(x => x.Mapping, mapping).Add(x => x.MappingChanged, m => mapping = m));

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[1].Instance.ValueChanged.InvokeAsync(ImportMappingStep.DontImport));
        cut.Render(p => p.Add(x => x.Mapping, mapping));

        Assert.Null(mapping["E-mail"]);
        Assert.Contains("required: choose its column", cut.Find("[data-testid=required-email]").TextContent, StringComparison.Ordinal);
    }
}
