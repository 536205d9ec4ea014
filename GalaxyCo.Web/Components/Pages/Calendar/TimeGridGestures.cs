namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>An occurrence dragged from one grid position to another: the wall-clock shift is (To - From).</summary>
public sealed record TimeGridMove(CalendarItem Item, DateTime From, DateTime To)
{
    public TimeSpan Shift => To - From;
}

/// <summary>An occurrence whose bottom edge was dragged: its new wall-clock end.</summary>
public sealed record TimeGridResize(CalendarItem Item, DateTime NewEnd);

/// <summary>An empty stretch clicked or dragged over: the new event's wall-clock slot.</summary>
public sealed record TimeGridCreate(DateTime Start, DateTime End, bool AllDay = false);
