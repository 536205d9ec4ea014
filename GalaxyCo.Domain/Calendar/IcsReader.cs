using System.Text;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Crm;
using Ical.Net.DataTypes;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace GalaxyCo.Domain.Calendar;

/// <summary>One VEVENT read from an upload: its preview line and, when importable, the rows to write.</summary>
internal sealed record IcsParsedItem(IcsPreviewItem Preview, CalendarEvent? Event, List<CalendarEventException> Exceptions);

/// <summary>
/// Reads an uploaded .ics defensively: size and event-count limits are checked on the raw text before the parser
/// runs, parse errors become one clear message, and each VEVENT is checked on its own (missing DTSTART, unsupported
/// rule, bad values) so one bad item never sinks the rest.
/// </summary>
internal static class IcsReader
{
    public static (string? Error, List<IcsParsedItem> Items) Read(string content, string defaultTimezone, int maxBytes, int maxEvents)
    {
        if (string.IsNullOrWhiteSpace(content)) return ("The file is empty.", []);
        if (Encoding.UTF8.GetByteCount(content) > maxBytes) return ($"The file is larger than {maxBytes / 1024 / 1024} MB.", []);
        if (!content.Contains("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase)) return ("This is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR.", []);
        var declared = CountOccurrences(content, "BEGIN:VEVENT");
        if (declared > maxEvents) return ($"The file has {declared:N0} events; import at most {maxEvents:N0} at a time.", []);
        IcalCalendar? calendar;
        try
        {
            calendar = IcalCalendar.Load(content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ($"The file could not be read as iCalendar ({Short(e.Message)}). Export it again from your calendar app.", []);
        }
        if (calendar is null) return ("The file could not be read as iCalendar: it holds no calendar.", []);

        var masters = calendar.Events.Where(e => e.RecurrenceIdentifier is null).ToList();
        var overrides = calendar.Events.Where(e => e.RecurrenceIdentifier is not null).ToLookup(e => e.Uid ?? "");
        var items = new List<IcsParsedItem>();
        var seenUids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < masters.Count; i++)
        {
            var vevent = masters[i];
            var uid = vevent.Uid;
            if (uid is not null && !seenUids.Add(uid))
            {
                items.Add(Skip(i, vevent, "The same UID appears twice in the file."));
                continue;
            }
            items.Add(ReadOne(i, vevent, uid is null ? [] : overrides[uid], defaultTimezone));
        }
        return (null, items);
    }

    private static IcsParsedItem ReadOne(int index, IcalEvent vevent, IEnumerable<IcalEvent> overrides, string defaultTimezone)
    {
        try
        {
            if (vevent.DtStart is null) return Skip(index, vevent, "Missing DTSTART (no start time).");
            var allDay = !vevent.DtStart.HasTime;
            var timezone = ZoneOf(vevent.DtStart, defaultTimezone);
            var start = UtcOf(vevent.DtStart, timezone);
            DateTime end;
            if (vevent.DtEnd is not null) end = UtcOf(vevent.DtEnd, timezone);
            else if (vevent.Duration is { } d) end = allDay ? start.AddDays((d.Weeks ?? 0) * 7 + (d.Days ?? 0)) : start + d.ToTimeSpan(vevent.DtStart);
            else end = allDay ? start.AddDays(1) : start.AddHours(1);
            if (!allDay && end <= start) end = start.AddHours(1);

            string? rule = null;
            // The obsolete members are the only way to see a second RRULE or an EXRULE, which we must refuse, not drop.
#pragma warning disable CS0618
            var rules = vevent.RecurrenceRules.Count;
            var exrules = vevent.ExceptionRules.Count;
#pragma warning restore CS0618
            if (rules > 1) return Skip(index, vevent, "Unsupported repeat rule: more than one RRULE.");
            if (vevent.RecurrenceDates.GetAllDates().Any()) return Skip(index, vevent, "Unsupported repeat rule: extra dates (RDATE).");
            if (exrules > 0) return Skip(index, vevent, "Unsupported repeat rule: EXRULE.");
            if (vevent.RecurrenceRule is { } pattern)
            {
                if (!RRule.TryParse(pattern.ToString(), out var parsed, out var why)) return Skip(index, vevent, "Unsupported repeat rule: " + why);
                rule = parsed.ToString();
            }

            var check = new CrmInputCheck();
            var input = new EventInput
            {
                Title = Clip(vevent.Summary, CalendarEventInput.TitleMaxLength) ?? "(no title)",
                Description = Clip(vevent.Description, 20_000),
                Location = Clip(vevent.Location, 500),
                MeetingUrl = vevent.Url?.IsAbsoluteUri == true && vevent.Url.Scheme is "http" or "https" ? vevent.Url.ToString() : null,
                Start = start,
                End = end,
                IsAllDay = allDay,
                Timezone = timezone,
                Tags = vevent.Categories.Select(c => Clip(c, CrmInputCheck.MaxTagLength)!).Where(c => c.Length > 0).Take(CrmInputCheck.MaxTags).ToList(),
                Attendees = vevent.Attendees
                    .Where(a => a.Value?.Scheme == "mailto")
                    .Select(a => new AttendeeInput(a.Value!.OriginalString[7..], Clip(a.CommonName, 200)))
                    .Take(CalendarEventInput.MaxAttendees).ToList(),
                Reminders = vevent.Alarms
                    .Where(a => a.Trigger?.Duration is { } t && t.Sign <= 0)
                    .Select(a => new ReminderInput((int)Math.Round(-a.Trigger!.Duration!.Value.ToTimeSpanUnspecified().TotalMinutes),
                        string.Equals(a.Action, "EMAIL", StringComparison.OrdinalIgnoreCase) ? ReminderMethods.Email : ReminderMethods.Notification))
                    .Where(r => r.MinutesBefore is >= 0 and <= CalendarEventInput.MaxReminderMinutes)
                    .Take(CalendarEventInput.MaxReminders).ToList(),
            };
            var value = CalendarEventInput.Check(input, check);
            if (value is null)
            {
                var reason = check.Invalid().Message ?? "Invalid values.";
                return Skip(index, vevent, (reason.Contains("between 1900", StringComparison.Ordinal) || reason.Contains("at most a year", StringComparison.Ordinal) ? "Outside limits: " : "Invalid: ") + reason);
            }
            var e = new CalendarEvent();
            CalendarEventRows.Apply(e, value, value.Start, []);
            var statuses = vevent.Attendees.Where(a => a.Value?.Scheme == "mailto").ToDictionary(a => a.Value!.OriginalString[7..], a => a.ParticipationStatus, StringComparer.OrdinalIgnoreCase);
            foreach (var a in e.Attendees)
                if (statuses.TryGetValue(a.Email, out var partstat) && partstat is not null && AttendeeStatus.All.Contains(partstat.Replace('-', '_').ToLowerInvariant()))
                    a.Status = partstat.Replace('-', '_').ToLowerInvariant();
            e.RecurrenceRule = rule;
            e.IsRecurring = rule is not null;
            var exceptions = new List<CalendarEventException>();
            if (rule is not null)
            {
                foreach (var exdate in vevent.ExceptionDates.GetAllDates())
                {
                    var key = UtcOf(exdate, timezone);
                    if (exceptions.All(x => x.OriginalStart != key)) exceptions.Add(new CalendarEventException { EventId = e.Id, OriginalStart = key, IsCancelled = true });
                }
                foreach (var o in overrides)
                {
                    if (o.RecurrenceIdentifier?.StartTime is not { } rid || o.DtStart is null) continue;
                    var key = UtcOf(rid, timezone);
                    if (exceptions.Any(x => x.OriginalStart == key)) continue;
                    var oStart = UtcOf(o.DtStart, timezone);
                    var oEnd = o.DtEnd is not null ? UtcOf(o.DtEnd, timezone) : oStart + e.EndTime.Subtract(e.StartTime);
                    if (oEnd <= oStart) continue;
                    exceptions.Add(new CalendarEventException
                    {
                        EventId = e.Id,
                        OriginalStart = key,
                        Title = o.Summary == vevent.Summary ? null : Clip(o.Summary, CalendarEventInput.TitleMaxLength),
                        Description = o.Description == vevent.Description ? null : Clip(o.Description, 20_000),
                        Location = o.Location == vevent.Location ? null : Clip(o.Location, 500),
                        StartTime = oStart,
                        EndTime = oEnd,
                        IsCancelled = string.Equals(o.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase),
                    });
                }
            }
            CalendarEventRows.RefreshOccursUntil(e, exceptions);
            var preview = new IcsPreviewItem(index, vevent.Uid, e.Title, e.StartTime, e.IsAllDay, rule, null);
            return new IcsParsedItem(preview, e, exceptions);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException or NullReferenceException)
        {
            return Skip(index, vevent, "Invalid: " + Short(ex.Message));
        }
    }

    /// <summary>An IANA zone for the item: its TZID when we know it (Windows names are translated), else the workspace default.</summary>
    private static string ZoneOf(CalDateTime value, string defaultTimezone)
    {
        if (value.TzId is { Length: > 0 } tz && !value.IsUtc)
        {
            if (CalendarTime.FindZone(tz) is not null && TimeZoneInfo.TryConvertIanaIdToWindowsId(tz, out _)) return tz;
            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(tz, out var iana) && CalendarTime.FindZone(iana) is not null) return iana;
            if (CalendarTime.FindZone(tz) is not null) return tz;
        }
        return defaultTimezone;
    }

    /// <summary>UTC of a DTSTART-like value: dates become midnight UTC (all-day), floating times are read in <paramref name="timezone"/>.</summary>
    private static DateTime UtcOf(CalDateTime value, string timezone)
    {
        if (!value.HasTime) return CalendarTime.DateAsUtc(value.Date);
        if (value.IsUtc) return DateTime.SpecifyKind(value.Value, DateTimeKind.Utc);
        if (value.TzId is { Length: > 0 } && !value.IsFloating)
        {
            try
            {
                return DateTime.SpecifyKind(value.AsUtc, DateTimeKind.Utc);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                // An unknown TZID: read the wall clock in the item's zone below.
            }
        }
        var zone = CalendarTime.FindZone(timezone) ?? TimeZoneInfo.Utc;
        return CalendarTime.ToUtc(value.Value, zone);
    }

    private static IcsParsedItem Skip(int index, IcalEvent vevent, string reason)
    {
        DateTime? start = null;
        try
        {
            if (vevent.DtStart is { } s) start = s.HasTime ? (s.IsUtc ? s.Value : s.Value) : CalendarTime.DateAsUtc(s.Date);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            start = null;
        }
        var rule = vevent.RecurrenceRule?.ToString();
        return new IcsParsedItem(new IcsPreviewItem(index, vevent.Uid, Clip(vevent.Summary, 300) ?? "(no title)", start, vevent.DtStart is { HasTime: false }, rule, reason), null, []);
    }

    private static int CountOccurrences(string text, string needle)
    {
        var count = 0;
        for (var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.OrdinalIgnoreCase)) count++;
        return count;
    }

    private static string? Clip(string? value, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return text.Length <= max ? text : text[..max];
    }

    private static string Short(string message) => message.Length <= 160 ? message : message[..160] + "…";
}
