using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CrmBulkServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task AssignAsync_SetsTheOwnerOfEveryRecord_AndAuditsEachOne()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Assign");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var ids = await ProspectsAsync(owner, "A", "B", "C");

        var result = CrmAssert.Ok(await owner.Bulk.AssignAsync(CrmRecordType.Prospect, ids[..2], member.UserId));

        Assert.Equal((2, 0), (result.Changed, result.NotFound.Count));
        var owners = await host.ReadAsync(w.Id, ctx => ctx.Prospects.OrderBy(p => p.Name).Select(p => p.AssignedTo).ToListAsync());
        Assert.Equal([member.UserId, member.UserId, null], owners);
        var audited = await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.Where(l => l.Action == "update" && l.ResourceType == "prospect").Select(l => l.ResourceId!).ToListAsync());
        Assert.Equal(ids[..2].Order(), audited.Select(Guid.Parse).Order());
    }

    [Fact]
    public async Task AssignAsync_ToSomeoneOutsideTheWorkspace_IsInvalidAndChangesNothing()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Assign Outsider");
        var other = await db.CreateWorkspaceAsync("Bulk Assign Elsewhere");
        await using var owner = await host.OwnerOfAsync(w);
        var ids = await ProspectsAsync(owner, "A");

        CrmAssert.InvalidField(await owner.Bulk.AssignAsync(CrmRecordType.Prospect, ids, other.OwnerUserId), "assignedTo", "member of this workspace");
        Assert.Null(await host.ReadAsync(w.Id, ctx => ctx.Prospects.Select(p => p.AssignedTo).SingleAsync()));
    }

    [Fact]
    public async Task AddTagAndRemoveTag_NormaliseTheTag_AndSkipRecordsThatNeedNoChange()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Tags");
        await using var owner = await host.OwnerOfAsync(w);
        var tagged = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Tagged", Tags = ["vip"] }));
        var plain = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Plain", Tags = ["other"] }));

        var added = CrmAssert.Ok(await owner.Bulk.AddTagAsync(CrmRecordType.Customer, [tagged.Id, plain.Id], "  VIP "));
        Assert.Equal(1, added.Changed);
        Assert.Equal(["other", "vip"], CrmAssert.Ok(await owner.Customers.GetAsync(plain.Id)).Tags);
        Assert.Equal(2, CrmAssert.Ok(await owner.Customers.ListAsync(new CustomerQuery { Tag = "vip" })).Total);

        var removed = CrmAssert.Ok(await owner.Bulk.RemoveTagAsync(CrmRecordType.Customer, [tagged.Id, plain.Id], "vip"));
        Assert.Equal(2, removed.Changed);
        Assert.Equal(["other"], CrmAssert.Ok(await owner.Customers.GetAsync(plain.Id)).Tags);
        Assert.Empty(CrmAssert.Ok(await owner.Customers.GetAsync(tagged.Id)).Tags);

        CrmAssert.InvalidField(await owner.Bulk.AddTagAsync(CrmRecordType.Customer, [plain.Id], "  "), "tag", "Type a tag");
        CrmAssert.InvalidField(await owner.Bulk.AddTagAsync(CrmRecordType.Customer, [plain.Id], new string('x', 41)), "tag", "40 characters");
    }

    [Fact]
    public async Task AddTagAsync_OnContacts_Works()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Tags Contacts");
        await using var owner = await host.OwnerOfAsync(w);
        var c = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Ann", Email = "ann@bulk.test" }));

        Assert.Equal(1, CrmAssert.Ok(await owner.Bulk.AddTagAsync(CrmRecordType.Contact, [c.Id], "partner")).Changed);

        Assert.Equal(["partner"], CrmAssert.Ok(await owner.Contacts.GetAsync(c.Id)).Tags);
    }

    [Fact]
    public async Task ChangeStageAsync_PutsMovedCardsAtTheBottomInOrder_AndWritesStageChangedEvents()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Stage");
        await using var owner = await host.OwnerOfAsync(w);
        var there = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Already there", Stage = ProspectStage.Proposal }));
        var first = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "First", Stage = ProspectStage.New }));
        var second = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Second", Stage = ProspectStage.New }));

        var result = CrmAssert.Ok(await owner.Bulk.ChangeStageAsync([second.Id, first.Id, there.Id], ProspectStage.Proposal));

        Assert.Equal(2, result.Changed);
        var column = CrmAssert.Ok(await owner.Board.GetColumnAsync(ProspectStage.Proposal));
        Assert.Equal(["Already there", "First", "Second"], column.Cards.Select(c => c.Name));
        Assert.Equal(there.Position, column.Cards[0].Position);
        var events = await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.Where(m => m.EventType == ProspectEvents.StageChanged).ToListAsync());
        Assert.Equal([first.Id.ToString(), second.Id.ToString()], events.Select(e => e.Payload["prospectId"]).Order());
        Assert.All(events, e => Assert.Equal(("new", "proposal"), (e.Payload["from"], e.Payload["to"])));
    }

    [Fact]
    public async Task DeleteAsync_DeletesInOneGo_AndAuditsEachRecord()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Delete");
        await using var owner = await host.OwnerOfAsync(w);
        var ids = await ProspectsAsync(owner, "A", "B", "C");

        var result = CrmAssert.Ok(await owner.Bulk.DeleteAsync(CrmRecordType.Prospect, ids[..2]));

        Assert.Equal(2, result.Changed);
        Assert.Equal(["C"], await host.ReadAsync(w.Id, ctx => ctx.Prospects.Select(p => p.Name).ToListAsync()));
        Assert.Equal(2, await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.CountAsync(l => l.Action == "delete" && l.ResourceType == "prospect")));
    }

    [Fact]
    public async Task ScheduleDelete_DeletesNothingUntilCommitted_AndUndoKeepsEverything()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Undo");
        await using var owner = await host.OwnerOfAsync(w);
        var ids = await ProspectsAsync(owner, "A", "B", "C");

        var undone = CrmAssert.Ok(owner.Bulk.ScheduleDelete(CrmRecordType.Prospect, ids[..2], TimeSpan.FromHours(1)));
        Assert.Equal(3, await CountAsync(w.Id));
        Assert.True(undone.Undo());
        Assert.Null(await undone.Completion);
        Assert.Null(await undone.CommitNowAsync());
        await undone.DisposeAsync();
        Assert.Equal(3, await CountAsync(w.Id));

        var committed = CrmAssert.Ok(owner.Bulk.ScheduleDelete(CrmRecordType.Prospect, ids[..2], TimeSpan.FromHours(1)));
        Assert.Equal(3, await CountAsync(w.Id));
        var outcome = await committed.CommitNowAsync();
        Assert.False(committed.Undo());
        Assert.Equal(2, CrmAssert.Ok(outcome!).Changed);
        Assert.Equal(1, await CountAsync(w.Id));
    }

    [Fact]
    public async Task ScheduleDelete_CommitsByItselfWhenTheWindowPasses_OrWhenDisposed()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Undo Window");
        await using var owner = await host.OwnerOfAsync(w);
        var ids = await ProspectsAsync(owner, "A", "B");

        var timed = CrmAssert.Ok(owner.Bulk.ScheduleDelete(CrmRecordType.Prospect, [ids[0]], TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, CrmAssert.Ok((await timed.Completion.WaitAsync(TimeSpan.FromSeconds(10)))!).Changed);
        Assert.False(timed.Undo());

        var left = CrmAssert.Ok(owner.Bulk.ScheduleDelete(CrmRecordType.Prospect, [ids[1]], TimeSpan.FromHours(1)));
        await left.DisposeAsync();
        Assert.Equal(0, await CountAsync(w.Id));
    }

    [Fact]
    public async Task BulkActions_AnotherWorkspacesIds_AreNotFoundAndUntouched()
    {
        var a = await db.CreateWorkspaceAsync("Bulk Tenant A");
        var b = await db.CreateWorkspaceAsync("Bulk Tenant B");
        await using var ownerA = await host.OwnerOfAsync(a);
        await using var ownerB = await host.OwnerOfAsync(b);
        var mine = await ProspectsAsync(ownerA, "Mine");
        var theirs = await ProspectsAsync(ownerB, "Theirs");
        var theirCustomer = CrmAssert.Ok(await ownerB.Customers.CreateAsync(new CustomerInput { Name = "Their customer" }));

        Assert.Equal(ResultStatus.NotFound, (await ownerA.Bulk.AssignAsync(CrmRecordType.Prospect, theirs, a.OwnerUserId)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Bulk.AddTagAsync(CrmRecordType.Prospect, theirs, "hijacked")).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Bulk.ChangeStageAsync(theirs, ProspectStage.Lost)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Bulk.DeleteAsync(CrmRecordType.Prospect, theirs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Bulk.DeleteAsync(CrmRecordType.Customer, [theirCustomer.Id])).Status);

        var mixed = CrmAssert.Ok(await ownerA.Bulk.AddTagAsync(CrmRecordType.Prospect, [.. mine, .. theirs], "mixed"));
        Assert.Equal(1, mixed.Changed);
        Assert.Equal(theirs, mixed.NotFound);
        var mixedDelete = CrmAssert.Ok(await ownerA.Bulk.DeleteAsync(CrmRecordType.Prospect, [.. mine, .. theirs]));
        Assert.Equal(1, mixedDelete.Changed);
        Assert.Equal(theirs, mixedDelete.NotFound);

        var still = CrmAssert.Ok(await ownerB.Prospects.GetAsync(theirs[0]));
        Assert.Equal((ProspectStage.New, (Guid?)null, 0), (still.Stage, still.AssignedTo, still.Tags.Count));
        Assert.True((await ownerB.Customers.GetAsync(theirCustomer.Id)).Succeeded);
        Assert.Equal(0, await host.ReadAsync(b.Id, ctx => ctx.OutboxMessages.CountAsync(m => m.EventType == ProspectEvents.StageChanged)));
    }

    [Fact]
    public async Task Viewer_CannotRunAnyBulkAction_AndAMemberWithoutDeleteCannotDelete()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var ids = await ProspectsAsync(owner, "A");
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await reader.Bulk.AssignAsync(CrmRecordType.Prospect, ids, viewer.UserId)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Bulk.AddTagAsync(CrmRecordType.Prospect, ids, "x")).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Bulk.RemoveTagAsync(CrmRecordType.Prospect, ids, "x")).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Bulk.ChangeStageAsync(ids, ProspectStage.Won)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Bulk.DeleteAsync(CrmRecordType.Prospect, ids)).Status);
        Assert.Equal(ResultStatus.Forbidden, reader.Bulk.ScheduleDelete(CrmRecordType.Prospect, ids).Status);

        var noDelete = await db.AddMemberAsync(w, UserRole.Member);
        await using (var ctx = host.Context(w.Id))
        {
            var m = await ctx.WorkspaceMembers.SingleAsync(x => x.Id == noDelete.MemberId);
            m.Permissions = new Dictionary<string, bool> { [GalaxyCo.Domain.Workspaces.Permissions.RecordsDelete] = false };
            await ctx.SaveChangesAsync();
        }
        await using var editor = await host.ActAsync(w.Slug, noDelete.UserId);
        Assert.True((await editor.Bulk.AddTagAsync(CrmRecordType.Prospect, ids, "ok")).Succeeded);
        Assert.Equal(ResultStatus.Forbidden, (await editor.Bulk.DeleteAsync(CrmRecordType.Prospect, ids)).Status);
        Assert.Equal(1, await CountAsync(w.Id));
    }

    [Fact]
    public async Task BulkActions_RefuseNoIdsAndMoreThanTheCap()
    {
        var w = await db.CreateWorkspaceAsync("Bulk Cap");
        await using var owner = await host.OwnerOfAsync(w);
        var tooMany = Enumerable.Range(0, CrmBulkService.MaxIds + 1).Select(_ => Guid.NewGuid()).ToList();

        CrmAssert.InvalidField(await owner.Bulk.AddTagAsync(CrmRecordType.Prospect, [], "x"), "ids", "at least one");
        CrmAssert.InvalidField(await owner.Bulk.AddTagAsync(CrmRecordType.Prospect, tooMany, "x"), "ids", "at most 1,000");
        CrmAssert.InvalidField(await owner.Bulk.DeleteAsync(CrmRecordType.Prospect, tooMany), "ids", "at most 1,000");
        CrmAssert.InvalidField(await owner.Bulk.ChangeStageAsync(tooMany, ProspectStage.Won), "ids", "at most 1,000");
        Assert.Equal(ResultStatus.Invalid, owner.Bulk.ScheduleDelete(CrmRecordType.Prospect, tooMany).Status);
    }

    private static async Task<Guid[]> ProspectsAsync(CrmActor actor, params string[] names)
    {
        var ids = new List<Guid>();
        foreach (var name in names) ids.Add(CrmAssert.Ok(await actor.Prospects.CreateAsync(new ProspectInput { Name = name })).Id);
        return [.. ids];
    }

    private Task<int> CountAsync(Guid workspaceId) => host.ReadAsync(workspaceId, ctx => ctx.Prospects.CountAsync());
}
