using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class ProspectServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task CreateAsync_PutsEachNewProspectAtTheBottomOfItsColumn()
    {
        var w = await db.CreateWorkspaceAsync("Prospects Create");
        await using var owner = await host.OwnerOfAsync(w);

        var first = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "First", Stage = ProspectStage.Qualified, EstimatedValue = 500_00, Score = 80 }));
        var second = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Second", Stage = ProspectStage.Qualified }));

        Assert.True(second.Position > first.Position);
        var column = CrmAssert.Ok(await owner.Board.GetColumnAsync(ProspectStage.Qualified));
        Assert.Equal(["First", "Second"], column.Cards.Select(c => c.Name));
        Assert.Equal(2, column.Count);
        Assert.Equal(500_00, column.TotalValue);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("score")]
    [InlineData("estimatedValue")]
    [InlineData("email")]
    [InlineData("linkedinUrl")]
    [InlineData("tags")]
    public async Task CreateAsync_InvalidField_ReturnsMessageForThatField(string field)
    {
        var w = await db.CreateWorkspaceAsync("Prospects Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        var valid = new ProspectInput { Name = "Pat" };
        var (input, message) = field switch
        {
            "name" => (valid with { Name = "" }, "Give the prospect a name"),
            "score" => (valid with { Score = 101 }, "0 to 100"),
            "estimatedValue" => (valid with { EstimatedValue = -5 }, "zero or more"),
            "email" => (valid with { Email = "pat@@x" }, "valid email"),
            "linkedinUrl" => (valid with { LinkedinUrl = "http://" }, "web address"),
            _ => (valid with { Tags = Enumerable.Range(0, 21).Select(i => $"t{i}").ToList() }, "at most 20 tags"),
        };

        CrmAssert.InvalidField(await owner.Prospects.CreateAsync(input), field, message);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Prospects.CountAsync()));
    }

    [Fact]
    public async Task UpdateAsync_ChangingStage_MovesToBottomAndWritesOutboxEvent()
    {
        var w = await db.CreateWorkspaceAsync("Prospects Stage");
        await using var owner = await host.OwnerOfAsync(w);
        var existing = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Already there", Stage = ProspectStage.Proposal }));
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Pat", Stage = ProspectStage.New }));

        var updated = CrmAssert.Ok(await owner.Prospects.UpdateAsync(p.Id, new ProspectInput { Name = "Pat", Stage = ProspectStage.Proposal }, p.Version));
        var unchanged = CrmAssert.Ok(await owner.Prospects.UpdateAsync(p.Id, new ProspectInput { Name = "Pat B", Stage = ProspectStage.Proposal }, updated.Version));

        Assert.True(updated.Position > existing.Position);
        Assert.Equal("Pat B", unchanged.Name);
        var events = await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.Where(m => m.EventType == ProspectEvents.StageChanged).ToListAsync());
        var e = Assert.Single(events);
        Assert.Equal(p.Id.ToString(), e.Payload["prospectId"]);
        Assert.Equal("new", e.Payload["from"]);
        Assert.Equal("proposal", e.Payload["to"]);
    }

    [Fact]
    public async Task UpdateAsync_WithStaleVersion_ReturnsConflictAndWritesNoEvent()
    {
        var w = await db.CreateWorkspaceAsync("Prospects Conflict");
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Pat" }));
        CrmAssert.Ok(await owner.Prospects.UpdateAsync(p.Id, new ProspectInput { Name = "Pat 2" }, p.Version));

        var stale = await owner.Prospects.UpdateAsync(p.Id, new ProspectInput { Name = "Pat 3", Stage = ProspectStage.Lost }, p.Version);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        var now = CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id));
        Assert.Equal(("Pat 2", ProspectStage.New), (now.Name, now.Stage));
        Assert.False(await host.ReadAsync(w.Id, ctx => ctx.OutboxMessages.AnyAsync(m => m.EventType == ProspectEvents.StageChanged)));
    }

    [Fact]
    public async Task AnotherWorkspacesProspect_IsNotFound_AndUntouched()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var ownerA = await host.OwnerOfAsync(a.Workspace);
        var theirs = b.Rows.ProspectId;

        Assert.Equal(ResultStatus.NotFound, (await ownerA.Prospects.GetAsync(theirs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Prospects.UpdateAsync(theirs, new ProspectInput { Name = "Mine now" }, 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Prospects.DeleteAsync(theirs)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Board.MoveAsync(theirs, ProspectStage.Lost, null, null, 0)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Conversion.ConvertToCustomerAsync(theirs)).Status);
        Assert.DoesNotContain(CrmAssert.Ok(await ownerA.Prospects.ListAsync(new ProspectQuery { Search = "Prospect" })).Items, p => p.Id == theirs);
        Assert.DoesNotContain(CrmAssert.Ok(await ownerA.Board.GetColumnAsync(ProspectStage.Qualified)).Cards, p => p.Id == theirs);

        var untouched = await host.ReadAsync(b.Id, ctx => ctx.Prospects.SingleAsync(p => p.Id == theirs));
        Assert.Equal(("Workspace B Prospect", ProspectStage.Qualified, false), (untouched.Name, untouched.Stage, untouched.ConvertedToCustomer));
        Assert.Equal(0, await host.ReadAsync(b.Id, ctx => ctx.OutboxMessages.CountAsync(m => m.EventType.StartsWith("prospect.") && m.EventType != "prospect.created")));
    }

    [Fact]
    public async Task Viewer_CanRead_ButNotCreateUpdateDeleteMoveOrConvert()
    {
        var w = await db.CreateWorkspaceAsync("Prospects Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var p = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Pat", Email = "pat@viewer.test" }));
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.True((await reader.Prospects.GetAsync(p.Id)).Succeeded);
        Assert.True((await reader.Board.GetColumnAsync(ProspectStage.New)).Succeeded);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Prospects.CreateAsync(new ProspectInput { Name = "New" })).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Prospects.UpdateAsync(p.Id, new ProspectInput { Name = "X" }, p.Version)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Prospects.DeleteAsync(p.Id)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Board.MoveAsync(p.Id, ProspectStage.Won, null, null, p.Version)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Conversion.ConvertToCustomerAsync(p.Id)).Status);
        var now = CrmAssert.Ok(await owner.Prospects.GetAsync(p.Id));
        Assert.Equal((ProspectStage.New, false, p.Version), (now.Stage, now.ConvertedToCustomer, now.Version));
    }

    [Fact]
    public async Task ListAsync_FiltersBySearchStageSourceTag_AndSorts()
    {
        var w = await db.CreateWorkspaceAsync("Prospects List");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Ann", Company = "Acme", Stage = ProspectStage.New, Score = 10, Source = "web", Tags = ["hot"] }));
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Bob", Company = "Globex", Stage = ProspectStage.Qualified, Score = 90, Source = "referral" }));
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Cy", Email = "cy@acme.test", Stage = ProspectStage.Qualified, Score = 50, Source = "web", Tags = ["hot"] }));

        Assert.Equal(["Ann", "Bob", "Cy"], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery())).Items.Select(p => p.Name));
        Assert.Equal(["Bob", "Cy", "Ann"], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Sort = ProspectSort.Score, Direction = SortDirection.Descending })).Items.Select(p => p.Name));
        Assert.Equal(["Ann", "Cy"], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "ACME", Sort = ProspectSort.Name })).Items.Select(p => p.Name));
        Assert.Equal(["Bob", "Cy"], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Stage = ProspectStage.Qualified })).Items.Select(p => p.Name));
        Assert.Equal(["Ann", "Cy"], CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Source = "web", Tag = "HOT" })).Items.Select(p => p.Name));
        Assert.Empty(CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { Search = "%" })).Items);
        var paged = CrmAssert.Ok(await owner.Prospects.ListAsync(new ProspectQuery { PageSize = 2, Page = 2 }));
        Assert.Equal((3, "Cy"), (paged.Total, paged.Items.Single().Name));
    }

    [Fact]
    public async Task FindDuplicatesAsync_WarnsOnSameEmailOrCompany()
    {
        var w = await db.CreateWorkspaceAsync("Prospects Dupes");
        await using var owner = await host.OwnerOfAsync(w);
        var pat = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Pat", Email = "pat@globex.test", Company = "Globex" }));

        Assert.Equal(pat.Id, (await owner.Prospects.FindDuplicatesAsync("PAT@globex.test", null)).Single().Id);
        Assert.Equal("company", (await owner.Prospects.FindDuplicatesAsync(null, "globex")).Single().MatchedOn);
        Assert.Empty(await owner.Prospects.FindDuplicatesAsync("other@globex.test", "Glob"));
    }

    [Fact]
    public async Task ListAsync_AppliesTheBoardsProspectFilter()
    {
        var w = await db.CreateWorkspaceAsync("Prospects Filter");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var now = DateTime.UtcNow;
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Ann", Company = "Acme", Score = 80, EstimatedValue = 5_000_00, AssignedTo = w.OwnerUserId, NextFollowUpAt = now.AddDays(-2), Source = "web", Tags = ["hot"] }));
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Bob", Company = "Acme", Score = 20, EstimatedValue = 100_00, AssignedTo = member.UserId, NextFollowUpAt = now.AddDays(3), Source = "web" }));
        CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Cy", Company = "Globex", Score = 60, EstimatedValue = 2_000_00, Source = "referral", Tags = ["hot"] }));

        async Task<IEnumerable<string>> Names(ProspectFilter filter, ProspectQuery? query = null) =>
            CrmAssert.Ok(await owner.Prospects.ListAsync((query ?? new ProspectQuery { Sort = ProspectSort.Name }) with { Filter = filter })).Items.Select(p => p.Name);

        Assert.Equal(["Ann"], await Names(new ProspectFilter { Mine = true }));
        Assert.Equal(["Bob"], await Names(new ProspectFilter { AssignedTo = member.UserId }));
        Assert.Equal(["Ann", "Cy"], await Names(new ProspectFilter { ScoreMin = 50 }));
        Assert.Equal(["Bob", "Cy"], await Names(new ProspectFilter { ValueMax = 2_000_00 }));
        Assert.Equal(["Ann"], await Names(new ProspectFilter { FollowUp = FollowUpDue.Overdue }));
        Assert.Equal(["Cy"], await Names(new ProspectFilter { FollowUp = FollowUpDue.None }));
        Assert.Equal(["Ann", "Cy"], await Names(new ProspectFilter { Tag = "HOT" }));
        Assert.Equal(["Ann"], await Names(new ProspectFilter { Search = "acme", Source = "web", Tag = "hot" }));
        // The filter's search and the query's are both applied.
        Assert.Equal(["Bob"], await Names(new ProspectFilter { Search = "acme" }, new ProspectQuery { Search = "bo" }));
        Assert.Empty(await Names(new ProspectFilter { Search = "%" }));
    }

    private async Task DefineFieldsAsync(TestWorkspace w, CrmRecordType type)
    {
        await using var ctx = host.Context(w.Id);
        ctx.CrmCustomFields.AddRange(
            new CrmCustomField { RecordType = type, Key = "seats", Label = "Seats", FieldType = CrmCustomFieldType.Number, Position = 0 },
            new CrmCustomField { RecordType = type, Key = "tier", Label = "Tier", FieldType = CrmCustomFieldType.Select, Options = ["Gold", "Silver"], Position = 1 },
            new CrmCustomField { RecordType = type, Key = "region", Label = "Region", FieldType = CrmCustomFieldType.Text, Required = true, Position = 2 });
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task CreateAsync_CustomFieldsChecked_UnknownOptionAndMissingRequiredAreReported()
    {
        var w = await db.CreateWorkspaceAsync("Prospects Fields");
        await DefineFieldsAsync(w, CrmRecordType.Prospect);
        await using var owner = await host.OwnerOfAsync(w);

        var bad = await owner.Prospects.CreateAsync(new ProspectInput { Name = "Initech", CustomFields = new Dictionary<string, string> { ["tier"] = "Platinum" } });
        var good = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Initech", CustomFields = new Dictionary<string, string> { ["region"] = "EMEA", ["seats"] = "1,200" } }));

        CrmAssert.InvalidField(bad, "customFields.tier", "must be one of");
        CrmAssert.InvalidField(bad, "customFields.region", "is required");
        Assert.Equal("1200", good.CustomFields["seats"]);
    }
}
