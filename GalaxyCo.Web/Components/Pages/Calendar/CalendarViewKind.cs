namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>The four ways the calendar shows a range; the query string spells them in lower case (?view=week).</summary>
public enum CalendarViewKind
{
    Month,
    Week,
    Day,
    Agenda,
}
