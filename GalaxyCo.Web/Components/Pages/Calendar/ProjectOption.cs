namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>A project the calendar can filter by or link an event to.</summary>
public sealed record ProjectOption(Guid Id, string Name);
