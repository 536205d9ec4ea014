using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Calendar;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// 40 events from three weeks back to four weeks ahead, in Chicago business hours: five recurring series (each
/// DTSTART falls on a day its RRULE produces), customer meetings with their contacts, project meetings and three all-day
/// events (stored as midnight UTC of their dates, as every all-day event is). The series carry a cancelled, a moved and
/// an edited occurrence; the owner has a calendar feed link and one reminder already went out.
/// </summary>
internal static class DemoCalendar
{
    private const int CustomerMeetings = 20;
    private const int ProjectMeetings = 8;

    private static readonly string[] MeetingKinds = ["Discovery call", "Product demo", "QBR", "Contract review", "Onboarding session", "Renewal check-in"];
    private static readonly string[] ProjectKinds = ["Sprint planning", "Kickoff", "Design review", "Status check-in", "UAT walkthrough"];
    private static readonly double[] MeetingHours = [9, 9.5, 10, 11, 13, 13.5, 14, 15, 16];

    public static void Build(DemoData d)
    {
        var today = DemoClock.LocalToday(d.Now);
        BuildSeries(d, today);
        BuildCustomerMeetings(d, today);
        BuildProjectMeetings(d, today);
        BuildInternal(d, today);
        BuildExceptions(d);
        foreach (var e in d.Events) CalendarEventRows.RefreshOccursUntil(e, e.Exceptions);
        BuildFeedAndReminders(d);
    }

    /// <summary>A cancelled team sync two weeks back, the next pipeline review moved an hour later, a standup in another room.</summary>
    private static void BuildExceptions(DemoData d)
    {
        var sync = d.Events.Single(e => e.Title == "Weekly team sync");
        var cancelled = Starts(d, sync).Last(s => s < d.Now.AddDays(-7));
        sync.Exceptions.Add(new CalendarEventException { WorkspaceId = d.WorkspaceId, EventId = sync.Id, OriginalStart = cancelled, IsCancelled = true, CreatedAt = cancelled.AddDays(-3) });

        var review = d.Events.Single(e => e.Title == "Pipeline review");
        var next = Starts(d, review).First(s => s > d.Now);
        review.Exceptions.Add(new CalendarEventException
        {
            WorkspaceId = d.WorkspaceId, EventId = review.Id, OriginalStart = next, Title = "Pipeline review (after the board prep)",
            StartTime = next.AddHours(1), EndTime = next.AddHours(1) + (review.EndTime - review.StartTime), CreatedAt = d.DaysAgo(1),
        });

        var standup = d.Events.Single(e => e.Title == "Daily standup");
        var moved = Starts(d, standup).First(s => s > d.Now.AddDays(2));
        standup.Exceptions.Add(new CalendarEventException { WorkspaceId = d.WorkspaceId, EventId = standup.Id, OriginalStart = moved, Location = "Nebula room", CreatedAt = d.DaysAgo(2) });
    }

    /// <summary>The owner's subscription link (its secret is not kept: create a new one to subscribe) and the last standup reminder sent.</summary>
    private static void BuildFeedAndReminders(DemoData d)
    {
        d.CalendarFeedTokens.Add(new CalendarFeedToken
        {
            WorkspaceId = d.WorkspaceId, UserId = d.Owner.UserId, CreatedAt = d.DaysAgo(12), LastUsedAt = d.DaysAgo(0.1),
            TokenHash = CalendarFeedService.Hash($"{d.WorkspaceId:N}.demo-{d.Random.AlphaNumeric(32)}"),
        });
        var standup = d.Events.Single(e => e.Title == "Daily standup");
        var last = Starts(d, standup).Last(s => s.AddMinutes(-10) < d.Now);
        d.CalendarReminderDeliveries.Add(new CalendarReminderDelivery
        {
            WorkspaceId = d.WorkspaceId, EventId = standup.Id, OccurrenceStart = last, MinutesBefore = 10, Method = ReminderMethods.Notification,
            CreatedAt = last.AddMinutes(-10),
        });
    }

    /// <summary>The series' occurrence starts from its first to 60 days from now.</summary>
    private static List<DateTime> Starts(DemoData d, CalendarEvent e)
    {
        if (!RRule.TryParse(e.RecurrenceRule, out var rule)) return [e.StartTime];
        var zone = CalendarTime.FindZone(e.Timezone) ?? TimeZoneInfo.Utc;
        return OccurrenceExpander.AllStarts(e.StartTime, e.IsAllDay, zone, rule).TakeWhile(s => s < d.Now.AddDays(60)).ToList();
    }

    private static void BuildSeries(DemoData d, DateTime today)
    {
        var team = d.Members.ToList();
        var firstMonday = DemoClock.OnOrBefore(today.AddDays(-56), DayOfWeek.Monday);
        Add(d, "Weekly team sync", firstMonday, 9.5, 30, team, "FREQ=WEEKLY;BYDAY=MO", tags: ["internal", "recurring"],
            meetingUrl: "https://meet.galaxyco.local/team-sync");
        Add(d, "Daily standup", DemoClock.OnOrBefore(today.AddDays(-30), DayOfWeek.Tuesday), 9, 15, [.. d.Doers], "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
            tags: ["internal", "recurring"], meetingUrl: "https://meet.galaxyco.local/standup");
        Add(d, "Pipeline review", DemoClock.OnOrBefore(today.AddDays(-42), DayOfWeek.Thursday), 14, 60, [d.Owner, d.Admin, d.Member], "FREQ=WEEKLY;BYDAY=TH",
            tags: ["sales", "recurring"], location: "Orion room");
        Add(d, $"1:1 {d.Owner.FirstName} / {d.Member.FirstName}", DemoClock.OnOrBefore(today.AddDays(-28), DayOfWeek.Wednesday), 11, 30, [d.Owner, d.Member],
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", tags: ["recurring"]);
        // First Friday of the month, starting three months back.
        var month = new DateTime(today.Year, today.Month, 1).AddMonths(-3);
        var firstFriday = month.AddDays(((int)DayOfWeek.Friday - (int)month.DayOfWeek + 7) % 7);
        Add(d, "Monthly all-hands", firstFriday, 15, 45, team, "FREQ=MONTHLY;BYDAY=1FR", tags: ["internal", "recurring"],
            meetingUrl: "https://meet.galaxyco.local/all-hands");
    }

    private static void BuildCustomerMeetings(DemoData d, DateTime today)
    {
        var customers = d.Customers.Where(c => c.Status is CustomerStatus.Active or CustomerStatus.Lead).ToList();
        for (var i = 0; i < CustomerMeetings; i++)
        {
            var customer = d.Random.ListItem(customers);
            var contacts = d.Random.Shuffle(d.Contacts.Where(c => c.CustomerId == customer.Id)).Take(d.Random.Int(1, 2)).ToList();
            var kind = customer.Status == CustomerStatus.Lead ? d.Random.ArrayElement(["Discovery call", "Product demo"]) : d.Random.ArrayElement(MeetingKinds);
            var day = DemoClock.Weekday(today.AddDays(d.Random.Int(-21, 28)));
            var remote = d.Random.Bool(0.7f);
            var host = customer.AssignedTo is { } a ? d.Members.First(m => m.UserId == a) : d.Owner;
            var internalPeople = host == d.Owner ? new List<DemoMember> { host } : [host, d.Owner];
            Add(d, $"{kind} — {customer.Name}", day, d.Random.ArrayElement(MeetingHours), d.Random.ArrayElement([30, 45, 60]), internalPeople,
                external: contacts.Select(c => (c.Email, $"{c.FirstName} {c.LastName}")).ToList(),
                tags: ["customer", kind == "Product demo" || kind == "Discovery call" ? "sales" : "account"],
                location: remote ? null : customer.Address.City is { } city ? $"{customer.Name}, {city}" : customer.Name,
                meetingUrl: remote ? $"https://meet.galaxyco.local/{d.Random.AlphaNumeric(10)}" : null,
                customerId: customer.Id, description: $"{kind} with {customer.Name}. Agenda: goals, current tooling, next steps.");
        }
    }

    private static void BuildProjectMeetings(DemoData d, DateTime today)
    {
        var live = d.Projects.Where(p => p.Status is ProjectStatus.InProgress or ProjectStatus.Planning).ToList();
        for (var i = 0; i < ProjectMeetings; i++)
        {
            var project = live[i % live.Count];
            var kind = project.Status == ProjectStatus.Planning ? "Kickoff" : d.Random.ArrayElement(ProjectKinds[1..]);
            var day = DemoClock.Weekday(today.AddDays(d.Random.Int(-14, 21)));
            var manager = d.Members.First(m => m.UserId == project.ManagerId);
            var people = new List<DemoMember> { manager };
            people.AddRange(d.Random.Shuffle(d.Doers.Where(m => m != manager)).Take(d.Random.Int(1, 2)));
            var contact = project.CustomerId is { } cid ? d.Contacts.First(c => c.CustomerId == cid) : null;
            Add(d, $"{kind} — {project.Name}", day, d.Random.ArrayElement(MeetingHours), 60, people,
                external: contact is null ? [] : [(contact.Email, $"{contact.FirstName} {contact.LastName}")],
                tags: ["project"], meetingUrl: $"https://meet.galaxyco.local/{d.Random.AlphaNumeric(10)}",
                customerId: project.CustomerId, projectId: project.Id);
        }
    }

    private static void BuildInternal(DemoData d, DateTime today)
    {
        Add(d, "Interview: Senior Full-Stack Engineer", DemoClock.Weekday(today.AddDays(2)), 13, 60, [d.Owner, d.Admin], tags: ["hiring"], location: "Nebula room");
        Add(d, "Interview: Customer Success Manager", DemoClock.Weekday(today.AddDays(-6)), 10, 45, [d.Admin, d.Member], tags: ["hiring"],
            meetingUrl: "https://meet.galaxyco.local/interview-csm");
        Add(d, "Lunch & learn: building AI agents", DemoClock.Weekday(today.AddDays(9)), 12, 60, [.. d.Members], tags: ["internal", "learning"],
            location: "Kitchen", description: "A tour of the Lead Qualifier and Inbox Triage agents: prompts, tools and costs.");
        Add(d, "Quarterly planning", DemoClock.Weekday(today.AddDays(16)), 0, 0, [.. d.Members], tags: ["internal"], allDayLength: 1,
            location: "Chicago office", description: "Goals, budget and hiring plan for next quarter.");
        Add(d, "Company offsite", DemoClock.OnOrBefore(today.AddDays(-10), DayOfWeek.Thursday), 0, 0, [.. d.Members], tags: ["internal"], allDayLength: 2,
            location: "Lake Geneva, WI");
        Add(d, "Board meeting", DemoClock.Weekday(today.AddDays(23)), 10, 120, [d.Owner, d.Admin], tags: ["internal", "board"], location: "Orion room");
        Add(d, "Tax filing deadline", DemoClock.Weekday(today.AddDays(-17)), 0, 0, [d.Admin, d.Viewer], tags: ["finance"], allDayLength: 1);
    }

    private static void Add(DemoData d, string title, DateTime localDay, double hour, int minutes, IReadOnlyList<DemoMember> people,
        string? rrule = null, List<(string Email, string Name)>? external = null, List<string>? tags = null, string? location = null,
        string? meetingUrl = null, Guid? customerId = null, Guid? projectId = null, string? description = null, int allDayLength = 0)
    {
        var allDay = allDayLength > 0;
        // All-day events are dates, stored as midnight UTC of the date so no viewer's zone ever shifts them.
        var start = allDay ? DateTime.SpecifyKind(localDay.Date, DateTimeKind.Utc) : DemoClock.ToUtc(localDay, hour);
        var end = allDay ? start.AddDays(allDayLength) : start.AddMinutes(minutes);
        var past = end < d.Now;
        var organizer = people[0];

        var attendees = people.Select(p => new Attendee
        {
            Email = p.Email,
            Name = p.Name,
            Status = p == organizer ? "accepted" : past ? d.Weighted(("accepted", 0.85f), ("declined", 0.15f)) : d.Weighted(("accepted", 0.6f), ("tentative", 0.15f), ("needs_action", 0.25f)),
        }).ToList();
        attendees.AddRange((external ?? []).Select(x => new Attendee
        {
            Email = x.Email,
            Name = x.Name,
            Status = past ? "accepted" : d.Weighted(("accepted", 0.5f), ("tentative", 0.2f), ("needs_action", 0.3f)),
        }));

        List<EventReminder> reminders = allDay
            ? [new() { MinutesBefore = 1440, Method = "email" }]
            : d.Random.Bool(0.3f) ? [new() { MinutesBefore = 10 }, new() { MinutesBefore = 60, Method = "email" }] : [new() { MinutesBefore = 10 }];

        var created = rrule is not null || start < d.Now ? start.AddDays(-d.Random.Int(3, 14)) : d.Between(d.DaysAgo(14), d.Now < start ? d.Now : start);
        d.Events.Add(new CalendarEvent
        {
            WorkspaceId = d.WorkspaceId,
            Title = title,
            Description = description,
            Location = location,
            MeetingUrl = meetingUrl,
            StartTime = start,
            EndTime = end,
            Timezone = DemoClock.TimeZoneId,
            IsAllDay = allDay,
            IsRecurring = rrule is not null,
            RecurrenceRule = rrule,
            CreatedBy = organizer.UserId,
            Attendees = attendees,
            CustomerId = customerId,
            ProjectId = projectId,
            Tags = tags ?? [],
            Reminders = reminders,
            CreatedAt = created,
        });
    }
}
