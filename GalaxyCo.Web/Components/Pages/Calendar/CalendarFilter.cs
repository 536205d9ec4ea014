namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>The calendar's filters, as in the query string (?person=&amp;project=&amp;customer=).</summary>
public sealed record CalendarFilter(Guid? PersonId, Guid? ProjectId, Guid? CustomerId)
{
    public static readonly CalendarFilter None = new(null, null, null);

    public bool IsEmpty => PersonId is null && ProjectId is null && CustomerId is null;
}
