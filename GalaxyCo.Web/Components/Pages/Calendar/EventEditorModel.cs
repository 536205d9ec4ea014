using System.Net.Mail;
using GalaxyCo.Domain.Calendar;

namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>An attendee row in the editor, with the answer they gave so far.</summary>
public sealed record EditorAttendee(string Email, string? Name, string Status, Guid? UserId);

/// <summary>A reminder row in the editor.</summary>
public sealed class EditorReminder
{
    public int MinutesBefore { get; set; } = 10;
    public string Method { get; set; } = ReminderMethods.Notification;
}

/// <summary>
/// The event editor's form: dates and times are wall-clock values in the event's own zone (<see cref="TimeZone"/>),
/// as the person reads them; <see cref="ToInput"/> turns them into the instants the domain stores.
/// </summary>
public sealed class EventEditorModel
{
    public static readonly IReadOnlyList<(int Minutes, string Label)> ReminderChoices =
        [(10, "10 minutes before"), (30, "30 minutes before"), (60, "1 hour before"), (1440, "1 day before")];

    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? Location { get; set; }
    public string? MeetingUrl { get; set; }
    public bool IsAllDay { get; set; }
    public DateTime? StartDate { get; set; }
    public TimeSpan? StartTime { get; set; }
    public DateTime? EndDate { get; set; }
    public TimeSpan? EndTime { get; set; }
    public string TimeZone { get; set; } = CalendarZone.DefaultId;
    public Guid? CustomerId { get; set; }
    public string? CustomerName { get; set; }
    public Guid? ProjectId { get; set; }
    public IReadOnlyList<string> Tags { get; set; } = [];
    public List<EditorAttendee> Attendees { get; } = [];
    public List<EditorReminder> Reminders { get; } = [];
    public RecurrenceEditorModel Recurrence { get; set; } = new();

    public DateOnly FirstDay => DateOnly.FromDateTime(StartDate ?? DateTime.Today);

    /// <summary>A new event over a wall-clock slot of the given zone.</summary>
    public static EventEditorModel ForSlot(DateTime localStart, DateTime localEnd, bool allDay, string zone)
    {
        var model = new EventEditorModel { IsAllDay = allDay, TimeZone = zone };
        model.SetStart(localStart);
        model.SetEnd(allDay ? localEnd.AddDays(-1) : localEnd);
        model.Reminders.Add(new EditorReminder { MinutesBefore = 10 });
        return model;
    }

    /// <summary>The editor over an existing event; <paramref name="occurrence"/> shows that occurrence's times.</summary>
    public static EventEditorModel From(EventView e, CalendarItem? occurrence)
    {
        var zone = CalendarZone.Resolve(e.Timezone);
        var model = new EventEditorModel
        {
            Title = e.Title, Description = e.Description, Location = e.Location, MeetingUrl = e.MeetingUrl, IsAllDay = e.IsAllDay,
            TimeZone = zone.Id, CustomerId = e.CustomerId, ProjectId = e.ProjectId, Tags = e.Tags,
            Recurrence = RecurrenceEditorModel.From(e.Recurrence),
        };
        if (e.IsAllDay)
        {
            var first = occurrence?.FirstDay ?? e.AllDayDate ?? DateOnly.FromDateTime(e.Start);
            var last = occurrence?.LastDay ?? e.AllDayLastDate ?? first;
            model.SetStart(first.ToDateTime(TimeOnly.MinValue));
            model.SetEnd(last.ToDateTime(TimeOnly.MinValue));
        }
        else
        {
            model.SetStart(zone.ToLocal(occurrence?.StartUtc ?? e.Start));
            model.SetEnd(zone.ToLocal(occurrence?.EndUtc ?? e.End));
        }
        model.Attendees.AddRange(e.Attendees.Select(a => new EditorAttendee(a.Email, a.Name, a.Status, a.UserId)));
        model.Reminders.AddRange(e.Reminders.Select(r => new EditorReminder { MinutesBefore = r.MinutesBefore, Method = r.Method }));
        return model;
    }

    public void SetStart(DateTime local)
    {
        StartDate = local.Date;
        StartTime = local.TimeOfDay;
    }

    public void SetEnd(DateTime local)
    {
        EndDate = local.Date;
        EndTime = local.TimeOfDay;
    }

    public DateTime? LocalStart => StartDate is { } d ? d.Date + (IsAllDay ? TimeSpan.Zero : StartTime ?? TimeSpan.Zero) : null;
    public DateTime? LocalEnd => EndDate is { } d ? d.Date + (IsAllDay ? TimeSpan.Zero : EndTime ?? TimeSpan.Zero) : null;

    /// <summary>Turning all-day on keeps the dates; turning it off gives the day a 09:00–10:00 slot.</summary>
    public void ToggleAllDay(bool allDay)
    {
        if (IsAllDay == allDay) return;
        IsAllDay = allDay;
        if (!allDay)
        {
            StartTime = TimeSpan.FromHours(9);
            EndDate = StartDate;
            EndTime = TimeSpan.FromHours(10);
        }
        else if (EndDate < StartDate)
        {
            EndDate = StartDate;
        }
    }

    /// <summary>Moving the start keeps the length, as calendars do.</summary>
    public void MoveStart(DateTime? date, TimeSpan? time)
    {
        var before = LocalStart;
        var length = LocalEnd - before;
        StartDate = date ?? StartDate;
        StartTime = time ?? StartTime;
        if (LocalStart is { } start && length is { } l && l >= TimeSpan.Zero) SetEndKeepingMode(start + l);
    }

    private void SetEndKeepingMode(DateTime end)
    {
        EndDate = end.Date;
        if (!IsAllDay) EndTime = end.TimeOfDay;
    }

    /// <summary>Checks the form the way the service will, so messages appear next to the fields at once.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(Title)) errors["title"] = "Give the event a title.";
        else if (Title.Trim().Length > 300) errors["title"] = "Keep the title under 300 characters.";
        if (StartDate is null || (!IsAllDay && StartTime is null)) errors["start"] = "Pick when it starts.";
        if (EndDate is null || (!IsAllDay && EndTime is null)) errors["end"] = "Pick when it ends.";
        else if (LocalStart is { } s && LocalEnd is { } e && (IsAllDay ? e < s : e <= s)) errors["end"] = "The end must be after the start.";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _)) errors["timezone"] = "Pick a time zone from the list.";
        if (!string.IsNullOrWhiteSpace(MeetingUrl) && !(Uri.TryCreate(MeetingUrl.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
            errors["meetingUrl"] = "Enter a full link starting with https://.";
        if (Recurrence.Validate(FirstDay) is { } recurrence) errors["recurrence"] = recurrence;
        return errors;
    }

    public static bool IsEmail(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains(' ', StringComparison.Ordinal)) return false;
        return MailAddress.TryCreate(text.Trim(), out var address) && address.Address == text.Trim() && address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>The domain's input: instants in UTC for timed events; for all-day ones the dates alone (End = the day after the last).</summary>
    public EventInput ToInput()
    {
        DateTime start, end;
        if (IsAllDay)
        {
            var first = StartDate!.Value.Date;
            var last = EndDate!.Value.Date < first ? first : EndDate.Value.Date;
            start = DateTime.SpecifyKind(first, DateTimeKind.Utc);
            end = DateTime.SpecifyKind(last.AddDays(1), DateTimeKind.Utc);
        }
        else
        {
            var zone = CalendarZone.Resolve(TimeZone).Zone;
            start = CalendarTime.ToUtc(LocalStart!.Value, zone);
            end = CalendarTime.ToUtc(LocalEnd!.Value, zone);
        }
        return new EventInput
        {
            Title = Title.Trim(),
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            Location = string.IsNullOrWhiteSpace(Location) ? null : Location.Trim(),
            MeetingUrl = string.IsNullOrWhiteSpace(MeetingUrl) ? null : MeetingUrl.Trim(),
            Start = start,
            End = end,
            IsAllDay = IsAllDay,
            Timezone = TimeZone,
            Recurrence = Recurrence.ToInput(FirstDay),
            CustomerId = CustomerId,
            ProjectId = ProjectId,
            Tags = Tags,
            Reminders = Reminders.Select(r => new ReminderInput(r.MinutesBefore, r.Method)).Distinct().ToList(),
            Attendees = Attendees.Select(a => new AttendeeInput(a.Email, a.Name)).ToList(),
        };
    }
}
