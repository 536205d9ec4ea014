using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Benchmarks;

/// <summary>Server-side render of one component to HTML, as prerendering does: OnInitializedAsync runs to completion first.</summary>
public static class StaticRender
{
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, ILoggerFactory loggerFactory) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>();
            await root.QuiescenceTask;
            return root.ToHtmlString();
        });
    }

    public static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
