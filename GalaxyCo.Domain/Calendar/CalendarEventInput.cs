using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Crm;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Calendar;

/// <summary>An <see cref="EventInput"/> validated and normalised: UTC instants, a canonical RRULE, clean lists.</summary>
internal sealed record CheckedEventInput(
    string Title,
    string? Description,
    string? Location,
    string? MeetingUrl,
    DateTime Start,
    DateTime End,
    bool IsAllDay,
    string Timezone,
    TimeZoneInfo Zone,
    RecurrenceInput? Recurrence,
    string? RecurrenceRule,
    Guid? CustomerId,
    Guid? ProjectId,
    List<string> Tags,
    List<EventReminder> Reminders,
    List<AttendeeInput> Attendees)
{
    public TimeSpan Duration => End - Start;

    /// <summary>The RRULE for this input with the series starting at <paramref name="seriesStart"/> (weekday defaults follow the start).</summary>
    public string? RuleFor(DateTime seriesStart) =>
        Recurrence is null ? null : CalendarRecurrence.ToRRule(Recurrence, seriesStart, Timezone, IsAllDay);
}

/// <summary>Validates event input at the service boundary, one message per field (keys match <see cref="EventInput"/> in camelCase).</summary>
internal static class CalendarEventInput
{
    public const int TitleMaxLength = 300;
    public const int MaxAttendees = 200;
    public const int MaxReminders = 5;
    public const int MaxReminderMinutes = 4 * 7 * 24 * 60;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    public static async Task<(CheckedEventInput? Value, Result? Invalid)> CheckAsync(GalaxyDbContext db, EventInput input, CancellationToken ct)
    {
        var check = new CrmInputCheck();
        var value = Check(input, check);
        if (input.CustomerId is { } customer && !await db.Customers.AnyAsync(c => c.Id == customer, ct)) check.Add("customerId", "That customer was not found.");
        if (input.ProjectId is { } project && !await db.Projects.AnyAsync(p => p.Id == project, ct)) check.Add("projectId", "That project was not found.");
        return check.Failed ? (null, check.Invalid()) : (value, null);
    }

    /// <summary>Checks everything but references to other rows (used by the .ics import too).</summary>
    public static CheckedEventInput? Check(EventInput input, CrmInputCheck check)
    {
        var title = check.Required("title", input.Title, TitleMaxLength, "Give the event a title.");
        var description = check.Optional("description", input.Description, 20_000);
        var location = check.Optional("location", input.Location, 500);
        var meetingUrl = check.Url("meetingUrl", input.MeetingUrl);
        var tags = check.Tags("tags", input.Tags);
        var timezone = (input.Timezone ?? "").Trim();
        var zone = CalendarTime.FindZone(timezone);
        if (zone is null) check.Add("timezone", "Pick a valid time zone, like America/Chicago.");

        DateTime start, end;
        if (input.IsAllDay)
        {
            var first = DateOnly.FromDateTime(input.Start);
            var after = DateOnly.FromDateTime(input.End);
            if (after <= first) after = first.AddDays(1);
            start = CalendarTime.DateAsUtc(first);
            end = CalendarTime.DateAsUtc(after);
        }
        else
        {
            start = CalendarTime.AsUtc(input.Start);
            end = CalendarTime.AsUtc(input.End);
            if (end <= start) check.Add("end", "The end must be after the start.");
        }
        if (start.Year is < 1900 or > 2200) check.Add("start", "Pick a date between 1900 and 2200.");
        if (end - start > MaxDuration) check.Add("end", "An event can last at most a year.");

        string? rule = null;
        if (input.Recurrence is { } recurrence && zone is not null && !check.Has("start"))
        {
            var firstDay = DateOnly.FromDateTime(input.IsAllDay ? start : CalendarTime.ToLocal(start, zone));
            foreach (var (field, message) in CalendarRecurrence.Validate(recurrence, firstDay)) check.Add(field, message);
            if (!check.Has("recurrence.frequency"))
            {
                rule = CalendarRecurrence.ToRRule(recurrence, start, timezone, input.IsAllDay);
                if (!RoundTrips(rule)) check.Add("recurrence", "This repeat rule cannot be saved; simplify it.");
            }
        }

        var reminders = new List<EventReminder>();
        foreach (var r in input.Reminders ?? [])
        {
            if (r.MinutesBefore is < 0 or > MaxReminderMinutes) check.Add("reminders", "A reminder can be from 0 minutes to 4 weeks before.");
            else if (r.Method is not (ReminderMethods.Notification or ReminderMethods.Email)) check.Add("reminders", "A reminder is a notification or an email.");
            else if (!reminders.Any(x => x.MinutesBefore == r.MinutesBefore && x.Method == r.Method))
                reminders.Add(new EventReminder { MinutesBefore = r.MinutesBefore, Method = r.Method });
        }
        if (reminders.Count > MaxReminders) check.Add("reminders", $"Use at most {MaxReminders} reminders.");

        var attendees = new List<AttendeeInput>();
        foreach (var a in input.Attendees ?? [])
        {
            var email = check.Email("attendees", a.Email, required: true);
            var name = check.Optional("attendees", a.Name, 200);
            if (email is not null && !attendees.Any(x => string.Equals(x.Email, email, StringComparison.OrdinalIgnoreCase)))
                attendees.Add(new AttendeeInput(email, name));
        }
        if (attendees.Count > MaxAttendees) check.Add("attendees", $"Invite at most {MaxAttendees} people.");

        if (check.Failed) return null;
        return new CheckedEventInput(title, description, location, meetingUrl, start, end, input.IsAllDay, timezone, zone!, input.Recurrence, rule,
            input.CustomerId, input.ProjectId, tags, reminders, attendees);
    }

    /// <summary>Our rule must read back the same through Ical.Net and through our own expander.</summary>
    public static bool RoundTrips(string rule)
    {
        try
        {
            var pattern = new Ical.Net.DataTypes.RecurrencePattern(rule);
            return RRule.TryParse(pattern.ToString(), out var again, out _) && RRule.TryParse(rule, out var ours, out _) && again.ToString() == ours.ToString();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
