using GalaxyCo.Data;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Calendar.CalendarTestData;
using IcalCalendar = Ical.Net.Calendar;

namespace GalaxyCo.Domain.Tests.Calendar;

[Collection(PostgresCollection.Name)]
public sealed class CalendarFeedServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CalendarHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task RenderFeedAsync_ValidSecret_ServesTheOwnersEventsOnly()
    {
        var w = await db.CreateWorkspaceAsync("Feed Own");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        var soon = DateTime.UtcNow.Date.AddDays(3).AddHours(15);
        await using (var owner = await host.OwnerOfAsync(w))
        {
            Ok(await owner.Events.CreateAsync(Single("Mine", soon)));
            Ok(await owner.Events.CreateAsync(Weekly("Invited weekly", soon.AddDays(-100)) with { Attendees = [new AttendeeInput(member.Email)] }));
        }
        await using var actor = await host.ActAsync(w.Slug, member.UserId);
        Ok(await actor.Events.CreateAsync(Single("Member's own", soon.AddHours(2))));
        var secret = Ok(await actor.Feeds.CreateTokenAsync());

        Assert.StartsWith($"{w.Id:N}.", secret.Secret, StringComparison.Ordinal);
        var stored = await host.ReadAsync(w.Id, c => c.CalendarFeedTokens.SingleAsync(t => t.Id == secret.TokenId));
        Assert.Equal(CalendarFeedService.Hash(secret.Secret), stored.TokenHash);
        Assert.DoesNotContain(secret.Secret.Split('.')[1], stored.TokenHash, StringComparison.Ordinal);

        await using var anonymous = host.Anonymous();
        var feed = Ok(await anonymous.Feeds.RenderFeedAsync(secret.Secret));
        var calendar = IcalCalendar.Load(feed.Content)!;
        Assert.Equal(["Invited weekly", "Member's own"], calendar.Events.Select(e => e.Summary).Order());
        Assert.NotNull(calendar.Events.Single(e => e.Summary == "Invited weekly").RecurrenceRule);
        Assert.NotNull((await host.ReadAsync(w.Id, c => c.CalendarFeedTokens.SingleAsync(t => t.Id == secret.TokenId))).LastUsedAt);
    }

    [Fact]
    public async Task RevokeAsync_Token_StopsTheFeedAtOnce()
    {
        var w = await db.CreateWorkspaceAsync("Feed Revoke");
        await using var owner = await host.OwnerOfAsync(w);
        var secret = Ok(await owner.Feeds.CreateTokenAsync());
        await using var anonymous = host.Anonymous();
        Assert.True((await anonymous.Feeds.RenderFeedAsync(secret.Secret)).Succeeded);

        Assert.True((await owner.Feeds.RevokeAsync(secret.TokenId)).Succeeded);

        Assert.Equal(ResultStatus.NotFound, (await anonymous.Feeds.RenderFeedAsync(secret.Secret)).Status);
        Assert.False(Assert.Single(await owner.Feeds.ListTokensAsync()).IsActive);
    }

    [Fact]
    public async Task RenderFeedAsync_SecretPointedAtAnotherWorkspaceOrMangled_AnswersNotFound()
    {
        var a = await db.CreateWorkspaceAsync("Feed Tenant A");
        var b = await db.CreateWorkspaceAsync("Feed Tenant B");
        CalendarFeedSecret secret;
        await using (var owner = await host.OwnerOfAsync(a))
            secret = Ok(await owner.Feeds.CreateTokenAsync());
        var random = secret.Secret.Split('.')[1];
        await using var anonymous = host.Anonymous();

        foreach (var attempt in new[] { $"{b.Id:N}.{random}", $"{a.Id:N}.{random}x", random, "", $"{a.Id:N}", "../../etc/passwd" })
            Assert.Equal(ResultStatus.NotFound, (await anonymous.Feeds.RenderFeedAsync(attempt)).Status);

        await using var bOwner = await host.OwnerOfAsync(b);
        Assert.Equal(ResultStatus.NotFound, (await bOwner.Feeds.RevokeAsync(secret.TokenId)).Status);
        Assert.Empty(await bOwner.Feeds.ListTokensAsync());
    }
}
