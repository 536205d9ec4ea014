using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CrmActivityServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    private static ProspectInput Prospect(string name = "Dana Lee") => new() { Name = name, Email = "dana@initech.test", Company = "Initech" };

    [Fact]
    public async Task AddNoteAsync_ThenListAsync_ShowsTheNoteWithItsAuthorAndMentions()
    {
        var w = await db.CreateWorkspaceAsync("Activity Note");
        var colleague = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));

        var id = CrmAssert.Ok(await owner.Activities.AddNoteAsync(CrmRecordType.Prospect, p.Id, new NoteInput { Body = "  Loves the demo, @colleague follow up  ", Mentions = [colleague.UserId] }));

        var page = CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Prospect, p.Id));
        var note = Assert.Single(page.Items, i => i.Kind == TimelineKind.Note);
        Assert.Equal((id, "Loves the demo, @colleague follow up", (Guid?)w.OwnerUserId, true), (note.ActivityId!.Value, note.Body, note.ActorId, note.CanEdit));
        Assert.Equal(colleague.UserId, Assert.Single(note.Mentions).UserId);
        // The mentioned colleague is told, the writer is not.
        var notified = await host.ReadAsync(w.Id, ctx => ctx.Notifications.Where(n => n.Type == NotificationType.Mention).Select(n => n.UserId).ToListAsync());
        Assert.Equal([colleague.UserId], notified);
    }

    [Fact]
    public async Task AddNoteAsync_MentioningSomeoneOutsideTheWorkspace_IsInvalid()
    {
        var w = await db.CreateWorkspaceAsync("Activity Mentions");
        var other = await db.CreateWorkspaceAsync("Activity Mentions Other");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));

        var result = await owner.Activities.AddNoteAsync(CrmRecordType.Prospect, p.Id, new NoteInput { Body = "hi", Mentions = [other.OwnerUserId] });

        CrmAssert.InvalidField(result, "mentions", "members of this workspace");
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.CrmActivities.CountAsync()));
    }

    [Fact]
    public async Task AddNoteAsync_Empty_IsInvalid()
    {
        var w = await db.CreateWorkspaceAsync("Activity Empty");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));

        CrmAssert.InvalidField(await owner.Activities.AddNoteAsync(CrmRecordType.Prospect, p.Id, new NoteInput { Body = "   " }), "body", "Write something");
    }

    [Fact]
    public async Task LogInteractionAsync_OnProspect_CountsTheInteractionAndMovesLastContactedForward()
    {
        var w = await db.CreateWorkspaceAsync("Activity Call");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));
        var yesterday = DateTime.UtcNow.AddDays(-1);
        var lastWeek = DateTime.UtcNow.AddDays(-7);

        CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, p.Id, new InteractionInput { Kind = CrmActivityKind.Call, Body = "Intro call", OccurredAt = yesterday, DurationMinutes = 25 }));
        CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, p.Id, new InteractionInput { Kind = CrmActivityKind.Email, OccurredAt = lastWeek }));

        var after = CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id));
        Assert.Equal(2, after.InteractionCount);
        // The older email does not move last-contacted back.
        Assert.Equal(yesterday, after.LastContactedAt!.Value, TimeSpan.FromMilliseconds(1));
        var call = Assert.Single(CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Prospect, p.Id)).Items, i => i.Kind == TimelineKind.Call);
        Assert.Equal("25", call.Data["durationMinutes"]);
    }

    [Fact]
    public async Task LogInteractionAsync_OnContactAndCustomer_SetsLastContacted()
    {
        var w = await db.CreateWorkspaceAsync("Activity Touch");
        await using var owner = await host.OwnerOfAsync(w);
        var customer = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Acme" }));
        var contact = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "ann@acme.test" }));

        CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Customer, customer.Id, new InteractionInput { Kind = CrmActivityKind.Meeting }));
        CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Contact, contact.Id, new InteractionInput { Kind = CrmActivityKind.Call }));

        Assert.NotNull(CrmAssert.Ok(await owner.Customers.GetAsync(customer.Id)).LastContactedAt);
        Assert.NotNull(CrmAssert.Ok(await owner.Contacts.GetAsync(contact.Id)).LastContactedAt);
    }

    [Fact]
    public async Task LogInteractionAsync_InTheFutureOrWithABadDuration_IsInvalid()
    {
        var w = await db.CreateWorkspaceAsync("Activity Future");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));

        CrmAssert.InvalidField(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, p.Id, new InteractionInput { OccurredAt = DateTime.UtcNow.AddDays(2) }), "occurredAt", "already happened");
        CrmAssert.InvalidField(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, p.Id, new InteractionInput { DurationMinutes = 0 }), "durationMinutes", "1 to");
        CrmAssert.InvalidField(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, p.Id, new InteractionInput { Kind = CrmActivityKind.Merge }), "kind", "call, email or meeting");
        Assert.Equal(0, CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id)).InteractionCount);
    }

    [Fact]
    public async Task UpdateAsync_AndDeleteAsync_OwnNote_Works_AndDeletingACallUncountsIt()
    {
        var w = await db.CreateWorkspaceAsync("Activity Edit");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));
        var noteId = CrmAssert.Ok(await owner.Activities.AddNoteAsync(CrmRecordType.Prospect, p.Id, new NoteInput { Body = "first" }));
        var callId = CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, p.Id, new InteractionInput { Kind = CrmActivityKind.Call }));
        var note = Assert.Single(CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Prospect, p.Id)).Items, i => i.ActivityId == noteId);

        Assert.True((await owner.Activities.UpdateAsync(noteId, new NoteInput { Body = "second" }, note.Version)).Succeeded);
        // A second edit from the same stale copy loses.
        Assert.Equal(ResultStatus.Conflict, (await owner.Activities.UpdateAsync(noteId, new NoteInput { Body = "third" }, note.Version)).Status);
        Assert.True((await owner.Activities.DeleteAsync(callId)).Succeeded);

        var items = CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Prospect, p.Id)).Items;
        Assert.Equal("second", Assert.Single(items, i => i.ActivityId == noteId).Body);
        Assert.DoesNotContain(items, i => i.ActivityId == callId);
        Assert.Equal(0, CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id)).InteractionCount);
    }

    [Fact]
    public async Task UpdateAsync_SomeoneElsesNote_IsForbiddenForAMember_ButAllowedForAnAdmin()
    {
        var w = await db.CreateWorkspaceAsync("Activity Others");
        var writer = await db.AddMemberAsync(w, UserRole.Member);
        var other = await db.AddMemberAsync(w, UserRole.Member);
        var admin = await db.AddMemberAsync(w, UserRole.Admin);
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));
        await using var writerActor = await host.ActAsync(w.Slug, writer.UserId);
        var noteId = CrmAssert.Ok(await writerActor.Activities.AddNoteAsync(CrmRecordType.Prospect, p.Id, new NoteInput { Body = "mine" }));

        await using var otherActor = await host.ActAsync(w.Slug, other.UserId);
        var seenByOther = Assert.Single(CrmAssert.Ok(await otherActor.Timeline.ListAsync(CrmRecordType.Prospect, p.Id)).Items, i => i.ActivityId == noteId);
        Assert.False(seenByOther.CanEdit);
        Assert.Equal(ResultStatus.Forbidden, (await otherActor.Activities.UpdateAsync(noteId, new NoteInput { Body = "hijacked" }, seenByOther.Version)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await otherActor.Activities.DeleteAsync(noteId)).Status);

        await using var adminActor = await host.ActAsync(w.Slug, admin.UserId);
        Assert.True((await adminActor.Activities.DeleteAsync(noteId)).Succeeded);
    }

    [Fact]
    public async Task Viewer_CanReadTheTimeline_ButNotWrite()
    {
        var w = await db.CreateWorkspaceAsync("Activity Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));
        var noteId = CrmAssert.Ok(await owner.Activities.AddNoteAsync(CrmRecordType.Prospect, p.Id, new NoteInput { Body = "visible" }));
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Contains(CrmAssert.Ok(await reader.Timeline.ListAsync(CrmRecordType.Prospect, p.Id)).Items, i => i.ActivityId == noteId);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Activities.AddNoteAsync(CrmRecordType.Prospect, p.Id, new NoteInput { Body = "no" })).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Activities.LogInteractionAsync(CrmRecordType.Prospect, p.Id, new InteractionInput())).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Activities.DeleteAsync(noteId)).Status);
    }

    [Fact]
    public async Task AnotherWorkspacesRecordOrNote_AnswersNotFound()
    {
        var a = await db.CreateWorkspaceAsync("Activity Tenancy A");
        var b = await db.CreateWorkspaceAsync("Activity Tenancy B");
        await using var ownerA = await host.OwnerOfAsync(a);
        await using var ownerB = await host.OwnerOfAsync(b);
        var theirs = CrmAssert.Ok(await ownerB.Prospects.CreateAsync(Prospect()));
        var theirNote = CrmAssert.Ok(await ownerB.Activities.AddNoteAsync(CrmRecordType.Prospect, theirs.Id, new NoteInput { Body = "secret" }));

        Assert.Equal(ResultStatus.NotFound, (await ownerA.Timeline.ListAsync(CrmRecordType.Prospect, theirs.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Activities.AddNoteAsync(CrmRecordType.Prospect, theirs.Id, new NoteInput { Body = "x" })).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Activities.LogInteractionAsync(CrmRecordType.Prospect, theirs.Id, new InteractionInput())).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Activities.UpdateAsync(theirNote, new NoteInput { Body = "x" }, 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Activities.DeleteAsync(theirNote)).Status);
        Assert.Equal("secret", Assert.Single(CrmAssert.Ok(await ownerB.Timeline.ListAsync(CrmRecordType.Prospect, theirs.Id)).Items, i => i.ActivityId == theirNote).Body);
        Assert.Equal(0, CrmAssert.Ok(await ownerB.Prospects.GetAsync(theirs.Id)).InteractionCount);
    }

    [Fact]
    public async Task ListAsync_MergesActivitiesTasksEventsAndEdits_NewestFirst_AndPagesWithoutGapsOrRepeats()
    {
        var w = await db.CreateWorkspaceAsync("Timeline Merge");
        await using var owner = await host.OwnerOfAsync(w);
        var customer = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Acme" }));
        CrmAssert.Ok(await owner.Customers.UpdateAsync(customer.Id, new CustomerInput { Name = "Acme Corp" }, customer.Version));
        CrmAssert.Ok(await owner.Activities.AddNoteAsync(CrmRecordType.Customer, customer.Id, new NoteInput { Body = "note" }));
        CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Customer, customer.Id, new InteractionInput { Kind = CrmActivityKind.Call, OccurredAt = DateTime.UtcNow.AddDays(-3) }));
        await using (var ctx = host.Context(w.Id))
        {
            ctx.Tasks.Add(new WorkTask { Title = "Send contract", CustomerId = customer.Id });
            ctx.CalendarEvents.Add(new CalendarEvent { Title = "Kickoff", CustomerId = customer.Id, StartTime = DateTime.UtcNow.AddDays(-2), EndTime = DateTime.UtcNow.AddDays(-2).AddHours(1) });
            ctx.Tasks.Add(new WorkTask { Title = "Unrelated task" });
            await ctx.SaveChangesAsync();
        }

        var all = CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Customer, customer.Id, take: 100)).Items;

        Assert.Equal(all.OrderByDescending(i => i.OccurredAt).Select(i => i.Key), all.Select(i => i.Key));
        Assert.Contains(all, i => i.Kind == TimelineKind.Note);
        Assert.Contains(all, i => i.Kind == TimelineKind.Call);
        Assert.Contains(all, i => i.Kind == TimelineKind.Task && i.Title == "Send contract");
        Assert.Contains(all, i => i.Kind == TimelineKind.Event && i.Title == "Kickoff");
        Assert.DoesNotContain(all, i => i.Title == "Unrelated task");
        Assert.Contains(all, i => i.Kind == TimelineKind.Edit && i.Title == "Created");
        var rename = Assert.Single(all, i => i.Kind == TimelineKind.Edit && i.Changes.Any(c => c.Field == "name"));
        Assert.Equal(("Acme", "Acme Corp"), (rename.Changes.Single(c => c.Field == "name").Before, rename.Changes.Single(c => c.Field == "name").After));
        // The interaction's own side effect (last_contacted_at) is not shown as an edit.
        Assert.DoesNotContain(all, i => i.Changes.Any(c => c.Field == "last_contacted_at"));

        var paged = new List<TimelineItem>();
        DateTime? before = null;
        for (var guard = 0; guard < 20; guard++)
        {
            var page = CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Customer, customer.Id, before, take: 2));
            paged.AddRange(page.Items);
            if (!page.HasMore) break;
            before = page.NextBefore;
        }
        Assert.Equal(all.Select(i => i.Key), paged.Select(i => i.Key));
    }

    [Fact]
    public async Task ListAsync_ShowsStageMovesOfTheProspect()
    {
        var w = await db.CreateWorkspaceAsync("Timeline Stage");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(Prospect()));
        CrmAssert.Ok(await owner.Board.MoveAsync(p.Id, ProspectStage.Qualified, null, null, p.Version));

        var items = CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Prospect, p.Id)).Items;

        var move = Assert.Single(items, i => i.Kind == TimelineKind.StageChange);
        Assert.Equal("Moved to Qualified", move.Title);
    }
}
