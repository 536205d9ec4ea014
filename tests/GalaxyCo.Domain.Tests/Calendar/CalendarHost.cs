using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Calendar;

/// <summary>A clock the test moves by hand.</summary>
public sealed class CalendarClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The calendar services on the real test database, wired as the web app wires them, with a controllable clock and
/// mail written to a temp folder. <paramref name="smtp"/> makes the services believe SMTP is configured (mail still
/// lands in the folder), so invitation and reminder mails can be read.
/// </summary>
public sealed class CalendarHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;

    public CalendarHost(PostgresDatabase db, CalendarClock? clock = null, bool smtp = false)
    {
        this.db = db;
        Clock = clock ?? new CalendarClock(DateTimeOffset.UtcNow);
        MailFolder = Directory.CreateTempSubdirectory("galaxyco-calendar-mail-").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddCalendar();
        services.Configure<MailOptions>(o =>
        {
            o.OutboxDirectory = MailFolder;
            if (smtp) o.Smtp.Host = "smtp.invalid";
        });
        services.AddSingleton<IMailSender, FolderOutboxMailSender>();
        services.AddSingleton<TimeProvider>(Clock);
        provider = services.BuildServiceProvider();
    }

    public CalendarClock Clock { get; }

    public string MailFolder { get; }

    public async Task<CalendarActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new CalendarActor(scope);
    }

    public Task<CalendarActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    /// <summary>A scope with no workspace entered: the anonymous feed endpoint, a background job.</summary>
    public CalendarActor Anonymous() => new(provider.CreateAsyncScope());

    public GalaxyDbContext Context(Guid workspaceId) => db.CreateContext(PostgresDatabase.Tenant(workspaceId));

    public async Task<T> ReadAsync<T>(Guid workspaceId, Func<GalaxyDbContext, Task<T>> read)
    {
        await using var ctx = Context(workspaceId);
        return await read(ctx);
    }

    public IReadOnlyList<MimeKit.MimeMessage> MailsTo(string email) =>
        Directory.GetFiles(MailFolder, "*.eml").Where(f => f.Contains(email, StringComparison.OrdinalIgnoreCase)).Order()
            .Select(f => MimeKit.MimeMessage.Load(f)).ToList();

    public void Dispose()
    {
        provider.Dispose();
        try { Directory.Delete(MailFolder, recursive: true); } catch (IOException) { }
    }
}

public sealed class CalendarActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public CalendarEventService Events => scope.ServiceProvider.GetRequiredService<CalendarEventService>();
    public CalendarAttendeeService Attendees => scope.ServiceProvider.GetRequiredService<CalendarAttendeeService>();
    public CalendarIcsService Ics => scope.ServiceProvider.GetRequiredService<CalendarIcsService>();
    public CalendarFeedService Feeds => scope.ServiceProvider.GetRequiredService<CalendarFeedService>();
    public CalendarReminderJob Reminders => scope.ServiceProvider.GetRequiredService<CalendarReminderJob>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>Shorthands for building events in tests.</summary>
internal static class CalendarTestData
{
    public static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    /// <summary>The UTC instant of a Chicago wall-clock time.</summary>
    public static DateTime ChicagoUtc(int year, int month, int day, int hour, int minute = 0) =>
        CalendarTime.ToUtc(new DateTime(year, month, day, hour, minute, 0), Chicago);

    public static DateTime ChicagoLocal(DateTime utc) => CalendarTime.ToLocal(utc, Chicago);

    public static EventInput Weekly(string title, DateTime startUtc, int minutes = 60, int? count = null, params DayOfWeek[] days) => new()
    {
        Title = title,
        Start = startUtc,
        End = startUtc.AddMinutes(minutes),
        Timezone = "America/Chicago",
        Recurrence = new RecurrenceInput(RecurrenceFrequency.Weekly, ByDay: days.Length == 0 ? null : days, Count: count),
    };

    public static EventInput Single(string title, DateTime startUtc, int minutes = 60) => new()
    {
        Title = title,
        Start = startUtc,
        End = startUtc.AddMinutes(minutes),
        Timezone = "America/Chicago",
    };

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, $"{result.Status}: {result.Message} {string.Join("; ", result.FieldErrors.Select(f => f.Key + "=" + f.Value))}");
        return result.Value!;
    }
}
