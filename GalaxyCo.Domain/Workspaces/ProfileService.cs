using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Workspaces;

public sealed record Profile(Guid Id, string Email, string? FirstName, string? LastName, string? AvatarUrl, string Theme, string Language, string TimeZone, bool EmailNotifications);

/// <summary>The signed-in person's own profile: name, avatar, theme, language and time zone (users.preferences).</summary>
public sealed class ProfileService(IDbContextFactory<GalaxyDbContext> factory)
{
    public static readonly IReadOnlyList<string> Themes = ["system", "light", "dark"];
    public static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string>
    {
        ["en"] = "English", ["de"] = "Deutsch", ["fr"] = "Français", ["es"] = "Español", ["pt"] = "Português",
    };

    public async Task<Profile?> GetAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var u = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return u is null ? null : new Profile(u.Id, u.Email ?? "", u.FirstName, u.LastName, u.AvatarUrl, u.Preferences.Theme, u.Preferences.Language, u.Preferences.TimeZone, u.Preferences.EmailNotifications);
    }

    public async Task<Result> UpdateAsync(Profile profile, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var first = profile.FirstName?.Trim();
        var last = profile.LastName?.Trim();
        if (first is { Length: > 100 }) errors["firstName"] = "Keep the first name under 100 characters.";
        if (last is { Length: > 100 }) errors["lastName"] = "Keep the last name under 100 characters.";
        var avatar = string.IsNullOrWhiteSpace(profile.AvatarUrl) ? null : profile.AvatarUrl.Trim();
        if (avatar is not null && (!Uri.TryCreate(avatar, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || avatar.Length > 2000))
            errors["avatarUrl"] = "Use a web address starting with https://.";
        if (!Themes.Contains(profile.Theme)) errors["theme"] = "Pick light, dark or system.";
        if (!Languages.ContainsKey(profile.Language)) errors["language"] = "Pick one of the listed languages.";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out _)) errors["timeZone"] = "Pick a time zone from the list.";
        if (errors.Count > 0) return Result.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == profile.Id, ct);
        if (user is null) return Result.NotFound("User");
        user.FirstName = string.IsNullOrEmpty(first) ? null : first;
        user.LastName = string.IsNullOrEmpty(last) ? null : last;
        user.AvatarUrl = avatar;
        user.Preferences = new UserPreferences
        {
            Theme = profile.Theme, Language = profile.Language, TimeZone = profile.TimeZone, EmailNotifications = profile.EmailNotifications,
            // Notification choices are saved by NotificationPreferencesService; keep them.
            NotificationChannels = user.Preferences.NotificationChannels, DailyDigest = user.Preferences.DailyDigest, LastDigestAt = user.Preferences.LastDigestAt,
        };
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task SetThemeAsync(Guid userId, string theme, CancellationToken ct = default)
    {
        if (!Themes.Contains(theme)) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return;
        user.Preferences = new UserPreferences
        {
            Theme = theme, Language = user.Preferences.Language, TimeZone = user.Preferences.TimeZone, EmailNotifications = user.Preferences.EmailNotifications,
            NotificationChannels = user.Preferences.NotificationChannels, DailyDigest = user.Preferences.DailyDigest, LastDigestAt = user.Preferences.LastDigestAt,
        };
        await db.SaveChangesAsync(ct);
    }
}
