using MudBlazor;

namespace GalaxyCo.Web.Components.Layout;

/// <summary>The brand theme: one place for colours and type, so pages never hard-code them.</summary>
public static class GalaxyTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5B4CF0",
            Secondary = "#0EA5C6",
            Tertiary = "#F59E0B",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F1B3A",
            Background = "#F7F7FB",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#1F1B3A",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8B80FF",
            Secondary = "#22C3EE",
            Tertiary = "#FBBF24",
            Background = "#14121F",
            Surface = "#1D1A2C",
            AppbarBackground = "#1D1A2C",
            DrawerBackground = "#1D1A2C",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px", DrawerWidthLeft = "240px" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
