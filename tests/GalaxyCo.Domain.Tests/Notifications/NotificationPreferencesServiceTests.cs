using GalaxyCo.Data;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;

namespace GalaxyCo.Domain.Tests.Notifications;

[Collection(PostgresCollection.Name)]
public sealed class NotificationPreferencesServiceTests(PostgresDatabase db)
{
    [Fact]
    public async Task GetAsync_NothingSaved_GivesTheCategoryDefaults()
    {
        using var host = new NotificationHost(db);
        var w = await db.CreateWorkspaceAsync("Prefs Defaults");
        await using var a = await host.OwnerOfAsync(w);

        var prefs = await a.Preferences.GetAsync(w.OwnerUserId);

        Assert.False(prefs.DailyDigest);
        Assert.All(NotificationCategories.All, c => Assert.Equal(c.Default, prefs.For(c.Key)));
    }

    [Fact]
    public async Task SaveAsync_RoundTrips_AndKeepsThemeTimeZoneAndLastDigest()
    {
        using var host = new NotificationHost(db);
        var w = await db.CreateWorkspaceAsync("Prefs Save");
        var lastDigest = new DateTime(2026, 6, 9, 8, 0, 0, DateTimeKind.Utc);
        await host.PreferencesAsync(w.OwnerUserId, p => (p.Theme, p.TimeZone, p.LastDigestAt) = ("dark", "Europe/Berlin", lastDigest));
        await using var a = await host.OwnerOfAsync(w);

        var saved = await a.Preferences.SaveAsync(w.OwnerUserId, new NotificationPreferences(new Dictionary<string, NotificationChannel>
        {
            [NotificationCategories.Mention] = NotificationChannel.Off,
            [NotificationCategories.Invoice] = NotificationChannel.Email,
        }, DailyDigest: true));

        Assert.True(saved.Succeeded, saved.Message);
        var prefs = await a.Preferences.GetAsync(w.OwnerUserId);
        Assert.Equal(NotificationChannel.Off, prefs.For(NotificationCategories.Mention));
        Assert.Equal(NotificationChannel.Email, prefs.For(NotificationCategories.Invoice));
        Assert.Equal(NotificationChannel.InApp, prefs.For(NotificationCategories.Reminder));
        Assert.True(prefs.DailyDigest);
        var stored = await host.ReadPreferencesAsync(w.OwnerUserId);
        Assert.Equal(("dark", "Europe/Berlin", lastDigest), (stored.Theme, stored.TimeZone, stored.LastDigestAt));
        Assert.Equal("off", stored.NotificationChannels[NotificationCategories.Mention]);
    }

    [Fact]
    public async Task SaveAsync_UnknownCategory_IsInvalidAndSavesNothing()
    {
        using var host = new NotificationHost(db);
        var w = await db.CreateWorkspaceAsync("Prefs Invalid");
        await using var a = await host.OwnerOfAsync(w);

        var result = await a.Preferences.SaveAsync(w.OwnerUserId, new NotificationPreferences(new Dictionary<string, NotificationChannel>
        {
            ["made-up"] = NotificationChannel.Off,
            [NotificationCategories.Mention] = NotificationChannel.Off,
        }, true));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.NotNull(result.ErrorFor("channels"));
        Assert.Empty((await host.ReadPreferencesAsync(w.OwnerUserId)).NotificationChannels);
        Assert.Equal(ResultStatus.NotFound, (await a.Preferences.SaveAsync(Guid.NewGuid(), new NotificationPreferences(new Dictionary<string, NotificationChannel>(), false))).Status);
    }

    [Fact]
    public async Task ProfileUpdate_KeepsNotificationChoices()
    {
        using var host = new NotificationHost(db);
        var w = await db.CreateWorkspaceAsync("Prefs Profile");
        await using var a = await host.OwnerOfAsync(w);
        await a.Preferences.SaveAsync(w.OwnerUserId, new NotificationPreferences(new Dictionary<string, NotificationChannel>
        {
            [NotificationCategories.Reminder] = NotificationChannel.Off,
        }, true));

        var profiles = a.Get<ProfileService>();
        var profile = await profiles.GetAsync(w.OwnerUserId);
        Assert.True((await profiles.UpdateAsync(profile! with { FirstName = "Renamed" })).Succeeded);
        await profiles.SetThemeAsync(w.OwnerUserId, "dark");

        var prefs = await a.Preferences.GetAsync(w.OwnerUserId);
        Assert.Equal(NotificationChannel.Off, prefs.For(NotificationCategories.Reminder));
        Assert.True(prefs.DailyDigest);
    }
}
