using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Crm.Shared;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace GalaxyCo.Web.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class TagInputTests(PostgresDatabase database)
{
    private async Task<TestWorkspace> ArrangeAsync(string name, params string[][] tags)
    {
        var w = await database.CreateWorkspaceAsync(name);
        await using var db = database.CreateContext(w.Tenant());
        db.Prospects.AddRange(tags.Select((t, i) => new Prospect { Name = $"P{i}", Position = i, Tags = [.. t] }));
        await db.SaveChangesAsync();
        return w;
    }

    private static (IRenderedComponent<TagInput> Cut, List<List<string>> Reported) Render(GalaxyBunitContext ctx, params string[] tags)
    {
        var reported = new List<List<string>>();
        var cut = ctx.Render<TagInput>(p => p.Add(x => x.RecordType, CrmRecordType.Prospect).Add(x => x.Tags, tags)
            .Add(x => x.TagsChanged, EventCallback.Factory.Create<List<string>>(new object(), v => reported.Add(v))));
        return (cut, reported);
    }

    [Fact]
    public async Task Typing_SuggestsTagsInUse_MostUsedFirst_WithoutTheOnesAlreadyThere()
    {
        var w = await ArrangeAsync("TagInput Suggest", ["hot", "healthcare"], ["hot", "healthcare"], ["hot", "hospital"], ["enterprise"]);
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);
        var (cut, reported) = Render(ctx, "hot");

        await cut.Find("[data-testid=tag-input-box]").InputAsync(new ChangeEventArgs { Value = "h" });

        cut.WaitForAssertion(() => Assert.Equal(["healthcare2", "hospital1"], cut.FindAll("[data-testid=tag-suggestion]").Select(s => s.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim())));
        await cut.Find("[data-testid=tag-input-box]").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        await cut.Find("[data-testid=tag-input-box]").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        await cut.Find("[data-testid=tag-input-box]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["hot", "hospital"], Assert.Single(reported));
    }

    [Fact]
    public async Task EnterAndComma_AddNormalisedTags_AndBackspaceRemovesTheLast()
    {
        var w = await ArrangeAsync("TagInput Keys");
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);
        var (cut, reported) = Render(ctx, "vip");
        var box = () => cut.Find("[data-testid=tag-input-box]");

        await box().InputAsync(new ChangeEventArgs { Value = "  Renewal " });
        await box().KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        await box().InputAsync(new ChangeEventArgs { Value = "Alpha, beta,gam" });
        await box().InputAsync(new ChangeEventArgs { Value = "" });
        await box().KeyDownAsync(new KeyboardEventArgs { Key = "Backspace" });

        Assert.Equal(3, reported.Count);
        Assert.Equal(["vip", "renewal"], reported[0]);
        Assert.Equal(["vip", "alpha", "beta"], reported[1]);
        Assert.Empty(reported[2]);
    }

    [Fact]
    public async Task ChipClose_RemovesThatTag_AndTooLongTagShowsAnError()
    {
        var w = await ArrangeAsync("TagInput Chips");
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, w);
        var (cut, reported) = Render(ctx, "a", "b");

        Assert.Equal(["a", "b"], cut.FindAll("[data-testid=tag-chip]").Select(c => c.TextContent.Trim()));
        await cut.FindAll("[data-testid=tag-chip] button, [data-testid=tag-chip] .mud-chip-close-button")[0].ClickAsync();
        await cut.Find("[data-testid=tag-input-box]").InputAsync(new ChangeEventArgs { Value = new string('x', 41) });
        await cut.Find("[data-testid=tag-input-box]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["b"], Assert.Single(reported));
        Assert.Contains("40 characters or fewer", cut.Find("[data-testid=tag-input-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_NeverIncludeAnotherWorkspacesTags()
    {
        var mine = await ArrangeAsync("TagInput Tenancy A", ["ours"]);
        await ArrangeAsync("TagInput Tenancy B", ["other-secret"], ["ours-too-secret"]);
        await using var ctx = await CrmSettingsTestSupport.EnterAsOwnerAsync(database, mine);
        var (cut, _) = Render(ctx);

        await cut.Find("[data-testid=tag-input-box]").FocusAsync(new FocusEventArgs());

        cut.WaitForAssertion(() => Assert.Equal(["ours1"], cut.FindAll("[data-testid=tag-suggestion]").Select(s => s.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim())));
    }
}
