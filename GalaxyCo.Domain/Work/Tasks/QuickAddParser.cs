using System.Globalization;
using System.Text.RegularExpressions;
using GalaxyCo.Data;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>
/// Reads a task typed in one line, the way Todoist and Linear do: "Call Bob tomorrow 3pm !high @anna #acme" is the
/// title "Call Bob", due tomorrow at 15:00 in the person's zone, high priority, assigned to Anna, tagged "acme".
/// Pure (the clock, zone and members come in <see cref="QuickAddContext"/>), so the page can preview every keystroke.
/// </summary>
/// <remarks>
/// Dates: today, tomorrow (tmr, tmrw), weekday names (the next one after today; "next friday" is the same day),
/// "next week" (next Monday), "in 3 days" / "in 2 weeks" / "in a month", "dec 5" / "5 dec" / "december 5th" (next
/// year once passed), "5/12" (US: May 12) or "5/12/2027", "2026-12-05". Times: 3pm, 3:30pm, "3 pm", 15:00, noon,
/// midnight. A time alone means today, or tomorrow once that time has passed. A date alone is the start of that day.
/// A wall time that does not exist (the hour skipped in spring) moves forward by the skipped hour; one that occurs
/// twice (the hour repeated in autumn) is the first of the two. The first date and the first time win; a later
/// one stays in the title. "on", "by", "due" before a date and "at" before a time are dropped with it.
/// Priority: !low !medium !high !urgent (also !1 urgent … !4 low, Todoist's order). Assignee: @first-name or
/// @email-local-part, case-insensitive. Tags: #word.
/// </remarks>
public static partial class QuickAddParser
{
    public const int MaxLength = 500;

    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static QuickAddResult Parse(string? text, QuickAddContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = text ?? "";
        if (raw.Length > MaxLength) raw = raw[..MaxLength];
        var words = raw.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var used = new bool[words.Length];
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokens = new List<QuickAddToken>();
        var tags = new List<string>();
        TaskPriority? priority = null;
        QuickAddMember? assignee = null;
        DateOnly? date = null;
        TimeOnly? time = null;
        string? dateText = null, timeText = null;

        var nowLocal = TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime;
        var today = DateOnly.FromDateTime(nowLocal);

        for (var i = 0; i < words.Length; i++)
        {
            if (used[i]) continue;
            var word = words[i];
            var clean = Clean(word);
            if (clean.Length > 1 && clean[0] == '!' && priority is null && PriorityOf(clean[1..]) is { } p)
            {
                priority = p;
                used[i] = true;
                tokens.Add(new QuickAddToken(QuickAddPart.Priority, word, p.ToString()));
                continue;
            }
            if (clean.Length > 1 && clean[0] == '#' && TagShape().IsMatch(clean[1..]))
            {
                used[i] = true;
                var tag = clean[1..];
                if (tag.Length > 40) errors.TryAdd("tags", $"Keep each tag to 40 characters or fewer (#{tag[..20]}… is longer).");
                else if (!tags.Contains(tag))
                {
                    tags.Add(tag);
                    tokens.Add(new QuickAddToken(QuickAddPart.Tag, word, tag));
                }
                continue;
            }
            if (clean.Length > 1 && clean[0] == '@' && MentionShape().IsMatch(clean[1..]))
            {
                used[i] = true;
                var handle = clean[1..];
                if (assignee is not null)
                {
                    errors.TryAdd("assignedTo", $"A task has one assignee: keep @{Handle(assignee)} or @{handle}, not both.");
                    continue;
                }
                var matches = context.Members.Where(m => Matches(m, handle)).DistinctBy(m => m.UserId).ToList();
                if (matches.Count == 1)
                {
                    assignee = matches[0];
                    tokens.Add(new QuickAddToken(QuickAddPart.Assignee, word, assignee.Name));
                }
                else if (matches.Count == 0)
                    errors.TryAdd("assignedTo", $"No member matches @{handle}. Use a first name or the part of an email before the @.");
                else
                    errors.TryAdd("assignedTo", $"@{handle} matches {matches.Count} members ({string.Join(", ", matches.Select(m => m.Name))}); use the part of their email before the @.");
                continue;
            }
            if (date is null && TryDate(words, i, today, out var d, out var dateWords))
            {
                date = d;
                dateText = Consume(words, used, i, dateWords, "on", "by", "due");
                continue;
            }
            if (time is null && TryTime(words, i, out var t, out var timeWords))
            {
                time = t;
                timeText = Consume(words, used, i, timeWords, "at");
            }
        }

        DateTime? dueLocal = null;
        if (date is not null || time is not null)
        {
            var day = date ?? today;
            var local = day.ToDateTime(time ?? TimeOnly.MinValue);
            if (date is null && local <= nowLocal) local = local.AddDays(1);
            dueLocal = local;
            var typed = string.Join(' ', new[] { dateText, timeText }.Where(s => s is not null));
            tokens.Insert(0, new QuickAddToken(QuickAddPart.Due, typed, Describe(local, time is not null, today)));
        }

        var title = string.Join(' ', words.Where((_, i) => !used[i]));
        if (title.Length == 0) errors.TryAdd("title", "Type what the task is, e.g. \"Call Bob tomorrow 3pm\".");

        return new QuickAddResult
        {
            Title = title,
            DueLocal = dueLocal,
            DueDate = dueLocal is { } l ? GalaxyCo.Domain.Calendar.CalendarTime.ToUtc(l, context.Zone) : null,
            DueHasTime = time is not null,
            Priority = priority,
            AssignedTo = assignee?.UserId,
            AssigneeName = assignee?.Name,
            Tags = tags,
            Tokens = tokens,
            Errors = errors,
        };
    }

    /// <summary>"Today, 3:00 PM", "Tomorrow", "Fri, Mar 6" or "Fri, Mar 6, 2027".</summary>
    public static string Describe(DateTime local, bool hasTime, DateOnly today)
    {
        var day = DateOnly.FromDateTime(local);
        var label = day == today ? "Today"
            : day == today.AddDays(1) ? "Tomorrow"
            : day.Year == today.Year ? local.ToString("ddd, MMM d", CultureInfo.InvariantCulture)
            : local.ToString("ddd, MMM d, yyyy", CultureInfo.InvariantCulture);
        return hasTime ? $"{label}, {local.ToString("h:mm tt", CultureInfo.InvariantCulture)}" : label;
    }

    private static string Consume(string[] words, bool[] used, int start, int count, params string[] prepositions)
    {
        for (var k = start; k < start + count; k++) used[k] = true;
        var first = start;
        if (start > 0 && !used[start - 1] && prepositions.Contains(Clean(words[start - 1])))
        {
            used[start - 1] = true;
            first = start - 1;
        }
        return string.Join(' ', words[first..(start + count)]);
    }

    private static bool TryDate(string[] words, int i, DateOnly today, out DateOnly date, out int count)
    {
        date = default;
        count = 1;
        var w = Clean(words[i]);
        var next = i + 1 < words.Length ? Clean(words[i + 1]) : null;
        var third = i + 2 < words.Length ? Clean(words[i + 2]) : null;
        switch (w)
        {
            case "today" or "tod":
                date = today;
                return true;
            case "tomorrow" or "tmr" or "tmrw":
                date = today.AddDays(1);
                return true;
            case "next" when next == "week":
                date = NextWeekday(today, DayOfWeek.Monday);
                count = 2;
                return true;
            case "next" when next is not null && Weekday(next) is { } nextDay:
                date = NextWeekday(today, nextDay);
                count = 2;
                return true;
            case "in" when next is not null && third is not null && Amount(next) is { } n && n is > 0 and <= 999:
                DateOnly? moved = third switch
                {
                    "day" or "days" => today.AddDays(n),
                    "week" or "weeks" => today.AddDays(7 * n),
                    "month" or "months" => today.AddMonths(n),
                    _ => null,
                };
                if (moved is null) return false;
                date = moved.Value;
                count = 3;
                return true;
        }
        if (Weekday(w) is { } weekday)
        {
            date = NextWeekday(today, weekday);
            return true;
        }
        if (Month(w) is { } month && next is not null && DayNumber(next) is { } dayAfter)
        {
            count = 2;
            var year = third is not null && YearShape().IsMatch(third) ? int.Parse(third, CultureInfo.InvariantCulture) : (int?)null;
            if (year is not null) count = 3;
            return Calendar(today, year, month, dayAfter, out date);
        }
        if (DayNumber(w) is { } dayBefore && next is not null && Month(next) is { } monthAfter)
        {
            count = 2;
            return Calendar(today, null, monthAfter, dayBefore, out date);
        }
        if (SlashDate().Match(w) is { Success: true } slash)
        {
            var m = int.Parse(slash.Groups[1].Value, CultureInfo.InvariantCulture);
            var d = int.Parse(slash.Groups[2].Value, CultureInfo.InvariantCulture);
            int? y = slash.Groups[3].Success ? int.Parse(slash.Groups[3].Value, CultureInfo.InvariantCulture) : null;
            if (y < 100) y += 2000;
            return Calendar(today, y, m, d, out date);
        }
        if (IsoDate().Match(w) is { Success: true } iso)
        {
            return Calendar(today, int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture), out date);
        }
        return false;
    }

    /// <summary>A real calendar date; without a year, this year's unless it has passed, then next year's.</summary>
    private static bool Calendar(DateOnly today, int? year, int month, int day, out DateOnly date)
    {
        date = default;
        var y = year ?? today.Year;
        if (month is < 1 or > 12 || y is < 2000 or > 2200 || day < 1 || day > DateTime.DaysInMonth(y, month)) return false;
        date = new DateOnly(y, month, day);
        if (year is null && date < today)
        {
            if (day > DateTime.DaysInMonth(y + 1, month)) return false;
            date = new DateOnly(y + 1, month, day);
        }
        return true;
    }

    private static bool TryTime(string[] words, int i, out TimeOnly time, out int count)
    {
        time = default;
        count = 1;
        var w = Clean(words[i]);
        if (w == "noon") { time = new TimeOnly(12, 0); return true; }
        if (w == "midnight") { time = TimeOnly.MinValue; return true; }
        if (TwelveHour().Match(w) is { Success: true } twelve)
            return FromTwelve(twelve.Groups[1].Value, twelve.Groups[2].Value, twelve.Groups[3].Value, out time);
        if (i + 1 < words.Length && Clean(words[i + 1]) is "am" or "pm" or "a.m" or "p.m" && BareHour().Match(w) is { Success: true } bare)
        {
            count = 2;
            return FromTwelve(bare.Groups[1].Value, bare.Groups[2].Value, Clean(words[i + 1]), out time);
        }
        if (TwentyFourHour().Match(w) is { Success: true } twentyFour)
        {
            var h = int.Parse(twentyFour.Groups[1].Value, CultureInfo.InvariantCulture);
            var m = int.Parse(twentyFour.Groups[2].Value, CultureInfo.InvariantCulture);
            if (h > 23 || m > 59) return false;
            time = new TimeOnly(h, m);
            return true;
        }
        return false;
    }

    private static bool FromTwelve(string hour, string minute, string meridiem, out TimeOnly time)
    {
        time = default;
        var h = int.Parse(hour, CultureInfo.InvariantCulture);
        var m = minute.Length == 0 ? 0 : int.Parse(minute, CultureInfo.InvariantCulture);
        if (h is < 1 or > 12 || m > 59) return false;
        var pm = meridiem.StartsWith('p');
        time = new TimeOnly((h % 12) + (pm ? 12 : 0), m);
        return true;
    }

    private static TaskPriority? PriorityOf(string word) => word switch
    {
        "low" or "4" => TaskPriority.Low,
        "medium" or "med" or "normal" or "3" => TaskPriority.Medium,
        "high" or "2" => TaskPriority.High,
        "urgent" or "1" => TaskPriority.Urgent,
        _ => null,
    };

    private static bool Matches(QuickAddMember member, string handle)
    {
        if (string.Equals(member.FirstName?.Trim(), handle, StringComparison.OrdinalIgnoreCase)) return true;
        var at = member.Email.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? member.Email[..at] : member.Email;
        return string.Equals(local, handle, StringComparison.OrdinalIgnoreCase);
    }

    private static string Handle(QuickAddMember member) => (member.FirstName ?? member.Email.Split('@')[0]).ToLowerInvariant();

    private static DayOfWeek? Weekday(string word) => word switch
    {
        "monday" or "mon" => DayOfWeek.Monday,
        "tuesday" or "tue" or "tues" => DayOfWeek.Tuesday,
        "wednesday" or "wed" => DayOfWeek.Wednesday,
        "thursday" or "thu" or "thur" or "thurs" => DayOfWeek.Thursday,
        "friday" or "fri" => DayOfWeek.Friday,
        "saturday" or "sat" => DayOfWeek.Saturday,
        "sunday" or "sun" => DayOfWeek.Sunday,
        _ => null,
    };

    /// <summary>The next <paramref name="day"/> strictly after <paramref name="today"/> ("monday" on a Monday is a week on).</summary>
    private static DateOnly NextWeekday(DateOnly today, DayOfWeek day)
    {
        var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(ahead == 0 ? 7 : ahead);
    }

    private static int? Month(string word)
    {
        if (word.Length < 3) return null;
        if (word == "sept") return 9;
        for (var m = 0; m < MonthNames.Length; m++)
        {
            if (MonthNames[m] == word || (word.Length == 3 && MonthNames[m].StartsWith(word, StringComparison.Ordinal))) return m + 1;
        }
        return null;
    }

    private static int? DayNumber(string word) =>
        DayShape().Match(word) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static int? Amount(string word) => word switch
    {
        "a" or "an" or "one" => 1,
        "two" => 2,
        "three" => 3,
        _ => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
    };

    /// <summary>Lower case, without the trailing punctuation of a sentence ("friday," → "friday").</summary>
    private static string Clean(string word) => word.TrimEnd(',', ';', '.', ')').TrimStart('(').ToLowerInvariant() is { Length: > 0 } c ? c : word.ToLowerInvariant();

    [GeneratedRegex(@"^[\p{L}\p{N}_\-/]+$")]
    private static partial Regex TagShape();

    [GeneratedRegex(@"^[\p{L}\p{N}_\-.+']+$")]
    private static partial Regex MentionShape();

    [GeneratedRegex(@"^(\d{1,2})(?:st|nd|rd|th)?$")]
    private static partial Regex DayShape();

    [GeneratedRegex(@"^(20\d\d)$")]
    private static partial Regex YearShape();

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(\d{1,2})(?::(\d{2}))?(am|pm|a|p)$")]
    private static partial Regex TwelveHour();

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})$")]
    private static partial Regex TwentyFourHour();

    [GeneratedRegex(@"^(\d{1,2})(?::(\d{2}))?$")]
    private static partial Regex BareHour();
}
