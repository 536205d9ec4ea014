using System.Globalization;

namespace GalaxyCo.Domain.Calendar;

/// <summary>Writes the recurrence editor's model as an RRULE and reads an RRULE back into it.</summary>
public static class CalendarRecurrence
{
    private static readonly string[] Ordinals = ["last", "1st", "2nd", "3rd", "4th", "5th"];

    /// <summary>
    /// The RRULE (no "RRULE:" prefix) for <paramref name="input"/> on a series starting at <paramref name="startUtc"/>.
    /// Until is the end of that local day: for a timed event written in UTC (as RFC 5545 requires with a TZID), for
    /// an all-day event as a date.
    /// </summary>
    public static string ToRRule(RecurrenceInput input, DateTime startUtc, string timezone, bool isAllDay = false)
    {
        var zone = CalendarTime.FindZone(timezone) ?? TimeZoneInfo.Utc;
        var local = isAllDay ? startUtc : CalendarTime.ToLocal(startUtc, zone);
        var days = (input.ByDay ?? []).Distinct().ToList();
        List<ByDayEntry> byDay = [];
        List<int> byMonthDay = [];
        List<int> byMonth = [];
        switch (input.Frequency)
        {
            case RecurrenceFrequency.Daily:
                byDay = days.Select(d => new ByDayEntry(d, null)).ToList();
                break;
            case RecurrenceFrequency.Weekly:
                byDay = (days.Count == 0 ? [local.DayOfWeek] : days).Select(d => new ByDayEntry(d, null)).ToList();
                break;
            case RecurrenceFrequency.Monthly:
            case RecurrenceFrequency.Yearly:
                if (input.WeekOfMonth is { } week)
                    byDay = (days.Count == 0 ? [local.DayOfWeek] : days).Select(d => new ByDayEntry(d, week)).ToList();
                else if (input.ByMonthDay is { } md) byMonthDay = [md];
                if (input.Frequency == RecurrenceFrequency.Yearly && (input.ByMonth is not null || byDay.Count > 0))
                    byMonth = [input.ByMonth ?? local.Month];
                break;
        }
        DateTime? untilUtc = null, untilLocal = null;
        if (input.Count is null && input.Until is { } until)
        {
            if (isAllDay) untilLocal = until.ToDateTime(TimeOnly.MinValue);
            else untilUtc = CalendarTime.ToUtc(until.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).AddSeconds(-1);
        }
        var rule = new RRule(input.Frequency, Math.Max(1, input.Interval), byDay.OrderBy(d => ((int)d.Day + 6) % 7).ToList(), byMonthDay, byMonth,
            input.Count, untilUtc, untilLocal, DayOfWeek.Monday);
        return rule.ToString();
    }

    /// <summary>The editor model of an RRULE, or null when the rule uses parts the editor does not offer.</summary>
    public static RecurrenceInput? Parse(string? rrule, string timezone)
    {
        if (!RRule.TryParse(rrule, out var rule, out _)) return null;
        var zone = CalendarTime.FindZone(timezone) ?? TimeZoneInfo.Utc;
        if (rule.ByMonthDay.Count > 1 || rule.ByMonth.Count > 1 || (rule.ByMonthDay.Count > 0 && rule.ByDay.Count > 0)) return null;
        var ordinals = rule.ByDay.Select(d => d.Ordinal).Distinct().ToList();
        if (ordinals.Count > 1) return null;
        if (rule.Frequency == RecurrenceFrequency.Monthly && rule.ByDay.Count > 0 && ordinals[0] is null) return null;
        if (rule.Frequency == RecurrenceFrequency.Yearly && (rule.ByDay.Count > 0 && ordinals[0] is null)) return null;
        if (rule.Frequency is RecurrenceFrequency.Daily or RecurrenceFrequency.Weekly && rule.ByMonth.Count > 0) return null;
        if (rule.Frequency == RecurrenceFrequency.Monthly && rule.ByMonth.Count > 0) return null;
        DateOnly? until = null;
        if (rule.UntilUtc is { } u) until = DateOnly.FromDateTime(CalendarTime.ToLocal(u, zone));
        else if (rule.UntilLocal is { } l) until = DateOnly.FromDateTime(l);
        return new RecurrenceInput(
            rule.Frequency,
            rule.Interval,
            rule.ByDay.Count == 0 ? null : rule.ByDay.Select(d => d.Day).ToList(),
            rule.ByMonthDay.Count == 0 ? null : rule.ByMonthDay[0],
            ordinals.Count == 1 ? ordinals[0] : null,
            rule.ByMonth.Count == 0 ? null : rule.ByMonth[0],
            rule.Count,
            until);
    }

    /// <summary>
    /// Checks the editor model against the series' first local day; errors are keyed by input field
    /// ("recurrence.interval", "recurrence.count", ...).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Validate(RecurrenceInput input, DateOnly firstDay)
    {
        var errors = new Dictionary<string, string>();
        if (!Enum.IsDefined(input.Frequency)) errors["recurrence.frequency"] = "Pick how often it repeats.";
        if (input.Interval is < 1 or > 999) errors["recurrence.interval"] = "Repeat every 1 to 999.";
        if (input.Count is not null && input.Until is not null) errors["recurrence.count"] = "End after a number of times or on a date, not both.";
        if (input.Count is < 1 or > RRule.MaxCount) errors["recurrence.count"] = $"End after 1 to {RRule.MaxCount} times.";
        if (input.Until is { } until && until < firstDay) errors["recurrence.until"] = "The end date is before the first occurrence.";
        if (input.ByDay is { } days && days.Any(d => !Enum.IsDefined(d))) errors["recurrence.byDay"] = "Pick weekdays.";
        if (input.WeekOfMonth is { } w && (w is 0 or < -1 or > 5)) errors["recurrence.weekOfMonth"] = "Pick the 1st to 5th or the last week.";
        if (input.WeekOfMonth is not null && input.Frequency is not (RecurrenceFrequency.Monthly or RecurrenceFrequency.Yearly))
            errors["recurrence.weekOfMonth"] = "A week of the month needs a monthly or yearly rule.";
        if (input.ByMonthDay is { } md && (md is 0 or < -1 or > 31)) errors["recurrence.byMonthDay"] = "Pick a day from 1 to 31, or the last day.";
        if (input.ByMonth is < 1 or > 12) errors["recurrence.byMonth"] = "Pick a month.";
        return errors;
    }

    /// <summary>A short human description: "Weekly on Mon, Wed", "Every 2 months on the 1st Fri, 10 times".</summary>
    public static string Describe(RecurrenceInput input)
    {
        var unit = input.Frequency switch
        {
            RecurrenceFrequency.Daily => ("Daily", "days"),
            RecurrenceFrequency.Weekly => ("Weekly", "weeks"),
            RecurrenceFrequency.Monthly => ("Monthly", "months"),
            _ => ("Yearly", "years"),
        };
        var text = input.Interval > 1 ? $"Every {input.Interval} {unit.Item2}" : unit.Item1;
        var days = input.ByDay is { Count: > 0 } d
            ? string.Join(", ", d.OrderBy(x => ((int)x + 6) % 7).Select(x => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(x)))
            : null;
        if (input.WeekOfMonth is { } w) text += $" on the {Ordinals[w < 0 ? 0 : Math.Min(w, 5)]} {days ?? "weekday"}";
        else if (days is not null) text += $" on {days}";
        else if (input.ByMonthDay is { } md) text += md < 0 ? " on the last day" : $" on day {md}";
        if (input.Frequency == RecurrenceFrequency.Yearly && input.ByMonth is { } m)
            text += " of " + CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m);
        if (input.Count is { } c) text += c == 1 ? ", once" : $", {c} times";
        else if (input.Until is { } u) text += ", until " + u.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
        return text;
    }
}
