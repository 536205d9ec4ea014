using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace GalaxyCo.Web.Components.Pages.Knowledge;

/// <summary>
/// Markdown written by people (text items, previews) as safe markup. Raw HTML in the Markdown is shown as text, and what
/// Markdig produces still goes through HtmlSanitizer, so a script, an event handler or a javascript: link can never reach
/// the page even if the Markdown parser had a gap.
/// </summary>
internal static class KnowledgeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    // Sanitize is safe to call concurrently once configured; the defaults allow only http(s)/mailto links.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static MarkupString Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return new MarkupString("");
        var html = Markdown.ToHtml(markdown, Pipeline);
        return new MarkupString(Sanitizer.Sanitize(html));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        // Links open elsewhere and never hand this page to the target.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a && a.HasAttribute("href"))
            {
                a.SetAttribute("target", "_blank");
                a.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        sanitizer.AllowedAttributes.Add("target");
        sanitizer.AllowedAttributes.Add("rel");
        return sanitizer;
    }
}
