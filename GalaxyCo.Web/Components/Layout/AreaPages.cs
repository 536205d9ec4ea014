namespace GalaxyCo.Web.Components.Layout;

/// <summary>The workspace areas that have pages in this build; the palette and the home page only link to these.</summary>
public static class AreaPages
{
    private static readonly string[] Roots = ["members", "audit", "settings", "crm", "work", "calendar", "invoices", "notifications", "knowledge"];

    /// <summary>True when a path relative to /w/{slug}/ leads to an existing page.</summary>
    public static bool Exists(string relativePath) =>
        Roots.Any(r => relativePath == r || relativePath.StartsWith(r + "/", StringComparison.Ordinal));
}
