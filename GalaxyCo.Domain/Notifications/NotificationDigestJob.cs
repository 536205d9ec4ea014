using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Notifications;

/// <summary>Notifications:Digest — the daily digest's address for links and the local hour it goes out.</summary>
public sealed class NotificationDigestOptions
{
    public const string Section = "Notifications:Digest";

    /// <summary>The app's public address, for the links in the mail.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The hour of the person's own day (users.preferences.timeZone) from which their digest is due.</summary>
    public int LocalHour { get; set; } = 8;
}

/// <summary>
/// Hangfire recurring job "notification-digest" (hourly). A person who opted in (users.preferences.dailyDigest, with
/// emailNotifications on and an email address) gets at most one mail per day: the first run at or after 08:00 of
/// their own time zone, when their last digest is from before that moment. It lists their unread notifications that
/// arrived since the last digest (the last day for a first one), one section per workspace. The person's
/// lastDigestAt is advanced with a conditional update before the mail goes out, so two nodes or a rerun never send it
/// twice; a day with nothing unread advances it without a mail. Without SMTP nothing runs at all.
/// </summary>
public sealed class NotificationDigestJob(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, TimeProvider clock, NotificationSender sender, IMailSender mail,
    IOptions<NotificationDigestOptions> options, ILogger<NotificationDigestJob> logger)
{
    public const string RecurringJobId = "notification-digest";
    public const int MaxItemsPerWorkspace = 50;

    /// <summary>Sends the digests that are due; returns how many mails went out.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (!sender.MailConfigured) return 0;
        tenant.Actor = new AuditActor("system:notification-digest");
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> optedIn;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // users is not tenant-owned; jsonb fields are read in SQL so only people who opted in are loaded.
            optedIn = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM users
                WHERE coalesce((preferences ->> 'dailyDigest')::boolean, false)
                  AND coalesce((preferences ->> 'emailNotifications')::boolean, true)
                  AND email IS NOT NULL AND email <> ''
                """).ToListAsync(ct);
        }
        var sent = 0;
        foreach (var userId in optedIn)
        {
            try
            {
                if (await RunPersonAsync(userId, now, ct)) sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One person's broken data or mail must not stop everyone else's digest.
                logger.LogError(e, "The notification digest failed for user {UserId}", userId);
            }
        }
        return sent;
    }

    /// <summary>When a person's digest is next due: their local <see cref="NotificationDigestOptions.LocalHour"/> of today (UTC).</summary>
    public static DateTime DueAt(DateTime nowUtc, string? timeZone, int localHour)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? "UTC", out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone);
        var dueLocal = DateTime.SpecifyKind(local.Date.AddHours(localHour), DateTimeKind.Unspecified);
        // A due hour that doesn't exist that day (clocks jump forward) moves on by the gap.
        while (zone.IsInvalidTime(dueLocal)) dueLocal = dueLocal.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(dueLocal, zone);
    }

    private async Task<bool> RunPersonAsync(Guid userId, DateTime now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.FirstName, u.Preferences }).FirstOrDefaultAsync(ct);
        if (user is null || string.IsNullOrWhiteSpace(user.Email) || !user.Preferences.DailyDigest) return false;
        var dueAt = DueAt(now, user.Preferences.TimeZone, options.Value.LocalHour);
        var last = user.Preferences.LastDigestAt is { } l ? DateTime.SpecifyKind(l, DateTimeKind.Utc) : (DateTime?)null;
        if (now < dueAt || last >= dueAt) return false;
        var since = last ?? now.AddDays(-1);

        var sections = await SectionsAsync(userId, since, now, ct);
        if (!await ClaimAsync(db, userId, now, dueAt, ct)) return false;
        var count = sections.Sum(s => s.Items.Count);
        if (count == 0) return false;

        var (html, text) = Render(user.FirstName, sections, options.Value.BaseUrl);
        await mail.SendAsync(new OutgoingMail(user.Email, $"Your GalaxyCo digest: {count} unread", html, text), ct);
        return true;
    }

    private sealed record Section(string WorkspaceName, string Slug, IReadOnlyList<NotificationItem> Items);

    private async Task<List<Section>> SectionsAsync(Guid userId, DateTime since, DateTime now, CancellationToken ct)
    {
        List<(Guid Id, string Name, string Slug)> workspaces;
        var previousUser = tenant.UserId;
        tenant.SetUser(userId);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            workspaces = (await db.WorkspaceMembers.IgnoreQueryFilters().AsNoTracking()
                    .Where(m => m.UserId == userId && m.IsActive && m.Workspace!.IsActive)
                    .OrderBy(m => m.Workspace!.Name)
                    .Select(m => new { m.WorkspaceId, m.Workspace!.Name, m.Workspace.Slug }).ToListAsync(ct))
                .Select(w => (w.WorkspaceId, w.Name, w.Slug)).ToList();
        }
        finally
        {
            tenant.SetUser(previousUser);
        }
        var sections = new List<Section>();
        foreach (var (id, name, slug) in workspaces)
        {
            using var entered = tenant.Enter(id, userId);
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await db.Notifications.AsNoTracking()
                .Where(n => n.UserId == userId && !n.IsRead && !n.IsDismissed && (n.ExpiresAt == null || n.ExpiresAt > now) && n.CreatedAt > since)
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(MaxItemsPerWorkspace).ToListAsync(ct);
            if (rows.Count > 0) sections.Add(new Section(name, slug, rows.Select(NotificationService.ToItem).ToList()));
        }
        return sections;
    }

    /// <summary>
    /// Advances lastDigestAt only while it is still before this day's due moment, in one statement: of two nodes or
    /// two runs racing, only the first sends.
    /// </summary>
    private static async Task<bool> ClaimAsync(GalaxyDbContext db, Guid userId, DateTime now, DateTime dueAt, CancellationToken ct)
    {
        var stamp = JsonSerializer.Serialize(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        var claimed = await db.Database.ExecuteSqlAsync($$"""
            UPDATE users SET preferences = jsonb_set(coalesce(preferences, '{}'::jsonb), '{lastDigestAt}', {{stamp}}::jsonb)
            WHERE id = {{userId}}
              AND (preferences ->> 'lastDigestAt' IS NULL OR (preferences ->> 'lastDigestAt')::timestamptz < {{DateTime.SpecifyKind(dueAt, DateTimeKind.Utc)}})
            """, ct);
        return claimed == 1;
    }

    private static (string Html, string Text) Render(string? firstName, List<Section> sections, string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        var count = sections.Sum(s => s.Items.Count);
        var greeting = string.IsNullOrWhiteSpace(firstName) ? "Hello," : $"Hello {firstName},";
        var intro = $"You have {count} unread notification{(count == 1 ? "" : "s")} since your last digest.";
        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p>{Enc(greeting)}</p><p>{Enc(intro)}</p>");
        text.Append(CultureInfo.InvariantCulture, $"{greeting}\n\n{intro}\n");
        foreach (var s in sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{Enc(s.WorkspaceName)}</h3><ul>");
            text.Append(CultureInfo.InvariantCulture, $"\n{s.WorkspaceName}\n");
            foreach (var n in s.Items)
            {
                var link = n.ActionUrl is { Length: > 0 } url && url.StartsWith('/') ? root + url : $"{root}/w/{s.Slug}/notifications";
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Enc(link)}\">{Enc(n.Title)}</a><br/><span>{Enc(n.Message)}</span></li>");
                text.Append(CultureInfo.InvariantCulture, $"- {n.Title}\n  {link}\n");
            }
            html.Append("</ul>");
        }
        var settings = $"{root}/profile";
        html.Append(CultureInfo.InvariantCulture, $"<p>You get this mail because you turned on the daily digest. <a href=\"{Enc(settings)}\">Change it on your profile</a>.</p>");
        text.Append(CultureInfo.InvariantCulture, $"\nYou get this mail because you turned on the daily digest. Change it on your profile: {settings}\n");
        return (html.ToString(), text.ToString());
    }

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
