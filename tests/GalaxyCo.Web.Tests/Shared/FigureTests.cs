using GalaxyCo.Web.Components.Shared;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Shared;

public sealed class FigureTests : BunitContext
{
    public FigureTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void Render_ShowsLabelAndValue()
    {
        var cut = Render<Figure>(p => p.Add(f => f.Label, "Open tasks").Add(f => f.Value, "1,234"));

        Assert.Contains("Open tasks", cut.Markup);
        Assert.Equal("1,234", cut.Find("[data-testid=figure-value]").TextContent.Trim());
        Assert.Empty(cut.FindAll("a"));
    }

    [Fact]
    public void Render_Warn_DrawsValueInWarningColour()
    {
        var calm = Render<Figure>(p => p.Add(f => f.Label, "Overdue").Add(f => f.Value, "0"));
        var warn = Render<Figure>(p => p.Add(f => f.Label, "Overdue").Add(f => f.Value, "3").Add(f => f.Warn, true));

        Assert.DoesNotContain("mud-warning-text", calm.Find("[data-testid=figure-value]").ClassName);
        Assert.Contains("mud-warning-text", warn.Find("[data-testid=figure-value]").ClassName);
        Assert.Contains("mud-warning-text", warn.Find("svg").ClassName);
    }

    [Fact]
    public void Render_WithHref_LinksToTheDetail()
    {
        var cut = Render<Figure>(p => p.Add(f => f.Label, "Members").Add(f => f.Value, "4").Add(f => f.Href, "/w/acme/members"));

        var link = cut.Find("a");
        Assert.Equal("/w/acme/members", link.GetAttribute("href"));
        Assert.Equal("Open", link.TextContent.Trim());
    }
}
