using GalaxyCo.Domain.Calendar;

namespace GalaxyCo.Web.Components.Pages.Calendar;

public enum RecurrenceEnd { Never, AfterCount, OnDate }

/// <summary>
/// What the recurrence editor holds while someone edits it; <see cref="ToInput"/> gives the domain's
/// <see cref="RecurrenceInput"/>, which writes the RRULE. Monthly and yearly repeat on the start's day (an imported
/// "1st Friday" rule is kept as it was unless the person changes the frequency).
/// </summary>
public sealed class RecurrenceEditorModel
{
    /// <summary>Null: does not repeat.</summary>
    public RecurrenceFrequency? Frequency { get; set; }
    public int Interval { get; set; } = 1;
    public HashSet<DayOfWeek> Days { get; } = [];
    public RecurrenceEnd Ends { get; set; } = RecurrenceEnd.Never;
    public int Count { get; set; } = 10;
    public DateTime? Until { get; set; }

    /// <summary>The rule read from the event, for monthly/yearly parts the editor does not show.</summary>
    public RecurrenceInput? Original { get; private set; }

    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static RecurrenceEditorModel From(RecurrenceInput? input)
    {
        var model = new RecurrenceEditorModel { Original = input };
        if (input is null) return model;
        model.Frequency = input.Frequency;
        model.Interval = input.Interval;
        foreach (var d in input.ByDay ?? []) model.Days.Add(d);
        if (input.Count is { } count)
        {
            model.Ends = RecurrenceEnd.AfterCount;
            model.Count = count;
        }
        else if (input.Until is { } until)
        {
            model.Ends = RecurrenceEnd.OnDate;
            model.Until = until.ToDateTime(TimeOnly.MinValue);
        }
        return model;
    }

    /// <summary>Checks the editor's own fields; null when fine.</summary>
    public string? Validate(DateOnly startDate)
    {
        if (Frequency is null) return null;
        if (Interval is < 1 or > 999) return "Repeat every 1 to 999.";
        if (Frequency == RecurrenceFrequency.Weekly && Days.Count == 0) return "Pick at least one weekday.";
        if (Ends == RecurrenceEnd.AfterCount && Count is < 1 or > 1000) return "End after 1 to 1000 times.";
        if (Ends == RecurrenceEnd.OnDate)
        {
            if (Until is null) return "Pick the last date.";
            if (DateOnly.FromDateTime(Until.Value) < startDate) return "The last date can't be before the start.";
        }
        return null;
    }

    /// <param name="startDate">The event's start date (its weekday is the default for a weekly rule).</param>
    public RecurrenceInput? ToInput(DateOnly startDate)
    {
        if (Frequency is not { } frequency) return null;
        IReadOnlyList<DayOfWeek>? byDay = null;
        int? byMonthDay = null, weekOfMonth = null, byMonth = null;
        if (frequency == RecurrenceFrequency.Weekly)
        {
            byDay = Week.Where(Days.Contains).ToList();
            if (byDay.Count == 0) byDay = [startDate.DayOfWeek];
        }
        else if (Original is { } o && o.Frequency == frequency && frequency is RecurrenceFrequency.Monthly or RecurrenceFrequency.Yearly)
        {
            (byDay, byMonthDay, weekOfMonth, byMonth) = (o.ByDay, o.ByMonthDay, o.WeekOfMonth, o.ByMonth);
        }
        return new RecurrenceInput(frequency, Interval, byDay, byMonthDay, weekOfMonth, byMonth,
            Ends == RecurrenceEnd.AfterCount ? Count : null,
            Ends == RecurrenceEnd.OnDate && Until is { } until ? DateOnly.FromDateTime(until) : null);
    }
}
