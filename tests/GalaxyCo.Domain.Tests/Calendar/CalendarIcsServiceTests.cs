using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Calendar.CalendarTestData;
using IcalCalendar = Ical.Net.Calendar;

namespace GalaxyCo.Domain.Tests.Calendar;

[Collection(PostgresCollection.Name)]
public sealed class CalendarIcsServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CalendarHost host = new(db);

    public void Dispose() => host.Dispose();

    private static string Ics(params string[] vevents) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" + string.Concat(vevents) + "END:VCALENDAR\r\n";

    private static string Vevent(string uid, string summary, string? dtstart = "DTSTART;TZID=America/Chicago:20261102T090000", string? rrule = null) =>
        $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:{summary}\r\n" + (dtstart is null ? "" : dtstart + "\r\n")
        + "DURATION:PT30M\r\n" + (rrule is null ? "" : "RRULE:" + rrule + "\r\n") + "END:VEVENT\r\n";

    [Fact]
    public async Task ExportEventAsync_RecurringEventWithExceptions_ParsesBackAsTheSameEvent()
    {
        var w = await db.CreateWorkspaceAsync("Ics Export");
        await using var owner = await host.OwnerOfAsync(w);
        var start = ChicagoUtc(2026, 10, 19, 9);
        var series = Ok(await owner.Events.CreateAsync(Weekly("Ops review", start, 45, count: 8) with { Location = "Orion", Attendees = [new AttendeeInput("guest@example.com", "Guest")] }));
        var cancelled = ChicagoUtc(2026, 10, 26, 9);
        var moved = ChicagoUtc(2026, 11, 2, 9);
        Assert.True((await owner.Events.DeleteAsync(series.Id, EditScope.ThisOccurrence, cancelled)).Succeeded);
        series = Ok(await owner.Events.GetAsync(series.Id));
        Ok(await owner.Events.UpdateAsync(series.Id, series.ToInput() with { Title = "Ops review (moved)", Start = moved.AddHours(3), End = moved.AddHours(3).AddMinutes(45) }, series.Version, EditScope.ThisOccurrence, moved));

        var file = Ok(await owner.Ics.ExportEventAsync(series.Id));

        Assert.Equal("ops-review.ics", file.FileName);
        var calendar = IcalCalendar.Load(file.Content)!;
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/Chicago");
        var master = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is null);
        Assert.Equal("Ops review", master.Summary);
        Assert.Equal("Orion", master.Location);
        Assert.Equal("America/Chicago", master.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 10, 19, 9, 0, 0), master.DtStart.Value);
        Assert.Equal(start, master.DtStart.AsUtc);
        Assert.Equal(start.AddMinutes(45), master.DtEnd!.AsUtc);
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO;COUNT=8", RRuleText(master.RecurrenceRule!));
        Assert.Equal([cancelled], master.ExceptionDates.GetAllDates().Select(d => d.AsUtc));
        Assert.Contains(master.Attendees, a => a.Value!.ToString() == "mailto:guest@example.com" && a.CommonName == "Guest");
        var instance = Assert.Single(calendar.Events, e => e.RecurrenceIdentifier is not null);
        Assert.Equal((moved, moved.AddHours(3), "Ops review (moved)"), (instance.RecurrenceIdentifier!.StartTime.AsUtc, instance.DtStart!.AsUtc, instance.Summary));
        Assert.Equal(master.Uid, instance.Uid);

        // Ical.Net's own expansion of our file gives what our calendar shows.
        var theirs = calendar.GetOccurrences(new CalDateTime(start)).Select(o => o.Period.StartTime.AsUtc).Order().ToList();
        var ours = Ok(await owner.Events.ListAsync(new CalendarQuery(start, start.AddDays(70)))).Select(o => o.Start).Order().ToList();
        Assert.Equal(ours, theirs);
    }

    private static string RRuleText(RecurrenceRule rule) { Assert.True(RRule.TryParse(rule.ToString(), out var parsed)); return parsed.ToString(); }

    [Fact]
    public async Task ImportAsync_OurOwnExport_ImportsIntoAnotherWorkspaceOnceThenReportsDuplicates()
    {
        var a = await db.CreateWorkspaceAsync("Ics From");
        var b = await db.CreateWorkspaceAsync("Ics To");
        string content;
        await using (var owner = await host.OwnerOfAsync(a))
        {
            var e = Ok(await owner.Events.CreateAsync(Weekly("Imported sync", ChicagoUtc(2026, 10, 5, 9), 30)));
            await owner.Events.DeleteAsync(e.Id, EditScope.ThisOccurrence, ChicagoUtc(2026, 10, 12, 9));
            content = Ok(await owner.Ics.ExportEventAsync(e.Id)).Content;
            var again = Ok(await owner.Ics.PreviewImportAsync(content));
            Assert.Equal("Already in the calendar (imported before).", Assert.Single(again.Items).SkipReason);
        }
        await using var other = await host.OwnerOfAsync(b);

        var preview = Ok(await other.Ics.PreviewImportAsync(content));
        var item = Assert.Single(preview.Items);
        Assert.True(item.WillImport);
        Assert.Equal(("Imported sync", "FREQ=WEEKLY;BYDAY=MO"), (item.Title, item.Recurrence));

        var report = Ok(await other.Ics.ImportAsync(content));
        Assert.Equal(1, report.Imported);
        var list = Ok(await other.Events.ListAsync(new CalendarQuery(ChicagoUtc(2026, 10, 1, 0), ChicagoUtc(2026, 10, 27, 0))));
        Assert.Equal([ChicagoUtc(2026, 10, 5, 9), ChicagoUtc(2026, 10, 19, 9), ChicagoUtc(2026, 10, 26, 9)], list.Select(o => o.Start));
        Assert.All(list, o => Assert.Equal("America/Chicago", o.Timezone));

        var second = Ok(await other.Ics.ImportAsync(content));
        Assert.Equal(0, second.Imported);
        Assert.Equal("Already in the calendar (imported before).", Assert.Single(second.Skipped).SkipReason);
    }

    [Fact]
    public async Task PreviewImportAsync_MixedItems_ListsWhatWillBeSkippedAndWhy()
    {
        var w = await db.CreateWorkspaceAsync("Ics Mixed");
        await using var owner = await host.OwnerOfAsync(w);
        var content = Ics(
            Vevent("ok-1", "Fine meeting"),
            Vevent("no-start", "No start", dtstart: null),
            Vevent("hourly", "Too often", rrule: "FREQ=HOURLY"),
            Vevent("setpos", "Last weekday", rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
            Vevent("ancient", "Too old", dtstart: "DTSTART:18000101T090000Z"),
            Vevent("ok-1", "Same UID again"),
            "BEGIN:VEVENT\r\nUID:allday\r\nSUMMARY:Holiday\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\n");

        var items = Ok(await owner.Ics.PreviewImportAsync(content)).Items;

        Assert.Equal(7, items.Count);
        Assert.Null(items[0].SkipReason);
        Assert.StartsWith("Missing DTSTART", items[1].SkipReason, StringComparison.Ordinal);
        Assert.StartsWith("Unsupported repeat rule", items[2].SkipReason, StringComparison.Ordinal);
        Assert.StartsWith("Unsupported repeat rule", items[3].SkipReason, StringComparison.Ordinal);
        Assert.StartsWith("Outside limits", items[4].SkipReason, StringComparison.Ordinal);
        Assert.Contains("UID", items[5].SkipReason, StringComparison.Ordinal);
        Assert.Null(items[6].SkipReason);
        Assert.True(items[6].IsAllDay);

        var report = Ok(await owner.Ics.ImportAsync(content, [0, 1, 6]));
        Assert.Equal(2, report.Imported);
        Assert.Single(report.Skipped);
        var holiday = Ok(await owner.Events.GetAsync(report.EventIds[1]));
        Assert.Equal((true, new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 25)), (holiday.IsAllDay, holiday.AllDayDate!.Value, holiday.AllDayLastDate!.Value));
    }

    [Fact]
    public async Task PreviewImportAsync_HostileFiles_AnswerAClearErrorAndWriteNothing()
    {
        var w = await db.CreateWorkspaceAsync("Ics Hostile");
        await using var owner = await host.OwnerOfAsync(w);
        var broken = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\nRRULE:FREQ=;;;\r\nBEGIN:VEVENT\r\n\u0000\u0001";
        var huge = Ics(Vevent("big", "Big " + new string('x', CalendarIcsService.MaxImportBytes)));
        var tenThousand = Ics(Enumerable.Range(0, 10_000).Select(i => Vevent($"e{i}", $"Event {i}")).ToArray());

        foreach (var (content, expected) in new[] { ("", "empty"), ("hello, world", "not an iCalendar"), (huge, "larger than 2 MB"), (tenThousand, "10,000 events"), (broken, "") })
        {
            var result = await owner.Ics.PreviewImportAsync(content);
            if (result.Succeeded)
            {
                // A file the parser tolerates must still import nothing bad: every item skipped with a reason.
                Assert.All(result.Value!.Items, i => Assert.NotNull(i.SkipReason));
                continue;
            }
            Assert.Equal(ResultStatus.Invalid, result.Status);
            Assert.Contains(expected, result.ErrorFor("file"), StringComparison.Ordinal);
            Assert.Equal(ResultStatus.Invalid, (await owner.Ics.ImportAsync(content)).Status);
        }
        Assert.Equal(0, await host.ReadAsync(w.Id, c => c.CalendarEvents.CountAsync()));
    }
}
