using GalaxyCo.Data;
using GalaxyCo.Data.Notifications;

namespace GalaxyCo.Domain.Notifications;

/// <summary>How a person wants one category of notification: in the app, in the app and by email, or not at all.</summary>
public enum NotificationChannel { InApp, Email, Off }

/// <summary>One category people can tune on their profile (stored in users.preferences.notificationChannels by <see cref="Key"/>).</summary>
public sealed record NotificationCategoryInfo(string Key, string Label, string Description, NotificationChannel Default);

/// <summary>
/// The categories every notification falls in. The seed's notification type (info, warning, mention...) says how it
/// looks; the category (kept in metadata["category"]) says where it came from and which preference applies.
/// </summary>
public static class NotificationCategories
{
    public const string Assignment = "assignment";
    public const string Mention = "mention";
    public const string Reminder = "reminder";
    public const string Invoice = "invoice";
    public const string Agent = "agent";
    public const string Invitation = "invitation";
    public const string Webhook = "webhook";
    public const string System = "system";

    /// <summary>metadata key holding the category.</summary>
    public const string MetadataKey = "category";

    public static readonly IReadOnlyList<NotificationCategoryInfo> All =
    [
        new(Assignment, "Assignments", "A task, prospect or record is assigned to you.", NotificationChannel.Email),
        new(Mention, "Mentions", "Someone @mentions you in a note or comment.", NotificationChannel.Email),
        new(Reminder, "Reminders", "Event reminders and tasks coming due.", NotificationChannel.InApp),
        new(Invoice, "Invoices", "An invoice you sent becomes overdue or is paid.", NotificationChannel.InApp),
        new(Agent, "Agent runs", "An agent run you started finishes or fails.", NotificationChannel.InApp),
        new(Invitation, "Invitations", "Someone accepts an invitation you sent.", NotificationChannel.InApp),
        new(Webhook, "Webhooks", "A webhook endpoint was disabled after repeated failures (admins).", NotificationChannel.Email),
        new(System, "System", "Announcements and account notices.", NotificationChannel.InApp),
    ];

    public static bool IsKnown(string? key) => key is not null && All.Any(c => c.Key == key);

    /// <summary>The category a message belongs to when the sender did not say: from its seed type.</summary>
    public static string Default(NotificationType type) => type switch
    {
        NotificationType.Mention => Mention,
        NotificationType.Assignment => Assignment,
        NotificationType.Reminder => Reminder,
        _ => System,
    };

    public static string Of(Notification n) =>
        n.Metadata.TryGetValue(MetadataKey, out var c) && IsKnown(c) ? c : Default(n.Type);

    /// <summary>The channel a category has when the person never chose one (in-app for an unknown category).</summary>
    public static NotificationChannel DefaultChannel(string category) =>
        All.FirstOrDefault(x => x.Key == category)?.Default ?? NotificationChannel.InApp;

    public static string Label(string key) => All.FirstOrDefault(c => c.Key == key)?.Label ?? key;
}

/// <summary>A person's choices: a channel per category and the opt-in daily digest.</summary>
public sealed record NotificationPreferences(IReadOnlyDictionary<string, NotificationChannel> Channels, bool DailyDigest)
{
    public NotificationChannel For(string category) =>
        Channels.TryGetValue(category, out var c) ? c
        : NotificationCategories.DefaultChannel(category);
}

/// <summary>One notification as lists, the bell and the page show it.</summary>
public sealed record NotificationItem(
    Guid Id,
    NotificationType Type,
    string Category,
    string Title,
    string Message,
    string? ActionUrl,
    string? ActionLabel,
    bool IsRead,
    DateTime CreatedAt,
    DateTime? ExpiresAt);

/// <summary>
/// A page of the signed-in person's notifications, newest first. Dismissed and expired ones are never listed.
/// Paging is keyset: pass the last item's CreatedAt/Id as <see cref="Before"/>/<see cref="BeforeId"/>.
/// </summary>
public sealed record NotificationQuery(string? Category = null, bool UnreadOnly = false, DateTime? Before = null, Guid? BeforeId = null, int Take = 30);

public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int UnreadCount, bool HasMore);

/// <summary>
/// What a node pushes to one person's open circuits when their notifications change: the new ones (empty after a
/// mark-read elsewhere or a resync) and the fresh unread count.
/// </summary>
public sealed record NotificationPush(Guid WorkspaceId, Guid UserId, IReadOnlyList<NotificationItem> Added, int UnreadCount);
