namespace GalaxyCo.Web.Components.Pages.Crm.Lists;

/// <summary>
/// A column of a CRM list: its key (stored in saved views), header, whether it shows before the person chooses,
/// whether a phone shows it, and the sort it stands for (null when the column does not sort).
/// </summary>
public sealed record CrmColumn(string Key, string Title, bool ShownByDefault = true, bool OnPhone = false, string? Sort = null)
{
    /// <summary>The classes that hide a column on a phone-sized screen and show it from the small breakpoint up.</summary>
    public string CellClass => OnPhone ? "" : "d-none d-sm-table-cell";
}
