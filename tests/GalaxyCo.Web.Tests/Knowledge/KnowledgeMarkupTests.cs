using GalaxyCo.Data;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Knowledge;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Knowledge;

/// <summary>
/// What the knowledge pages render from text they don't control: Markdown written by people (never raw HTML or script),
/// and answers whose [n] markers must link only to passages that were actually retrieved.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KnowledgeMarkupTests(PostgresDatabase database)
{
    [Fact]
    public void MarkdownView_HostileMarkdown_RendersNoScriptHandlerOrJavascriptLink()
    {
        using var ctx = new BunitContext();
        const string hostile = """
            # Handbook

            <script>alert('owned')</script>
            <img src="x" onerror="alert('owned')">
            [click me](javascript:alert('owned'))
            <a href="https://example.com" onclick="steal()">raw link</a>

            **Refunds** are issued within [14 days](https://example.com/refunds).
            """;

        var cut = ctx.Render<MarkdownView>(p => p.Add(x => x.Markdown, hostile));

        var html = cut.Markup;
        Assert.NotNull(cut.Find("h1"));
        Assert.Equal("Refunds", cut.Find("strong").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.DoesNotContain(cut.FindAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(cut.FindAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        var link = Assert.Single(cut.FindAll("a[href]"));
        Assert.Equal("https://example.com/refunds", link.GetAttribute("href"));
        Assert.Contains("noopener", link.GetAttribute("rel"), StringComparison.Ordinal);
        // The raw tags survive only as visible text, escaped.
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerText_MarkersWithAndWithoutCitations_LinksOnlyRetrievedPassages()
    {
        var w = await database.CreateWorkspaceAsync("Knowledge Answer");
        using var ctx = GalaxyBunitContext.ActingAs(database, w);
        var entered = await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, w.OwnerUserId);
        Assert.True(entered.Succeeded, entered.Message);
        var itemId = Guid.NewGuid();
        var hit = new KnowledgeHit(Guid.NewGuid(), itemId, "Refund policy", "refunds.md", KnowledgeItemType.Document, "Refunds", null, 3,
            "Refunds take 14 days.", "Refunds take 14 days.", 1, 2.5, 1, 0.8, 1, 0.03);
        var answer = new KnowledgeAnswer("How long do refunds take?", "Refunds take 14 days [1]. Shipping is free [7].", false,
            [new KnowledgeCitation(1, hit)], "test-model");

        var cut = ctx.Render<AnswerText>(p => p.Add(x => x.Answer, answer));

        var link = Assert.Single(cut.FindAll("[data-testid=knowledge-answer-citation]"));
        Assert.Equal("[1]", link.TextContent);
        Assert.Equal($"/w/{w.Slug}/knowledge/items/{itemId}#chunk-3", link.GetAttribute("href"));
        // [7] cites nothing that was retrieved: it stays plain text, never a link.
        Assert.Contains("Shipping is free [7].", cut.Find("[data-testid=knowledge-answer-text]").TextContent, StringComparison.Ordinal);
    }
}
