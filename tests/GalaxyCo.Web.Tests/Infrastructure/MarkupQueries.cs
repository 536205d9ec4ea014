using AngleSharp.Dom;
using Bunit.Rendering;

namespace GalaxyCo.Web.Tests.Infrastructure;

public static class MarkupQueries
{
    /// <summary>The native input behind a MudBlazor field marked with data-testid, wherever MudBlazor puts the attribute.</summary>
    public static IElement InputOf(this IElement marked) =>
        marked.TagName == "INPUT" ? marked : marked.QuerySelector("input") ?? throw new InvalidOperationException($"No input inside {marked.OuterHtml}");

    /// <summary>
    /// Clicks what <paramref name="find"/> finds, finding it again if a render landed in between (MudTable re-renders
    /// once more after its data arrives, which retires the handler ids of the markup found before).
    /// </summary>
    public static async Task ClickFreshAsync(Func<IElement> find)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await find().ClickAsync();
                return;
            }
            catch (UnknownEventHandlerIdException) when (attempt < 10)
            {
                await Task.Delay(100);
            }
        }
    }
}
