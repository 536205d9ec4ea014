using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Notifications;

/// <summary>
/// A person's notification choices (users.preferences): a channel per category and the daily digest. Per person, not
/// per workspace: the same choices apply in every workspace they belong to.
/// </summary>
public sealed class NotificationPreferencesService(IDbContextFactory<GalaxyDbContext> factory)
{
    public async Task<NotificationPreferences> GetAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var prefs = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Preferences).FirstOrDefaultAsync(ct);
        return From(prefs ?? new UserPreferences());
    }

    public async Task<Result> SaveAsync(Guid userId, NotificationPreferences preferences, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var unknown = preferences.Channels.Keys.FirstOrDefault(k => !NotificationCategories.IsKnown(k));
        if (unknown is not null) return Result.Invalid("channels", $"\"{unknown}\" is not a notification category.");
        if (preferences.Channels.Values.Any(c => !Enum.IsDefined(c))) return Result.Invalid("channels", "Pick in-app, in-app and email, or off.");

        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Result.NotFound("User");
        // Mutated in place: the jsonb comparer sees the change, and theme, language and LastDigestAt stay as they are.
        var stored = user.Preferences;
        stored.NotificationChannels = preferences.Channels.ToDictionary(c => c.Key, c => ToStored(c.Value));
        stored.DailyDigest = preferences.DailyDigest;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The choices stored in users.preferences; unreadable channel values fall back to the category default.</summary>
    public static NotificationPreferences From(UserPreferences stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var channels = new Dictionary<string, NotificationChannel>();
        foreach (var (key, value) in stored.NotificationChannels)
        {
            if (NotificationCategories.IsKnown(key) && Parse(value) is { } channel) channels[key] = channel;
        }
        return new NotificationPreferences(channels, stored.DailyDigest);
    }

    /// <summary>The channel a person chose for a category, from their stored preferences.</summary>
    public static NotificationChannel ChannelFor(UserPreferences stored, string category) =>
        stored.NotificationChannels.TryGetValue(category, out var value) && Parse(value) is { } c
            ? c
            : NotificationCategories.DefaultChannel(category);

    public static string ToStored(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => "email",
        NotificationChannel.Off => "off",
        _ => "inapp",
    };

    public static NotificationChannel? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "inapp" => NotificationChannel.InApp,
        "email" => NotificationChannel.Email,
        "off" => NotificationChannel.Off,
        _ => null,
    };
}
