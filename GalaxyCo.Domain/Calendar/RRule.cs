using System.Globalization;
using System.Text;

namespace GalaxyCo.Domain.Calendar;

/// <summary>One BYDAY entry: a weekday, optionally the nth (negative: from the end) in its month.</summary>
internal readonly record struct ByDayEntry(DayOfWeek Day, int? Ordinal);

/// <summary>
/// The RRULE subset our own expander evaluates (<see cref="OccurrenceExpander"/>): FREQ DAILY/WEEKLY/MONTHLY/YEARLY with
/// INTERVAL, BYDAY (ordinals for MONTHLY, and YEARLY with BYMONTH), BYMONTHDAY, BYMONTH, COUNT or UNTIL, WKST.
/// That is everything the editor writes and what calendars export for meetings; anything else (BYSETPOS, BYHOUR,
/// HOURLY...) is reported as unsupported rather than expanded wrongly.
/// </summary>
internal sealed record RRule(
    RecurrenceFrequency Frequency,
    int Interval,
    IReadOnlyList<ByDayEntry> ByDay,
    IReadOnlyList<int> ByMonthDay,
    IReadOnlyList<int> ByMonth,
    int? Count,
    DateTime? UntilUtc,
    DateTime? UntilLocal,
    DayOfWeek WeekStart)
{
    public const int MaxCount = 1000;

    private static readonly string[] DayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    public static string DayCode(DayOfWeek day) => DayCodes[(int)day];

    public bool IsFinite => Count is not null || UntilUtc is not null || UntilLocal is not null;

    public static bool TryParse(string? text, out RRule rule) => TryParse(text, out rule, out _);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RRule?> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="TryParse(string?, out RRule)"/> remembered by text: a month view expands thousands of series, and a
    /// workspace has few distinct rules (parsed rules are immutable). At most 10,000 texts are kept.
    /// </summary>
    public static bool TryParseCached(string? text, out RRule rule)
    {
        if (text is null) return TryParse(text, out rule);
        if (!Parsed.TryGetValue(text, out var cached))
        {
            cached = TryParse(text, out var parsed) ? parsed : null;
            if (Parsed.Count >= 10_000) Parsed.Clear();
            Parsed[text] = cached;
        }
        rule = cached!;
        return cached is not null;
    }

    /// <summary>Parses <paramref name="text"/> (with or without "RRULE:"); on failure says why in words a person understands.</summary>
    public static bool TryParse(string? text, out RRule rule, out string error)
    {
        rule = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return Fail("The recurrence rule is empty.", out error);
        var body = text.Trim();
        if (body.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase)) body = body[6..];
        RecurrenceFrequency? frequency = null;
        var interval = 1;
        var byDay = new List<ByDayEntry>();
        var byMonthDay = new List<int>();
        var byMonth = new List<int>();
        int? count = null;
        DateTime? untilUtc = null, untilLocal = null;
        var weekStart = DayOfWeek.Monday;
        foreach (var part in body.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) return Fail($"\"{part}\" is not a rule part.", out error);
            var key = part[..eq].Trim().ToUpperInvariant();
            var value = part[(eq + 1)..].Trim().ToUpperInvariant();
            switch (key)
            {
                case "FREQ":
                    frequency = value switch
                    {
                        "DAILY" => RecurrenceFrequency.Daily,
                        "WEEKLY" => RecurrenceFrequency.Weekly,
                        "MONTHLY" => RecurrenceFrequency.Monthly,
                        "YEARLY" => RecurrenceFrequency.Yearly,
                        _ => null,
                    };
                    if (frequency is null) return Fail($"Repeating {value.ToLowerInvariant()} is not supported (daily, weekly, monthly or yearly only).", out error);
                    break;
                case "INTERVAL":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out interval) || interval is < 1 or > 999)
                        return Fail("The interval must be a whole number from 1 to 999.", out error);
                    break;
                case "COUNT":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c is < 1 or > MaxCount)
                        return Fail($"The number of occurrences must be from 1 to {MaxCount}.", out error);
                    count = c;
                    break;
                case "UNTIL":
                    if (!TryParseUntil(value, out untilUtc, out untilLocal)) return Fail("The end date of the recurrence is not a valid date.", out error);
                    break;
                case "WKST":
                    var ws = Array.IndexOf(DayCodes, value);
                    if (ws < 0) return Fail("The week start is not a weekday.", out error);
                    weekStart = (DayOfWeek)ws;
                    break;
                case "BYDAY":
                    foreach (var item in value.Split(','))
                    {
                        if (item.Length < 2) return Fail($"\"{item}\" is not a weekday.", out error);
                        var dayIndex = Array.IndexOf(DayCodes, item[^2..]);
                        if (dayIndex < 0) return Fail($"\"{item}\" is not a weekday.", out error);
                        int? ordinal = null;
                        if (item.Length > 2)
                        {
                            if (!int.TryParse(item[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var o) || o == 0 || o is < -5 or > 5)
                                return Fail($"\"{item}\" is not a weekday of the month.", out error);
                            ordinal = o;
                        }
                        byDay.Add(new ByDayEntry((DayOfWeek)dayIndex, ordinal));
                    }
                    break;
                case "BYMONTHDAY":
                    foreach (var item in value.Split(','))
                    {
                        if (!int.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) || d == 0 || d is < -31 or > 31)
                            return Fail($"\"{item}\" is not a day of the month.", out error);
                        byMonthDay.Add(d);
                    }
                    break;
                case "BYMONTH":
                    foreach (var item in value.Split(','))
                    {
                        if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
                            return Fail($"\"{item}\" is not a month.", out error);
                        byMonth.Add(m);
                    }
                    break;
                default:
                    return Fail($"The rule part {key} is not supported.", out error);
            }
        }
        if (frequency is null) return Fail("The rule has no FREQ.", out error);
        if (count is not null && (untilUtc is not null || untilLocal is not null)) return Fail("A rule ends either after a count or on a date, not both.", out error);
        if (byDay.Any(d => d.Ordinal is not null) && frequency is not (RecurrenceFrequency.Monthly or RecurrenceFrequency.Yearly))
            return Fail("A numbered weekday (like 1FR) only works with monthly or yearly rules.", out error);
        if (frequency == RecurrenceFrequency.Yearly && byDay.Count > 0 && byMonth.Count == 0)
            return Fail("A yearly rule on weekdays needs a month.", out error);
        if (frequency == RecurrenceFrequency.Weekly && byMonthDay.Count > 0)
            return Fail("A weekly rule cannot have days of the month.", out error);
        rule = new RRule(frequency.Value, interval, Distinct(byDay), byMonthDay.Distinct().ToList(), byMonth.Distinct().Order().ToList(), count, untilUtc, untilLocal, weekStart);
        return true;
    }

    /// <summary>The canonical RRULE text (no "RRULE:" prefix).</summary>
    public override string ToString()
    {
        var s = new StringBuilder("FREQ=").Append(Frequency.ToString().ToUpperInvariant());
        if (Interval != 1) s.Append(";INTERVAL=").Append(Interval.ToString(CultureInfo.InvariantCulture));
        if (ByDay.Count > 0) s.Append(";BYDAY=").AppendJoin(',', ByDay.Select(d => (d.Ordinal?.ToString(CultureInfo.InvariantCulture) ?? "") + DayCode(d.Day)));
        if (ByMonthDay.Count > 0) s.Append(";BYMONTHDAY=").AppendJoin(',', ByMonthDay.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        if (ByMonth.Count > 0) s.Append(";BYMONTH=").AppendJoin(',', ByMonth.Select(m => m.ToString(CultureInfo.InvariantCulture)));
        if (Count is { } c) s.Append(";COUNT=").Append(c.ToString(CultureInfo.InvariantCulture));
        if (UntilUtc is { } u) s.Append(";UNTIL=").Append(u.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        else if (UntilLocal is { } l) s.Append(";UNTIL=").Append(l.TimeOfDay == TimeSpan.Zero ? l.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : l.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
        if (WeekStart != DayOfWeek.Monday) s.Append(";WKST=").Append(DayCode(WeekStart));
        return s.ToString();
    }

    /// <summary>This rule without its end (neither COUNT nor UNTIL).</summary>
    public RRule Endless() => this with { Count = null, UntilUtc = null, UntilLocal = null };

    private static List<ByDayEntry> Distinct(List<ByDayEntry> days) =>
        days.Distinct().OrderBy(d => ((int)d.Day + 6) % 7).ThenBy(d => d.Ordinal ?? 0).ToList();

    private static bool TryParseUntil(string value, out DateTime? utc, out DateTime? local)
    {
        utc = local = null;
        if (value.Length == 8 && DateTime.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            local = date;
            return true;
        }
        if (value.EndsWith('Z') && DateTime.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var u))
        {
            utc = DateTime.SpecifyKind(u, DateTimeKind.Utc);
            return true;
        }
        if (DateTime.TryParseExact(value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var l))
        {
            local = l;
            return true;
        }
        return false;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
