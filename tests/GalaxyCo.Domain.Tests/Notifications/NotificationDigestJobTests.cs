using GalaxyCo.Data;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Invoices;

namespace GalaxyCo.Domain.Tests.Notifications;

[Collection(PostgresCollection.Name)]
public sealed class NotificationDigestJobTests(PostgresDatabase db)
{
    private static List<MimeKit.MimeMessage> To(LoopbackSmtpServer smtp, string email) =>
        smtp.Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();

    [Fact]
    public async Task RunAsync_OptedInPeople_GetOneDigestADayAtTheirLocalMorning_OthersNone()
    {
        await using var smtp = new LoopbackSmtpServer();
        // 15:00 UTC: 15:00 in London-less UTC, 05:00 in Honolulu.
        using var host = new NotificationHost(db, smtp.Port, new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero));
        var w = await db.CreateWorkspaceAsync("Digest Alpha");
        var second = await db.CreateWorkspaceAsync("Digest Beta");
        var notOptedIn = await db.AddMemberAsync(w, UserRole.Member);
        var honolulu = await db.AddMemberAsync(w, UserRole.Member);
        await using (var ctx = db.CreateContext(second.Tenant()))
        {
            ctx.WorkspaceMembers.Add(new WorkspaceMember { UserId = w.OwnerUserId, Role = UserRole.Member, JoinedAt = DateTime.UtcNow });
            await ctx.SaveChangesAsync();
        }
        await host.PreferencesAsync(w.OwnerUserId, p => (p.DailyDigest, p.TimeZone) = (true, "UTC"));
        await host.PreferencesAsync(honolulu.UserId, p => (p.DailyDigest, p.TimeZone) = (true, "Pacific/Honolulu"));
        var now = host.Now;
        await host.AddAsync(w.Id, w.OwnerUserId, "Alpha task assigned", now.AddHours(-3));
        await host.AddAsync(w.Id, w.OwnerUserId, "Alpha <mention>", now.AddHours(-2));
        await host.AddAsync(w.Id, w.OwnerUserId, "Alpha already read", now.AddHours(-2), read: true);
        await host.AddAsync(w.Id, w.OwnerUserId, "Alpha dismissed", now.AddHours(-2), dismissed: true);
        await host.AddAsync(second.Id, w.OwnerUserId, "Beta invoice paid", now.AddHours(-1));
        await host.AddAsync(w.Id, notOptedIn.UserId, "Not opted in", now.AddHours(-1));
        await host.AddAsync(w.Id, honolulu.UserId, "Honolulu reminder", now.AddHours(-1));
        await using var job = host.Anonymous();

        await job.Digest.RunAsync();

        var mail = Assert.Single(To(smtp, w.OwnerEmail));
        Assert.Equal("Your GalaxyCo digest: 3 unread", mail.Subject);
        Assert.Contains("Alpha task assigned", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Beta invoice paid", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Digest Alpha", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Digest Beta", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("already read", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("dismissed", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://app.galaxyco.test/w/x/somewhere", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://app.galaxyco.test/w/x/somewhere\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Alpha &lt;mention&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(To(smtp, notOptedIn.Email));
        Assert.Empty(To(smtp, honolulu.Email));
        Assert.Equal(now, (await host.ReadPreferencesAsync(w.OwnerUserId)).LastDigestAt!.Value, TimeSpan.FromMilliseconds(1));

        // Later the same day, hourly runs send nothing more, even with something new.
        await host.AddAsync(w.Id, w.OwnerUserId, "Alpha later that day", now.AddHours(1));
        host.Clock.Now = host.Clock.Now.AddHours(2);
        await job.Digest.RunAsync();
        Assert.Single(To(smtp, w.OwnerEmail));

        // 08:00 in Honolulu (18:00 UTC): that person's turn.
        host.Clock.Now = new DateTimeOffset(2026, 6, 10, 18, 0, 0, TimeSpan.Zero);
        await job.Digest.RunAsync();
        Assert.Equal("Your GalaxyCo digest: 1 unread", Assert.Single(To(smtp, honolulu.Email)).Subject);
        Assert.Single(To(smtp, w.OwnerEmail));

        // Next morning (UTC): only what arrived since the last digest.
        host.Clock.Now = new DateTimeOffset(2026, 6, 11, 8, 0, 0, TimeSpan.Zero);
        await job.Digest.RunAsync();
        var next = To(smtp, w.OwnerEmail);
        Assert.Equal(2, next.Count);
        var latest = next.Single(m => (m.TextBody ?? "").Contains("Alpha later that day", StringComparison.Ordinal));
        Assert.Equal("Your GalaxyCo digest: 1 unread", latest.Subject);
        Assert.DoesNotContain("Alpha task assigned", latest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ConcurrentRuns_SendOneDigest()
    {
        await using var smtp = new LoopbackSmtpServer();
        using var host = new NotificationHost(db, smtp.Port, new DateTimeOffset(2026, 6, 12, 9, 0, 0, TimeSpan.Zero));
        var w = await db.CreateWorkspaceAsync("Digest Race");
        await host.PreferencesAsync(w.OwnerUserId, p => (p.DailyDigest, p.TimeZone) = (true, "UTC"));
        await host.AddAsync(w.Id, w.OwnerUserId, "Race item", host.Now.AddHours(-1));
        await using var one = host.Anonymous();
        await using var two = host.Anonymous();

        await Task.WhenAll(one.Digest.RunAsync(), two.Digest.RunAsync());

        Assert.Single(To(smtp, w.OwnerEmail));
    }

    [Fact]
    public async Task RunAsync_MailNotConfigured_SendsNothingAndKeepsLastDigest()
    {
        using var host = new NotificationHost(db, now: new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero));
        var w = await db.CreateWorkspaceAsync("Digest No Mail");
        await host.PreferencesAsync(w.OwnerUserId, p => p.DailyDigest = true);
        await host.AddAsync(w.Id, w.OwnerUserId, "Unread", host.Now.AddHours(-1));
        await using var job = host.Anonymous();

        Assert.Equal(0, await job.Digest.RunAsync());
        Assert.Empty(host.FolderMail());
        Assert.Null((await host.ReadPreferencesAsync(w.OwnerUserId)).LastDigestAt);
    }

    [Theory]
    [InlineData("UTC", "2026-06-10T08:00:00Z")]
    [InlineData("Pacific/Honolulu", "2026-06-10T18:00:00Z")]
    [InlineData("Europe/Berlin", "2026-06-10T06:00:00Z")]
    [InlineData("Not/AZone", "2026-06-10T08:00:00Z")]
    public void DueAt_LocalEightOClock_InUtc(string zone, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
            NotificationDigestJob.DueAt(new DateTime(2026, 6, 10, 15, 0, 0, DateTimeKind.Utc), zone, 8));
}
