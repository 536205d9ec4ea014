using System.Globalization;
using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;
using Npgsql;

namespace GalaxyCo.E2E.Calendar;

/// <summary>
/// The calendar in a real browser: a weekly meeting is created in the editor, one occurrence is dragged to a new time
/// in the week view ("This event"), and the rest of the series stays where it was. Then the .ics download and the
/// subscription feed over HTTP: another workspace's event and a revoked feed answer 404.
/// </summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class CalendarJourneyTests(GalaxyApp app, ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    /// <summary>The Monday two weeks ahead: a week with no "today" in it, so "New event" starts at 09:00 on the shown date.</summary>
    private static DateOnly FutureMonday()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Chicago));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return monday.AddDays(14);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public Task WeeklyMeeting_MoveOneOccurrence_SeriesStaysIntact() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        var email = await People.NewSignedInPersonAsync(page, app.Mail, "planner");
        var slug = await People.CreateWorkspaceAsync(page, $"Cal Co {Guid.NewGuid().ToString("N")[..6]}");
        await SetTimeZoneAsync(email, "America/Chicago");
        var monday = FutureMonday();

        // Create "Weekly sync", Mondays 09:00–10:00, repeating weekly.
        await page.GotoInteractiveAsync($"/w/{slug}/calendar?view=week&date={Iso(monday)}");
        await Expect(page.ByTestId("calendar-timegrid")).ToBeVisibleAsync();
        await page.ByTestId("new-event").ClickAsync();
        await page.InputByTestId("editor-title").FillAsync("Weekly sync");
        await page.ChooseAsync(page.ByTestId("recurrence-frequency"), "Weekly");
        await Expect(page.ByTestId("recurrence-rrule")).ToContainTextAsync("FREQ=WEEKLY");
        await Expect(page.ByTestId("recurrence-day-MO")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ByTestId("editor-save").ClickAsync();
        await Expect(page.ByTestId("event-editor")).ToHaveCountAsync(0);

        var column = page.Locator($"[data-cal-day='{Iso(monday)}']");
        var meeting = column.Locator("[data-testid=calendar-event]").Filter(new() { HasText = "Weekly sync" });
        await Expect(meeting).ToHaveCountAsync(1);
        await Expect(meeting.Locator("[data-testid=event-time]")).ToHaveTextAsync("09:00–10:00");
        await Expect(meeting.Locator("[data-testid=repeat-icon]")).ToHaveCountAsync(1);

        // Drag this Monday's occurrence two hours down (the grid is 1152 px for 24 h: 96 px), and keep it to this one.
        var box = (await meeting.BoundingBoxAsync())!;
        var x = box.X + box.Width / 2;
        var y = box.Y + 10;
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        for (var step = 1; step <= 8; step++) await page.Mouse.MoveAsync(x, y + step * 12);
        await page.Mouse.UpAsync();
        await Expect(page.ByTestId("scope-dialog")).ToBeVisibleAsync();
        await page.ByTestId("scope-this").ClickAsync();
        await page.ByTestId("scope-ok").ClickAsync();

        await Expect(meeting.Locator("[data-testid=event-time]")).ToHaveTextAsync("11:00–12:00");

        // The next week keeps the series' time; the week before the first one has nothing.
        await ClickUntilUrlAsync(page, page.ByTestId("calendar-next"), new Regex($"date={Iso(monday.AddDays(7))}"));
        var next = page.Locator($"[data-cal-day='{Iso(monday.AddDays(7))}'] [data-testid=calendar-event]").Filter(new() { HasText = "Weekly sync" });
        await Expect(next.Locator("[data-testid=event-time]")).ToHaveTextAsync("09:00–10:00");
        // One "k" at a time: in a clean-clone run under load a second press sent straight after the first was lost
        // (the URL stopped one week back). Two quick presses are a known gap, noted on issue 5.
        await page.Keyboard.PressAsync("k");
        await page.WaitForURLAsync(new Regex($"date={Iso(monday)}"), SameDocument);
        await page.Keyboard.PressAsync("k");
        await page.WaitForURLAsync(new Regex($"date={Iso(monday.AddDays(-7))}"), SameDocument);
        await Expect(page.Locator("[data-testid=calendar-timegrid] [data-testid=calendar-event]")).ToHaveCountAsync(0);

        // Saved as one series with one moved occurrence (an override kept in its own table).
        await using var db = new NpgsqlConnection(app.SuperuserConnectionString);
        await db.OpenAsync();
        await using var read = new NpgsqlCommand("""
            select e.recurrence_rule, x.original_start, x.start_time, x.is_cancelled
            from calendar_events e join workspaces w on w.id = e.workspace_id
            left join calendar_event_exceptions x on x.event_id = e.id
            where w.slug = @slug
            """, db);
        read.Parameters.AddWithValue("slug", slug);
        await using var rows = await read.ExecuteReaderAsync();
        Assert.True(await rows.ReadAsync());
        Assert.Contains("FREQ=WEEKLY", rows.GetString(0), StringComparison.Ordinal);
        var originalStart = TimeZoneInfo.ConvertTimeToUtc(monday.ToDateTime(new TimeOnly(9, 0)), Chicago);
        Assert.Equal(originalStart, DateTime.SpecifyKind(rows.GetDateTime(1), DateTimeKind.Utc));
        Assert.Equal(originalStart.AddHours(2), DateTime.SpecifyKind(rows.GetDateTime(2), DateTimeKind.Utc));
        Assert.False(rows.GetBoolean(3));
        Assert.False(await rows.ReadAsync());
    });

    [Fact]
    public Task IcsAndFeed_OtherWorkspacesEventAndRevokedFeed_Answer404() => BrowserSession.RunAsync(app, output, async session =>
    {
        // B's workspace has an event; A has their own workspace and event.
        var b = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(b, app.Mail, "other");
        var slugB = await People.CreateWorkspaceAsync(b, $"Other Co {Guid.NewGuid().ToString("N")[..6]}");
        var eventB = await ArrangeEventAsync(slugB, "B's secret meeting");

        var a = await session.NewPageAsync();
        await People.NewSignedInPersonAsync(a, app.Mail, "owner");
        var slugA = await People.CreateWorkspaceAsync(a, $"Own Co {Guid.NewGuid().ToString("N")[..6]}");
        var eventA = await ArrangeEventAsync(slugA, "A's planning");

        // A downloads their own event; B's id answers 404 through A's workspace and through B's.
        var own = await a.APIRequest.GetAsync($"/w/{slugA}/calendar/events/{eventA}.ics");
        Assert.Equal(200, own.Status);
        Assert.StartsWith("text/calendar", own.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("A's planning", await own.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await a.APIRequest.GetAsync($"/w/{slugA}/calendar/events/{eventB}.ics")).Status);
        var foreign = await a.APIRequest.GetAsync($"/w/{slugB}/calendar/events/{eventB}.ics");
        Assert.Equal(404, foreign.Status);
        Assert.DoesNotContain("secret meeting", await foreign.TextAsync(), StringComparison.Ordinal);

        // A creates a feed address in the settings: it works without signing in, until it is revoked.
        await a.GotoInteractiveAsync($"/w/{slugA}/calendar/settings");
        await a.ByTestId("feed-create").ClickAsync();
        await Expect(a.ByTestId("feed-secret-warning")).ToBeVisibleAsync();
        var url = await a.InputByTestId("feed-url").InputValueAsync();
        Assert.Matches(new Regex("/calendar/feed/[^/]+\\.ics$"), url);

        await using var anonymous = await app.NewContextAsync();
        var feed = await anonymous.APIRequest.GetAsync(url);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("text/calendar", feed.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("private", feed.Headers["cache-control"], StringComparison.Ordinal);
        Assert.Contains("BEGIN:VCALENDAR", await feed.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await anonymous.APIRequest.GetAsync(Regex.Replace(url, "\\.ics$", "x.ics"))).Status);

        await a.ByTestId("feed-revoke").ClickAsync();
        var confirm = a.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true });
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.ClickAsync();
        await Expect(a.ByTestId("feed-token")).ToContainTextAsync("Revoked");
        Assert.Equal(404, (await anonymous.APIRequest.GetAsync(url)).Status);
    });

    /// <summary>The person's zone, as the profile page would save it: the grid's times are then Chicago's.</summary>
    [Fact]
    public Task MonthView_BusyDay_ListsThreeAndOpensTheDayForTheRest() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        var email = await People.NewSignedInPersonAsync(page, app.Mail, "monthly");
        var slug = await People.CreateWorkspaceAsync(page, $"Month Co {Guid.NewGuid().ToString("N")[..6]}");
        await SetTimeZoneAsync(email, "America/Chicago");
        var day = FutureMonday().AddDays(2);
        var nineAm = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), Chicago);
        foreach (var (title, hour) in new[] { ("Design review", 4), ("Standup", 0), ("Lunch & learn", 3), ("Retro", 6), ("Planning", 1) })
            await ArrangeEventAsync(slug, title, nineAm.AddHours(hour));

        await page.GotoInteractiveAsync($"/w/{slug}/calendar?view=month&date={Iso(day)}");
        var cell = page.Locator($"[data-testid=month-day][data-day='{Iso(day)}']");
        await Expect(cell.Locator("[data-testid=calendar-event]")).ToHaveCountAsync(3);
        await Expect(cell.Locator("[data-testid=calendar-event]").First).ToContainTextAsync("Standup");
        await Expect(cell.Locator("[data-testid=month-more]")).ToHaveTextAsync("+2 more");
        await Expect(page.Locator("[data-testid=month-day][data-day] [data-testid=calendar-event]")).ToHaveCountAsync(3);

        await cell.Locator("[data-testid=month-more]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"view=day&date={Iso(day)}"), SameDocument);
        await Expect(page.Locator("[data-testid=calendar-timegrid] [data-testid=calendar-event]")).ToHaveCountAsync(5);
    });

    private async Task SetTimeZoneAsync(string email, string zone)
    {
        await using var connection = new NpgsqlConnection(app.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("update users set preferences = jsonb_set(preferences, '{timeZone}', to_jsonb(@zone::text)) where email = @email", connection);
        update.Parameters.AddWithValue("zone", zone);
        update.Parameters.AddWithValue("email", email);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    /// <summary>An event written straight to the database as arrangement: the HTTP answers are what this test is about.</summary>
    private async Task<Guid> ArrangeEventAsync(string slug, string title, DateTime? startUtc = null)
    {
        var id = Guid.CreateVersion7();
        var start = startUtc ?? DateTime.UtcNow.Date.AddDays(3).AddHours(15);
        await using var connection = new NpgsqlConnection(app.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into calendar_events (id, workspace_id, title, start_time, end_time, timezone, is_all_day, is_recurring, occurs_until, attendees, tags, reminders)
            select @id, w.id, @title, @start, @end, 'America/Chicago', false, false, @end, '[]'::jsonb, '{}', '[]'::jsonb from workspaces w where w.slug = @slug
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("title", title);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", start.AddHours(1));
        command.Parameters.AddWithValue("slug", slug);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return id;
    }

    // Previous/next change the URL in the page (Blazor routing, no document load): wait for the URL, not a "load" event.
    private static readonly PageWaitForURLOptions SameDocument = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>
    /// Clicks until the page's URL matches. A click that lands while the board re-renders after the move's save can be
    /// dropped (seen in CI under load); the journey is about the series, so the test tries the click again.
    /// </summary>
    private static async Task ClickUntilUrlAsync(Microsoft.Playwright.IPage page, Microsoft.Playwright.ILocator button, Regex url)
    {
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }
}
