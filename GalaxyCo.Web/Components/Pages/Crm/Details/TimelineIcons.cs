using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Crm.Details;

/// <summary>The icon and theme colour of each kind of timeline entry.</summary>
public static class TimelineIcons
{
    public static string For(CrmActivityKind kind) => For((TimelineKind)(int)kind);

    public static string For(TimelineKind kind) => kind switch
    {
        TimelineKind.Note => Icons.Material.Outlined.StickyNote2,
        TimelineKind.Call => Icons.Material.Outlined.Call,
        TimelineKind.Email => Icons.Material.Outlined.Email,
        TimelineKind.Meeting => Icons.Material.Outlined.Groups,
        TimelineKind.StageChange => Icons.Material.Outlined.ViewKanban,
        TimelineKind.Conversion => Icons.Material.Outlined.SwapHorizontalCircle,
        TimelineKind.Merge => Icons.Material.Outlined.MergeType,
        TimelineKind.Import => Icons.Material.Outlined.UploadFile,
        TimelineKind.Task => Icons.Material.Outlined.TaskAlt,
        TimelineKind.Event => Icons.Material.Outlined.Event,
        _ => Icons.Material.Outlined.History,
    };

    public static Color ColorOf(TimelineKind kind) => kind switch
    {
        TimelineKind.Note => Color.Warning,
        TimelineKind.Call or TimelineKind.Email or TimelineKind.Meeting => Color.Primary,
        TimelineKind.StageChange or TimelineKind.Conversion => Color.Success,
        TimelineKind.Merge or TimelineKind.Import => Color.Secondary,
        TimelineKind.Task or TimelineKind.Event => Color.Info,
        _ => Color.Default,
    };
}
