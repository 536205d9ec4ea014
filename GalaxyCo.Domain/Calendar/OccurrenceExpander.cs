namespace GalaxyCo.Domain.Calendar;

/// <summary>
/// Expands a series for one visible range, in the series' own time zone: the rule produces wall-clock times (so a
/// 9:00 meeting stays 9:00 across DST) that are then converted to UTC. It jumps straight to the period containing
/// the range instead of walking from the first occurrence (rules with COUNT are walked, at most 1,000 steps), which
/// is what keeps a month view with thousands of series fast. All-day series are expanded on plain dates (no zone).
/// DTSTART is always the first occurrence, as RFC 5545 says.
/// </summary>
internal static class OccurrenceExpander
{
    /// <summary>Hard stop on occurrences produced per call (a daily rule over a year view is 400).</summary>
    public const int MaxPerCall = 5_000;

    /// <summary>The original starts (UTC) of the occurrences whose [start, start + duration) overlaps [fromUtc, toUtc).</summary>
    public static IEnumerable<DateTime> Starts(DateTime seriesStartUtc, TimeSpan duration, bool isAllDay, TimeZoneInfo zone, RRule rule, DateTime fromUtc, DateTime toUtc)
    {
        var l0 = isAllDay ? DateTime.SpecifyKind(seriesStartUtc.Date, DateTimeKind.Unspecified) : CalendarTime.ToLocal(seriesStartUtc, zone);
        // Local window padded by a day each side: offsets never exceed 14 hours.
        var windowFrom = (isAllDay ? fromUtc - duration : CalendarTime.ToLocal(fromUtc, zone) - duration).AddDays(-1);
        var windowTo = (isAllDay ? toUtc : CalendarTime.ToLocal(toUtc, zone)).AddDays(1);
        var produced = 0;
        foreach (var local in Local(l0, rule, zone, isAllDay, rule.Count is null ? windowFrom : null))
        {
            if (local > windowTo) yield break;
            var start = isAllDay ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : CalendarTime.ToUtc(local, zone);
            if (start >= toUtc) yield break;
            var overlaps = duration > TimeSpan.Zero ? start + duration > fromUtc : start >= fromUtc;
            if (!overlaps) continue;
            yield return start;
            if (++produced >= MaxPerCall) yield break;
        }
    }

    /// <summary>Every original start (UTC) from the first; callers bound it (finite rules end by themselves).</summary>
    public static IEnumerable<DateTime> AllStarts(DateTime seriesStartUtc, bool isAllDay, TimeZoneInfo zone, RRule rule)
    {
        var l0 = isAllDay ? DateTime.SpecifyKind(seriesStartUtc.Date, DateTimeKind.Unspecified) : CalendarTime.ToLocal(seriesStartUtc, zone);
        foreach (var local in Local(l0, rule, zone, isAllDay, null))
            yield return isAllDay ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : CalendarTime.ToUtc(local, zone);
    }

    /// <summary>
    /// Wall-clock occurrence times in order, honouring COUNT and UNTIL. With <paramref name="jumpTo"/> (only for
    /// rules without COUNT) it starts at the period that contains that local time.
    /// </summary>
    private static IEnumerable<DateTime> Local(DateTime l0, RRule rule, TimeZoneInfo zone, bool isAllDay, DateTime? jumpTo)
    {
        var time = l0.TimeOfDay;
        var first = l0.Date;
        var weekStart0 = first.AddDays(-(((int)first.DayOfWeek - (int)rule.WeekStart + 7) % 7));
        var monthStart0 = new DateTime(first.Year, first.Month, 1);
        var k0 = 0L;
        if (jumpTo is { } jump && jump > l0)
        {
            k0 = rule.Frequency switch
            {
                RecurrenceFrequency.Daily => (long)(jump.Date - first).TotalDays / rule.Interval,
                RecurrenceFrequency.Weekly => (long)(jump.Date - weekStart0).TotalDays / 7 / rule.Interval,
                RecurrenceFrequency.Monthly => ((jump.Year - first.Year) * 12L + jump.Month - first.Month) / rule.Interval,
                _ => (jump.Year - first.Year) / (long)rule.Interval,
            };
            k0 = Math.Max(0, k0 - 1);
        }

        var emitted = 0;
        if (k0 == 0)
        {
            if (Past(l0)) yield break;
            yield return l0;
            emitted = 1;
            if (rule.Count is { } c && emitted >= c) yield break;
        }
        // Period index bound: far beyond any UI range; stops rules that produce nothing (BYMONTHDAY=31;BYMONTH=2).
        var maxK = k0 + 20_000;
        var dates = new List<DateTime>(4);
        for (var k = k0; k < maxK; k++)
        {
            if (!Period(rule, k, first, weekStart0, monthStart0, dates)) yield break;
            foreach (var date in dates)
            {
                var local = date + time;
                if (local <= l0) continue;
                if (Past(local)) yield break;
                yield return local;
                emitted++;
                if (rule.Count is { } c && emitted >= c) yield break;
            }
        }

        bool Past(DateTime local)
        {
            if (rule.UntilLocal is { } ul) return ul.TimeOfDay == TimeSpan.Zero ? local.Date > ul : local > ul;
            if (rule.UntilUtc is { } uu) return (isAllDay ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : CalendarTime.ToUtc(local, zone)) > uu;
            return false;
        }
    }

    /// <summary>
    /// Fills <paramref name="result"/> with the dates of period <paramref name="k"/> in order (false: beyond the
    /// calendar). One buffer per series: a month view walks tens of thousands of periods.
    /// </summary>
    private static bool Period(RRule rule, long k, DateTime first, DateTime weekStart0, DateTime monthStart0, List<DateTime> result)
    {
        result.Clear();
        try
        {
            switch (rule.Frequency)
            {
                case RecurrenceFrequency.Daily:
                {
                    var date = first.AddDays(k * rule.Interval);
                    if (MatchesFilters(rule, date, checkDay: true)) result.Add(date);
                    break;
                }
                case RecurrenceFrequency.Weekly:
                {
                    var week = weekStart0.AddDays(k * rule.Interval * 7);
                    if (rule.ByDay.Count == 0) result.Add(week.AddDays(((int)first.DayOfWeek - (int)rule.WeekStart + 7) % 7));
                    else
                    {
                        foreach (var d in rule.ByDay) result.Add(week.AddDays(((int)d.Day - (int)rule.WeekStart + 7) % 7));
                        result.Sort();
                    }
                    if (rule.ByMonth.Count > 0) result.RemoveAll(d => !rule.ByMonth.Contains(d.Month));
                    break;
                }
                case RecurrenceFrequency.Monthly:
                {
                    var month = monthStart0.AddMonths(checked((int)(k * rule.Interval)));
                    if (rule.ByMonth.Count > 0 && !rule.ByMonth.Contains(month.Month)) break;
                    InMonth(rule, month, first.Day, result);
                    break;
                }
                default:
                {
                    var year = first.Year + k * rule.Interval;
                    if (year > 9998) return false;
                    IEnumerable<int> months = rule.ByMonth.Count > 0 ? rule.ByMonth : [first.Month];
                    foreach (var m in months) InMonth(rule, new DateTime((int)year, m, 1), first.Day, result);
                    break;
                }
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
        return true;
    }

    private static void InMonth(RRule rule, DateTime month, int defaultDay, List<DateTime> result)
    {
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        var start = result.Count;
        if (rule.ByDay.Count > 0)
        {
            foreach (var entry in rule.ByDay)
            {
                var firstMatch = 1 + (((int)entry.Day - (int)month.DayOfWeek + 7) % 7);
                if (entry.Ordinal is { } n)
                {
                    int day;
                    if (n > 0) day = firstMatch + (n - 1) * 7;
                    else
                    {
                        var last = firstMatch + (days - firstMatch) / 7 * 7;
                        day = last + (n + 1) * 7;
                    }
                    if (day >= 1 && day <= days) result.Add(month.AddDays(day - 1));
                }
                else
                {
                    for (var day = firstMatch; day <= days; day += 7) result.Add(month.AddDays(day - 1));
                }
            }
            // BYMONTHDAY narrows BYDAY (e.g. Friday the 13th).
            if (rule.ByMonthDay.Count > 0)
                result.RemoveAll(d => d >= month && d.Month == month.Month && !MonthDayMatches(rule, d, days));
        }
        else if (rule.ByMonthDay.Count > 0)
        {
            foreach (var md in rule.ByMonthDay)
            {
                var day = md > 0 ? md : days + md + 1;
                if (day >= 1 && day <= days) result.Add(month.AddDays(day - 1));
            }
        }
        else if (defaultDay <= days)
        {
            result.Add(month.AddDays(defaultDay - 1));
        }
        result.Sort(start, result.Count - start, null);
        // Two entries can name the same day (BYMONTHDAY=1,-31 in a 31-day month).
        for (var i = result.Count - 1; i > start; i--)
            if (result[i] == result[i - 1]) result.RemoveAt(i);
    }

    private static bool MonthDayMatches(RRule rule, DateTime date, int daysInMonth) =>
        rule.ByMonthDay.Any(md => (md > 0 ? md : daysInMonth + md + 1) == date.Day);

    private static bool MatchesFilters(RRule rule, DateTime date, bool checkDay)
    {
        if (rule.ByMonth.Count > 0 && !rule.ByMonth.Contains(date.Month)) return false;
        if (rule.ByMonthDay.Count > 0 && !MonthDayMatches(rule, date, DateTime.DaysInMonth(date.Year, date.Month))) return false;
        if (checkDay && rule.ByDay.Count > 0 && !rule.ByDay.Any(d => d.Day == date.DayOfWeek)) return false;
        return true;
    }
}
