using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work.Tasks;

namespace GalaxyCo.Domain.Tests.Notifications;

/// <summary>Every new source writes its notification in the same save as its change, and nothing when the change fails.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationSourcesTests(PostgresDatabase db) : IDisposable
{
    private readonly NotificationHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task ProspectUpdate_AssignedToSomeoneElse_NotifiesTheNewOwnerOnly()
    {
        var w = await db.CreateWorkspaceAsync("Src Prospect");
        var seller = await db.AddMemberAsync(w, UserRole.Member);
        await using var a = await host.OwnerOfAsync(w);
        var created = await a.Prospects.CreateAsync(new ProspectInput { Name = "Big Deal", AssignedTo = w.OwnerUserId });
        Assert.True(created.Succeeded, created.Message);
        Assert.Empty(await host.NotificationsOfAsync(w.Id, w.OwnerUserId));

        var stale = created.Value!.Version;
        var moved = await a.Prospects.UpdateAsync(created.Value.Id, new ProspectInput { Name = "Big Deal", AssignedTo = seller.UserId }, stale);
        Assert.True(moved.Succeeded, moved.Message);
        var notice = Assert.Single(await host.NotificationsOfAsync(w.Id, seller.UserId));
        Assert.Equal(NotificationType.Assignment, notice.Type);
        Assert.Equal(NotificationCategories.Assignment, notice.Metadata[NotificationCategories.MetadataKey]);
        Assert.Equal($"/w/{w.Slug}/crm/prospects/{created.Value.Id}", notice.ActionUrl);
        Assert.Equal("Big Deal", notice.Message);

        // A stale save (conflict) and an invalid one tell nobody.
        var third = await db.AddMemberAsync(w, UserRole.Member);
        Assert.Equal(ResultStatus.Conflict, (await a.Prospects.UpdateAsync(created.Value.Id, new ProspectInput { Name = "Big Deal", AssignedTo = third.UserId }, stale)).Status);
        Assert.Equal(ResultStatus.Invalid, (await a.Prospects.UpdateAsync(created.Value.Id, new ProspectInput { Name = "", AssignedTo = third.UserId }, moved.Value!.Version)).Status);
        Assert.Empty(await host.NotificationsOfAsync(w.Id, third.UserId));
        // Unchanged owner: no second notice.
        Assert.True((await a.Prospects.UpdateAsync(created.Value.Id, new ProspectInput { Name = "Bigger Deal", AssignedTo = seller.UserId }, moved.Value.Version)).Succeeded);
        Assert.Single(await host.NotificationsOfAsync(w.Id, seller.UserId));
    }

    [Fact]
    public async Task CustomerCreate_WithAnotherOwner_NotifiesThem()
    {
        var w = await db.CreateWorkspaceAsync("Src Customer");
        var seller = await db.AddMemberAsync(w, UserRole.Member);
        await using var a = await host.OwnerOfAsync(w);

        var created = await a.Customers.CreateAsync(new CustomerInput { Name = "Globex", AssignedTo = seller.UserId });

        Assert.True(created.Succeeded, created.Message);
        var notice = Assert.Single(await host.NotificationsOfAsync(w.Id, seller.UserId));
        Assert.Equal($"/w/{w.Slug}/crm/customers/{created.Value!.Id}", notice.ActionUrl);
    }

    [Fact]
    public async Task BulkAssign_ManyRecords_IsOneNoticeAndFewAreOneEach()
    {
        var w = await db.CreateWorkspaceAsync("Src Bulk");
        var seller = await db.AddMemberAsync(w, UserRole.Member);
        var other = await db.AddMemberAsync(w, UserRole.Member);
        await using var a = await host.OwnerOfAsync(w);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await a.Prospects.CreateAsync(new ProspectInput { Name = $"P{i}" })).Value!.Id);

        var many = await a.Bulk.AssignAsync(CrmRecordType.Prospect, ids, seller.UserId);
        var few = await a.Bulk.AssignAsync(CrmRecordType.Prospect, ids.Take(2).ToList(), other.UserId);

        Assert.Equal(5, many.Value!.Changed);
        var summary = Assert.Single(await host.NotificationsOfAsync(w.Id, seller.UserId));
        Assert.Contains("5 prospects", summary.Title, StringComparison.Ordinal);
        Assert.Equal(2, few.Value!.Changed);
        Assert.Equal(2, (await host.NotificationsOfAsync(w.Id, other.UserId)).Count);
        // Invalid assignee: nothing changes, nobody is told.
        Assert.Equal(ResultStatus.Invalid, (await a.Bulk.AssignAsync(CrmRecordType.Prospect, ids, Guid.NewGuid())).Status);
    }

    [Fact]
    public async Task PaymentRecorded_InvoiceFullyPaid_NotifiesItsCreator()
    {
        var w = await db.CreateWorkspaceAsync("Src Paid");
        var creator = await db.AddMemberAsync(w, UserRole.Admin);
        var invoice = await host.SentInvoiceAsync(w, creator.UserId, 10_000);
        var own = await host.SentInvoiceAsync(w, w.OwnerUserId, 5_000);
        await using var a = await host.OwnerOfAsync(w);

        Assert.True((await a.Payments.RecordAsync(invoice.Id, new PaymentInput(4_000, new DateOnly(2026, 6, 9), PaymentMethods.Card))).Succeeded);
        Assert.Empty(await host.NotificationsOfAsync(w.Id, creator.UserId));
        Assert.Equal(ResultStatus.Invalid, (await a.Payments.RecordAsync(invoice.Id, new PaymentInput(6_001, new DateOnly(2026, 6, 9), PaymentMethods.Card))).Status);
        Assert.Empty(await host.NotificationsOfAsync(w.Id, creator.UserId));

        var paid = await a.Payments.RecordAsync(invoice.Id, new PaymentInput(6_000, new DateOnly(2026, 6, 10), PaymentMethods.Card));
        Assert.True(paid.Succeeded, paid.Message);
        var notice = Assert.Single(await host.NotificationsOfAsync(w.Id, creator.UserId));
        Assert.Equal(NotificationCategories.Invoice, notice.Metadata[NotificationCategories.MetadataKey]);
        Assert.Equal($"Invoice {invoice.InvoiceNumber} was paid", notice.Title);
        Assert.Equal($"/w/{w.Slug}/invoices/{invoice.Id}", notice.ActionUrl);

        // The owner paying their own invoice is not told about it.
        Assert.True((await a.Payments.RecordAsync(own.Id, new PaymentInput(5_000, new DateOnly(2026, 6, 10), PaymentMethods.Cash))).Succeeded);
        Assert.Empty(await host.NotificationsOfAsync(w.Id, w.OwnerUserId));
    }

    [Fact]
    public async Task AcceptAsync_InvitationAccepted_NotifiesTheInviter()
    {
        var w = await db.CreateWorkspaceAsync("Src Invite");
        var email = $"joiner-{Guid.NewGuid():N}@example.com";
        await using (var a = await host.OwnerOfAsync(w))
            Assert.True((await a.Invitations.InviteAsync(email, UserRole.Member, "http://localhost:5080/")).Succeeded);
        var mail = host.FolderMail().Single(m => m.To.Mailboxes.Any(b => b.Address == email));
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+").Value;
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var joiner = await db.AddMemberAsync(await db.CreateWorkspaceAsync("Src Invite Elsewhere"), UserRole.Member, email);

        await using var j = host.Anonymous(joiner.UserId);
        var accepted = await j.Invitations.AcceptAsync(token, joiner.UserId);

        Assert.True(accepted.Succeeded, accepted.Message);
        var notice = Assert.Single(await host.NotificationsOfAsync(w.Id, w.OwnerUserId));
        Assert.Equal(NotificationCategories.Invitation, notice.Metadata[NotificationCategories.MetadataKey]);
        Assert.Contains("accepted your invitation", notice.Message, StringComparison.Ordinal);
        Assert.Empty(await host.NotificationsOfAsync(w.Id, joiner.UserId));
    }

    [Fact]
    public async Task TaskDescription_NewMention_NotifiesOnlyNewlyMentionedOthers()
    {
        var w = await db.CreateWorkspaceAsync("Src Mention");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        var admin = await db.AddMemberAsync(w, UserRole.Admin);
        await using var a = await host.OwnerOfAsync(w);

        var created = await a.Tasks.CreateAsync(new TaskInput { Title = "Review", Description = $"@Member please look; @{w.OwnerEmail} noted" });
        Assert.True(created.Succeeded, created.Message);
        var notice = Assert.Single(await host.NotificationsOfAsync(w.Id, member.UserId));
        Assert.Equal(NotificationType.Mention, notice.Type);
        Assert.Equal(NotificationCategories.Mention, notice.Metadata[NotificationCategories.MetadataKey]);
        Assert.Equal($"/w/{w.Slug}/work/tasks/{created.Value!.Id}", notice.ActionUrl);
        Assert.Empty(await host.NotificationsOfAsync(w.Id, w.OwnerUserId));

        var edited = await a.Tasks.UpdateAsync(created.Value.Id, TaskInput.From(created.Value) with { Description = "@Member again, and @Admin too" }, created.Value.Version);
        Assert.True(edited.Succeeded, edited.Message);
        Assert.Single(await host.NotificationsOfAsync(w.Id, member.UserId));
        Assert.Single(await host.NotificationsOfAsync(w.Id, admin.UserId));

        // A conflicting save mentions nobody.
        var third = await db.AddMemberAsync(w, UserRole.Viewer);
        var stale = await a.Tasks.UpdateAsync(created.Value.Id, TaskInput.From(created.Value) with { Description = "@Viewer look" }, created.Value.Version);
        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Empty(await host.NotificationsOfAsync(w.Id, third.UserId));
    }
}
