namespace GalaxyCo.Web.Components.Pages.Crm.Details;

/// <summary>
/// Which inline fields of a detail page are open for editing, so a change made elsewhere refreshes the page only when
/// nobody is typing (and otherwise offers a reload instead of wiping what they typed).
/// </summary>
public sealed class InlineEditTracker
{
    private readonly HashSet<object> editing = [];

    public bool IsEditing => editing.Count > 0;

    public void Begin(object field) => editing.Add(field);

    public void End(object field) => editing.Remove(field);
}
