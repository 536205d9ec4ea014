using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Web.Components.Pages.Profile;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GalaxyCo.Web.Tests.Profile;

/// <summary>The profile's notification settings on the real database: a channel per category and the daily digest.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationPreferencesEditorTests(PostgresDatabase database)
{
    [Fact]
    public async Task Save_ChangedChannelAndDigest_StoresThemAndConfirms()
    {
        var w = await database.CreateWorkspaceAsync("Prefs Editor");
        var folder = Directory.CreateTempSubdirectory("galaxyco-prefs-editor-").FullName;
        await using var ctx = GalaxyBunitContext.ActingAs(database, w, s =>
        {
            s.Configure<MailOptions>(o => o.OutboxDirectory = folder);
            s.AddSingleton<IMailSender, FolderOutboxMailSender>();
        });
        var snackbars = ctx.RenderProviders();
        var cut = ctx.Render<NotificationPreferencesEditor>(p => p.Add(e => e.UserId, w.OwnerUserId));
        cut.WaitForAssertion(() => Assert.Equal(NotificationCategories.All.Count, cut.FindComponents<MudRadioGroup<NotificationChannel>>().Count));

        // Without SMTP the page says email can't go out yet.
        Assert.NotEmpty(cut.FindAll("[data-testid=mail-not-configured]"));
        var mentionIndex = NotificationCategories.All.ToList().FindIndex(c => c.Key == NotificationCategories.Mention);
        var mentions = cut.FindComponents<MudRadioGroup<NotificationChannel>>()[mentionIndex];
        Assert.Equal(NotificationChannel.Email, mentions.Instance.Value);
        await cut.InvokeAsync(() => mentions.Instance.ValueChanged.InvokeAsync(NotificationChannel.Off));
        await cut.InvokeAsync(() => cut.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        cut.Find("[data-testid=save-notification-preferences]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Notification settings saved.", snackbars.Markup, StringComparison.Ordinal));
        var stored = await ctx.Services.GetRequiredService<NotificationPreferencesService>().GetAsync(w.OwnerUserId);
        Assert.Equal(NotificationChannel.Off, stored.For(NotificationCategories.Mention));
        Assert.Equal(NotificationChannel.InApp, stored.For(NotificationCategories.Reminder));
        Assert.True(stored.DailyDigest);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
