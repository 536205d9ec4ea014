using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Domain.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Notifications;

/// <summary>What to tell one person.</summary>
/// <param name="ActionUrl">Where the notification leads, e.g. /w/acme/work/tasks/{id}.</param>
public sealed record NotificationMessage(
    Guid UserId,
    NotificationType Type,
    string Title,
    string Message,
    string? ActionUrl,
    string? ActionLabel = "Open",
    IReadOnlyDictionary<string, string>? Metadata = null,
    /// <summary>One of <see cref="NotificationCategories"/>; null takes the default for <paramref name="Type"/>.</summary>
    string? Category = null);

/// <summary>
/// Tells people things: an in-app notification row written in the caller's transaction (so nothing is announced for
/// a change that rolls back), and, after the caller committed, an email to those who want mail when SMTP is
/// configured: the person's channel for the category is Email (users.preferences.notificationChannels) and their
/// master switch users.preferences.emailNotifications is on. A category set to Off makes no row at all. Without SMTP only the in-app notification is made: the local
/// mail outbox is for mail people asked for, not for every notice.
/// </summary>
public sealed class NotificationSender(IMailSender mail, IOptions<MailOptions> options, ILogger<NotificationSender> logger)
{
    public bool MailConfigured => !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    /// <summary>
    /// Adds the notification rows to <paramref name="db"/>; the caller's SaveChanges writes them, in its transaction.
    /// Each row's metadata["category"] is stamped (the message's category, else the default of its type), and people
    /// who turned that category off get no row.
    /// </summary>
    public static async Task AddAsync(GalaxyDbContext db, IReadOnlyCollection<NotificationMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }
        var preferences = await PreferencesAsync(db, messages, ct);
        foreach (var m in messages)
        {
            var category = CategoryOf(m);
            if (preferences.TryGetValue(m.UserId, out var p) && NotificationPreferencesService.ChannelFor(p, category) == NotificationChannel.Off)
            {
                continue;
            }
            var metadata = m.Metadata?.ToDictionary() ?? [];
            metadata[NotificationCategories.MetadataKey] = category;
            db.Notifications.Add(new Notification
            {
                UserId = m.UserId,
                Type = m.Type,
                Title = Clip(m.Title, 255),
                Message = m.Message,
                ActionUrl = m.ActionUrl,
                ActionLabel = m.ActionUrl is null ? null : m.ActionLabel,
                Metadata = metadata,
            });
        }
    }

    /// <summary>The category a message is filed under: its own when known, else the default of its type.</summary>
    public static string CategoryOf(NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return NotificationCategories.IsKnown(message.Category) ? message.Category! : NotificationCategories.Default(message.Type);
    }

    private static async Task<Dictionary<Guid, UserPreferences>> PreferencesAsync(GalaxyDbContext db, IReadOnlyCollection<NotificationMessage> messages, CancellationToken ct)
    {
        var ids = messages.Select(m => m.UserId).Distinct().ToList();
        var rows = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Preferences }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Preferences);
    }

    /// <summary>
    /// Call after the commit that added <paramref name="messages"/>: mails each person who wants mail. A mail that
    /// fails is logged, never thrown: the in-app notification already stands.
    /// </summary>
    public async Task MailAsync(GalaxyDbContext db, IReadOnlyCollection<NotificationMessage> messages, string baseUrl, CancellationToken ct)
    {
        if (!MailConfigured || messages.Count == 0)
        {
            return;
        }
        var ids = messages.Select(m => m.UserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.Preferences }).ToListAsync(ct);
        foreach (var m in messages)
        {
            var person = people.FirstOrDefault(p => p.Id == m.UserId);
            // users.preferences.emailNotifications stays the master switch ("email me at all"); under it each
            // category must be set to Email.
            if (person is null || string.IsNullOrWhiteSpace(person.Email) || !person.Preferences.EmailNotifications
                || NotificationPreferencesService.ChannelFor(person.Preferences, CategoryOf(m)) != NotificationChannel.Email)
            {
                continue;
            }
            var link = m.ActionUrl is null ? null : baseUrl.TrimEnd('/') + m.ActionUrl;
            var html = $"<p>{System.Net.WebUtility.HtmlEncode(m.Message)}</p>"
                + (link is null ? "" : $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">{System.Net.WebUtility.HtmlEncode(m.ActionLabel ?? "Open")}</a></p>");
            var text = m.Message + (link is null ? "" : $"\n\n{link}");
            try
            {
                await mail.SendAsync(new OutgoingMail(person.Email, m.Title, html, text), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not mail a {Type} notification", m.Type);
            }
        }
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
