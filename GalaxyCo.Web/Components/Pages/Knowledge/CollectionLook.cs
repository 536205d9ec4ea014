using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Knowledge;

/// <summary>The icons and colours a collection can take (Material icon names as stored, with the icon shown for each).</summary>
internal static class CollectionLook
{
    public static readonly IReadOnlyList<(string Name, string Svg, string Label)> IconChoices =
    [
        ("folder", Icons.Material.Outlined.Folder, "Folder"),
        ("menu_book", Icons.Material.Outlined.MenuBook, "Manual"),
        ("description", Icons.Material.Outlined.Description, "Document"),
        ("policy", Icons.Material.Outlined.Policy, "Policy"),
        ("support_agent", Icons.Material.Outlined.SupportAgent, "Support"),
        ("school", Icons.Material.Outlined.School, "Training"),
        ("campaign", Icons.Material.Outlined.Campaign, "Marketing"),
        ("code", Icons.Material.Outlined.Code, "Engineering"),
        ("gavel", Icons.Material.Outlined.Gavel, "Legal"),
        ("science", Icons.Material.Outlined.Science, "Research"),
    ];

    public static readonly IReadOnlyList<string> Colors =
        ["#5B47E0", "#0EA5E9", "#10B981", "#F59E0B", "#EF4444", "#EC4899", "#64748B", "#8B5CF6"];

    public static string Icon(string? name) =>
        IconChoices.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).Svg ?? Icons.Material.Outlined.Folder;
}
