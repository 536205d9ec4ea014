using GalaxyCo.Data;
using GalaxyCo.Data.Calendar;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CrmMergeServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task MergeAsync_Customers_RepointsEveryRelatedRow_FillsEmptyFields_AndDeletesTheDuplicate()
    {
        var w = await db.CreateWorkspaceAsync("Merge Customers");
        await using var owner = await host.OwnerOfAsync(w);
        var survivor = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Acme", Email = "hello@acme.test", Tags = ["vip"], CustomFields = new Dictionary<string, string> { ["tier"] = "gold" } }));
        var duplicate = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput
        {
            Name = "ACME Inc", Email = "sales@acme.test", Phone = "+1 555 0199", Industry = "Manufacturing", Tags = ["vip", "east"],
            CustomFields = new Dictionary<string, string> { ["tier"] = "silver", ["region"] = "east" },
        }));
        var contact = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { Email = "ann@acme.test", CustomerId = duplicate.Id }));
        var prospect = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Upsell" }));
        CrmAssert.Ok(await owner.Activities.AddNoteAsync(CrmRecordType.Customer, duplicate.Id, new NoteInput { Body = "note on the duplicate" }));
        Guid projectId, invoiceId, taskId, eventId;
        await using (var ctx = host.Context(w.Id))
        {
            (await ctx.Prospects.SingleAsync(p => p.Id == prospect.Id)).CustomerId = duplicate.Id;
            var project = new Project { Name = "Rollout", CustomerId = duplicate.Id };
            var invoice = new Invoice { InvoiceNumber = "INV-1", CustomerId = duplicate.Id, Total = 500_00 };
            var task = new WorkTask { Title = "Call back", CustomerId = duplicate.Id };
            var ev = new CalendarEvent { Title = "QBR", CustomerId = duplicate.Id, StartTime = DateTime.UtcNow, EndTime = DateTime.UtcNow.AddHours(1) };
            ctx.AddRange(project, invoice, task, ev);
            await ctx.SaveChangesAsync();
            (projectId, invoiceId, taskId, eventId) = (project.Id, invoice.Id, task.Id, ev.Id);
        }

        var outcome = CrmAssert.Ok(await owner.Merge.MergeAsync(CrmRecordType.Customer, survivor.Id, duplicate.Id));

        Assert.Equal(7, outcome.MovedRows);
        Assert.Equal(ResultStatus.NotFound, (await owner.Customers.GetAsync(duplicate.Id)).Status);
        var merged = CrmAssert.Ok(await owner.Customers.GetAsync(survivor.Id));
        Assert.Equal(("Acme", "hello@acme.test", "+1 555 0199", "Manufacturing"), (merged.Name, merged.Email, merged.Phone, merged.Industry));
        Assert.Equal(["east", "vip"], merged.Tags.Order(StringComparer.Ordinal));
        Assert.Equal(("gold", "east"), (merged.CustomFields["tier"], merged.CustomFields["region"]));
        await using (var ctx = host.Context(w.Id))
        {
            Assert.Equal(survivor.Id, (await ctx.Contacts.SingleAsync(c => c.Id == contact.Id)).CustomerId);
            Assert.Equal(survivor.Id, (await ctx.Prospects.SingleAsync(p => p.Id == prospect.Id)).CustomerId);
            Assert.Equal(survivor.Id, (await ctx.Projects.SingleAsync(p => p.Id == projectId)).CustomerId);
            Assert.Equal(survivor.Id, (await ctx.Invoices.SingleAsync(i => i.Id == invoiceId)).CustomerId);
            Assert.Equal(survivor.Id, (await ctx.Tasks.SingleAsync(t => t.Id == taskId)).CustomerId);
            Assert.Equal(survivor.Id, (await ctx.CalendarEvents.SingleAsync(e => e.Id == eventId)).CustomerId);
            Assert.False(await ctx.CrmActivities.AnyAsync(a => a.RecordId == duplicate.Id));
        }
        var timeline = CrmAssert.Ok(await owner.Timeline.ListAsync(CrmRecordType.Customer, survivor.Id, take: 100)).Items;
        Assert.Contains(timeline, i => i.Kind == TimelineKind.Note && i.Body == "note on the duplicate");
        var merge = Assert.Single(timeline, i => i.Kind == TimelineKind.Merge);
        // Values of the duplicate that were not kept are on record.
        Assert.Equal(("ACME Inc", "sales@acme.test", "silver"), (merge.Data["dropped.name"], merge.Data["dropped.email"], merge.Data["dropped.customFields.tier"]));
        // The duplicate's own history (its creation) now shows on the survivor.
        Assert.Equal(2, timeline.Count(i => i.Kind == TimelineKind.Edit && i.Title == "Created"));
    }

    [Fact]
    public async Task MergeAsync_WithChoices_TakesTheChosenValuesFromTheDuplicate()
    {
        var w = await db.CreateWorkspaceAsync("Merge Choices");
        await using var owner = await host.OwnerOfAsync(w);
        var survivor = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Ann", Email = "ann@old.test", Title = "Engineer" }));
        var duplicate = CrmAssert.Ok(await owner.Contacts.CreateAsync(new ContactInput { FirstName = "Annie", LastName = "Smith", Email = "ann@new.test", Title = "CTO" }));

        var preview = CrmAssert.Ok(await owner.Merge.PreviewAsync(CrmRecordType.Contact, survivor.Id, duplicate.Id));
        Assert.True(preview.Fields.Single(f => f.Name == "title").Differs);
        Assert.True(preview.Fields.Single(f => f.Name == "lastName").DuplicateWinsByDefault);

        CrmAssert.Ok(await owner.Merge.MergeAsync(CrmRecordType.Contact, survivor.Id, duplicate.Id,
            new MergeChoices { TakeFromDuplicate = ["email", "title"], SurvivorVersion = preview.SurvivorVersion, DuplicateVersion = preview.DuplicateVersion }));

        var merged = CrmAssert.Ok(await owner.Contacts.GetAsync(survivor.Id));
        Assert.Equal(("Ann", "Smith", "ann@new.test", "CTO"), (merged.FirstName, merged.LastName, merged.Email, merged.Title));
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task MergeAsync_Prospects_SumsInteractionsAndKeepsTheConversionLink()
    {
        var w = await db.CreateWorkspaceAsync("Merge Prospects");
        await using var owner = await host.OwnerOfAsync(w);
        var survivor = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Pat", Email = "pat@globex.test" }));
        var duplicate = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Pat S", Company = "Globex", Stage = ProspectStage.Negotiation }));
        CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, survivor.Id, new InteractionInput()));
        CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, duplicate.Id, new InteractionInput()));
        CrmAssert.Ok(await owner.Activities.LogInteractionAsync(CrmRecordType.Prospect, duplicate.Id, new InteractionInput { Kind = CrmActivityKind.Email }));
        var conversion = CrmAssert.Ok(await owner.Conversion.ConvertToCustomerAsync(duplicate.Id));

        CrmAssert.Ok(await owner.Merge.MergeAsync(CrmRecordType.Prospect, survivor.Id, duplicate.Id, new MergeChoices { TakeFromDuplicate = ["stage"] }));

        var merged = CrmAssert.Ok(await owner.Prospects.GetAsync(survivor.Id));
        Assert.Equal((3, "Globex", ProspectStage.Won, true, (Guid?)conversion.CustomerId), (merged.InteractionCount, merged.Company, merged.Stage, merged.ConvertedToCustomer, merged.CustomerId));
        Assert.Equal(3, await host.ReadAsync(w.Id, ctx => ctx.CrmActivities.CountAsync(a => a.RecordId == survivor.Id && a.Kind != CrmActivityKind.Merge && a.Kind != CrmActivityKind.Conversion && a.Kind != CrmActivityKind.StageChange)));
    }

    [Fact]
    public async Task MergeAsync_WithAStaleVersion_IsAConflict_AndChangesNothing()
    {
        var w = await db.CreateWorkspaceAsync("Merge Conflict");
        await using var owner = await host.OwnerOfAsync(w);
        var survivor = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Acme" }));
        var duplicate = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Acme 2", Phone = "123" }));
        var preview = CrmAssert.Ok(await owner.Merge.PreviewAsync(CrmRecordType.Customer, survivor.Id, duplicate.Id));
        CrmAssert.Ok(await owner.Customers.UpdateAsync(duplicate.Id, new CustomerInput { Name = "Acme 2", Phone = "456" }, duplicate.Version));

        var result = await owner.Merge.MergeAsync(CrmRecordType.Customer, survivor.Id, duplicate.Id,
            new MergeChoices { SurvivorVersion = preview.SurvivorVersion, DuplicateVersion = preview.DuplicateVersion });

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal(2, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
        Assert.Null(CrmAssert.Ok(await owner.Customers.GetAsync(survivor.Id)).Phone);
    }

    [Fact]
    public async Task MergeAsync_WithItselfOrAnUnknownField_IsInvalid()
    {
        var w = await db.CreateWorkspaceAsync("Merge Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        var a = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "A" }));
        var b = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "B" }));

        CrmAssert.InvalidField(await owner.Merge.MergeAsync(CrmRecordType.Customer, a.Id, a.Id), "duplicateId", "itself");
        CrmAssert.InvalidField(await owner.Merge.MergeAsync(CrmRecordType.Customer, a.Id, b.Id, new MergeChoices { TakeFromDuplicate = ["version"] }), "fields", "not a field");
        Assert.Equal(2, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
    }

    [Fact]
    public async Task MergeAsync_WithAnotherWorkspacesRecord_AnswersNotFound_AndTouchesNeither()
    {
        var wa = await db.CreateWorkspaceAsync("Merge Tenancy A");
        var wb = await db.CreateWorkspaceAsync("Merge Tenancy B");
        await using var ownerA = await host.OwnerOfAsync(wa);
        await using var ownerB = await host.OwnerOfAsync(wb);
        var mine = CrmAssert.Ok(await ownerA.Customers.CreateAsync(new CustomerInput { Name = "Mine" }));
        var theirs = CrmAssert.Ok(await ownerB.Customers.CreateAsync(new CustomerInput { Name = "Theirs", Phone = "999" }));

        Assert.Equal(ResultStatus.NotFound, (await ownerA.Merge.MergeAsync(CrmRecordType.Customer, mine.Id, theirs.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Merge.MergeAsync(CrmRecordType.Customer, theirs.Id, mine.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Merge.PreviewAsync(CrmRecordType.Customer, mine.Id, theirs.Id)).Status);

        Assert.Equal("999", CrmAssert.Ok(await ownerB.Customers.GetAsync(theirs.Id)).Phone);
        Assert.Null(CrmAssert.Ok(await ownerA.Customers.GetAsync(mine.Id)).Phone);
    }

    [Fact]
    public async Task MergeAsync_WithoutDeletePermission_OrAsViewer_IsForbidden()
    {
        var w = await db.CreateWorkspaceAsync("Merge Forbidden");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using (var ctx = host.Context(w.Id))
        {
            var row = await ctx.WorkspaceMembers.SingleAsync(m => m.Id == member.MemberId);
            row.Permissions = new Dictionary<string, bool> { [GalaxyCo.Domain.Workspaces.Permissions.RecordsDelete] = false };
            await ctx.SaveChangesAsync();
        }
        await using var owner = await host.OwnerOfAsync(w);
        var a = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "A" }));
        var b = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "B" }));
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);
        await using var editor = await host.ActAsync(w.Slug, member.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await reader.Merge.MergeAsync(CrmRecordType.Prospect, a.Id, b.Id)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await editor.Merge.MergeAsync(CrmRecordType.Prospect, a.Id, b.Id)).Status);
        Assert.Equal(2, await host.ReadAsync(w.Id, ctx => ctx.Prospects.CountAsync()));
    }
}
