using System.Globalization;
using System.Text.RegularExpressions;
using GalaxyCo.Data;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Knowledge;

/// <summary>How the library pages name, link and decorate items, so every page says it the same way.</summary>
internal static partial class KnowledgeFormat
{
    /// <summary>An answer's citation marker, [n].</summary>
    [GeneratedRegex(@"\[(\d{1,3})\]")]
    public static partial Regex CitationMarker();

    public static string Root(string slug) => $"/w/{slug}/knowledge";

    public static string ItemHref(string slug, Guid id) => $"/w/{slug}/knowledge/items/{id}";

    /// <summary>The passage on the item page: its chunk list has an anchor per position.</summary>
    public static string PassageHref(string slug, Guid itemId, int position) => $"{ItemHref(slug, itemId)}#chunk-{position}";

    public static string OriginalHref(string slug, Guid id) => $"{ItemHref(slug, id)}/original";

    public static string TypeIcon(KnowledgeItemType type) => type switch
    {
        KnowledgeItemType.Document => Icons.Material.Outlined.Description,
        KnowledgeItemType.Url => Icons.Material.Outlined.Link,
        KnowledgeItemType.Image => Icons.Material.Outlined.Image,
        _ => Icons.Material.Outlined.Notes,
    };

    public static string TypeName(KnowledgeItemType type) => type switch
    {
        KnowledgeItemType.Document => "Document",
        KnowledgeItemType.Url => "Web page",
        KnowledgeItemType.Image => "Image",
        _ => "Text",
    };

    public static string StatusName(KnowledgeItemStatus status) => status switch
    {
        KnowledgeItemStatus.Processing => "Processing",
        KnowledgeItemStatus.Ready => "Ready",
        _ => "Failed",
    };

    public static string Size(long? bytes) => bytes switch
    {
        null => "—",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    public static string When(DateTime utc) => utc.ToLocalTime().ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public static string Relative(DateTime utc, DateTime now)
    {
        var ago = now - utc;
        if (ago < TimeSpan.FromMinutes(1)) return "just now";
        if (ago < TimeSpan.FromHours(1)) return $"{(int)ago.TotalMinutes} min ago";
        if (ago < TimeSpan.FromDays(1)) return $"{(int)ago.TotalHours} h ago";
        if (ago < TimeSpan.FromDays(30)) return $"{(int)ago.TotalDays} d ago";
        return utc.ToString("d MMM yyyy", CultureInfo.CurrentCulture);
    }

    public static string Score(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "—";

    public static string Rank(int? rank) => rank is { } r ? $"#{r}" : "not found";
}
