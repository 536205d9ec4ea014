using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Tests.Infrastructure;

namespace GalaxyCo.Domain.Tests.Crm;

[Collection(PostgresCollection.Name)]
public sealed class CrmSavedViewServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmHost host = new(db);

    public void Dispose() => host.Dispose();

    private static SavedViewInput Hot(string name = "Hot deals", bool shared = false) => new()
    {
        RecordType = CrmRecordType.Prospect,
        Name = name,
        Shared = shared,
        Filters = ProspectFilterValues.ToValues(new ProspectFilter { Tag = "hot", ValueMin = 100_000, Mine = true }),
        Columns = ["name", "company", "estimatedValue"],
        Sort = "estimatedValue desc",
    };

    [Fact]
    public async Task CreateAsync_SavesFiltersAndColumns_ThatReadBackAsTheSameFilter()
    {
        var w = await db.CreateWorkspaceAsync("Views Create");
        await using var owner = await host.OwnerOfAsync(w);

        var view = CrmAssert.Ok(await owner.Views.CreateAsync(Hot()));

        var listed = Assert.Single(CrmAssert.Ok(await owner.Views.ListAsync(CrmRecordType.Prospect)));
        Assert.Equal((view.Id, "Hot deals", true, true, false), (listed.Id, listed.Name, listed.IsMine, listed.CanDelete, listed.Shared));
        Assert.Equal(["name", "company", "estimatedValue"], listed.Columns);
        Assert.Equal(new ProspectFilter { Tag = "hot", ValueMin = 100_000, Mine = true }, ProspectFilterValues.FromValues(listed.Filters));
        Assert.Empty(CrmAssert.Ok(await owner.Views.ListAsync(CrmRecordType.Customer)));
    }

    [Fact]
    public async Task CreateAsync_WithoutNameOrWithADuplicateName_IsInvalid()
    {
        var w = await db.CreateWorkspaceAsync("Views Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Views.CreateAsync(Hot()));

        CrmAssert.InvalidField(await owner.Views.CreateAsync(Hot("  ")), "name", "name");
        CrmAssert.InvalidField(await owner.Views.CreateAsync(Hot("HOT DEALS")), "name", "already have");
        CrmAssert.InvalidField(await owner.Views.CreateAsync(Hot(new string('v', CrmSavedViewService.NameMaxLength + 1))), "name", "at most");
        CrmAssert.InvalidField(await owner.Views.CreateAsync(Hot("Many") with { Columns = Enumerable.Range(0, 41).Select(i => $"c{i}").ToList() }), "columns", "at most");
        CrmAssert.InvalidField(await owner.Views.CreateAsync(Hot("Bad filter") with { Filters = new Dictionary<string, string> { [""] = "x" } }), "filters", "name");
        Assert.Single(CrmAssert.Ok(await owner.Views.ListAsync(CrmRecordType.Prospect)));
    }

    [Fact]
    public async Task ListAsync_ShowsMineAndSharedOnes_ButNotOthersPrivateViews()
    {
        var w = await db.CreateWorkspaceAsync("Views Sharing");
        var colleague = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        await using var them = await host.ActAsync(w.Slug, colleague.UserId);
        var shared = CrmAssert.Ok(await them.Views.CreateAsync(Hot("Team pipeline", shared: true)));
        var hidden = CrmAssert.Ok(await them.Views.CreateAsync(Hot("My scratch")));
        CrmAssert.Ok(await owner.Views.CreateAsync(Hot("Zed mine")));

        var listed = CrmAssert.Ok(await owner.Views.ListAsync(CrmRecordType.Prospect));

        Assert.Equal(["Zed mine", "Team pipeline"], listed.Select(v => v.Name));
        Assert.False(listed[1].IsMine);
        Assert.Equal(ResultStatus.NotFound, (await owner.Views.GetAsync(hidden.Id)).Status);
        Assert.True((await owner.Views.GetAsync(shared.Id)).Succeeded);
    }

    [Fact]
    public async Task RenameAndUpdate_OnlyByTheOwner_WithOptimisticConcurrency()
    {
        var w = await db.CreateWorkspaceAsync("Views Rename");
        var colleague = await db.AddMemberAsync(w, UserRole.Admin);
        await using var owner = await host.OwnerOfAsync(w);
        await using var admin = await host.ActAsync(w.Slug, colleague.UserId);
        var view = CrmAssert.Ok(await owner.Views.CreateAsync(Hot(shared: true)));

        var renamed = CrmAssert.Ok(await owner.Views.RenameAsync(view.Id, "Big hot deals", view.Version));
        var stale = await owner.Views.RenameAsync(view.Id, "Again", view.Version);
        var byAdmin = await admin.Views.RenameAsync(view.Id, "Mine now", renamed.Version);
        var updated = CrmAssert.Ok(await owner.Views.UpdateAsync(view.Id, Hot("Big hot deals") with { Columns = ["name"], Shared = false }, renamed.Version));
        var adminUpdate = await admin.Views.UpdateAsync(view.Id, Hot("Taken"), updated.Version);

        Assert.Equal(ResultStatus.Conflict, stale.Status);
        Assert.Equal(ResultStatus.Forbidden, byAdmin.Status);
        Assert.Equal(["name"], updated.Columns);
        Assert.False(updated.Shared);
        Assert.Equal(ResultStatus.NotFound, adminUpdate.Status);
        Assert.Equal("Big hot deals", CrmAssert.Ok(await owner.Views.GetAsync(view.Id)).Name);
    }

    [Fact]
    public async Task DeleteAsync_ByOwner_OrAnAdminForSharedViews_ButNotByAnotherMember()
    {
        var w = await db.CreateWorkspaceAsync("Views Delete");
        var member = await db.AddMemberAsync(w, UserRole.Member);
        var adminMember = await db.AddMemberAsync(w, UserRole.Admin);
        await using var owner = await host.OwnerOfAsync(w);
        await using var colleague = await host.ActAsync(w.Slug, member.UserId);
        await using var admin = await host.ActAsync(w.Slug, adminMember.UserId);
        var shared = CrmAssert.Ok(await colleague.Views.CreateAsync(Hot("Shared", shared: true)));
        var secondShared = CrmAssert.Ok(await owner.Views.CreateAsync(Hot("Owner shared", shared: true)));
        var mine = CrmAssert.Ok(await owner.Views.CreateAsync(Hot("Private")));

        Assert.False(CrmAssert.Ok(await colleague.Views.GetAsync(secondShared.Id)).CanDelete);
        Assert.Equal(ResultStatus.Forbidden, (await colleague.Views.DeleteAsync(secondShared.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await admin.Views.DeleteAsync(mine.Id)).Status);
        Assert.True(CrmAssert.Ok(await admin.Views.GetAsync(shared.Id)).CanDelete);
        Assert.True((await admin.Views.DeleteAsync(shared.Id)).Succeeded);
        Assert.True((await owner.Views.DeleteAsync(mine.Id)).Succeeded);

        Assert.Equal(["Owner shared"], CrmAssert.Ok(await owner.Views.ListAsync(CrmRecordType.Prospect)).Select(v => v.Name));
    }

    [Fact]
    public async Task Viewer_KeepsPrivateViews_ButCannotShareThem()
    {
        var w = await db.CreateWorkspaceAsync("Views Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        var shared = await reader.Views.CreateAsync(Hot("Shared", shared: true));
        var own = CrmAssert.Ok(await reader.Views.CreateAsync(Hot("Own")));
        var share = await reader.Views.UpdateAsync(own.Id, Hot("Own", shared: true), own.Version);

        Assert.Equal((ResultStatus.Forbidden, ResultStatus.Forbidden), (shared.Status, share.Status));
        Assert.False(CrmAssert.Ok(await reader.Views.GetAsync(own.Id)).Shared);
    }

    [Fact]
    public async Task Views_OfWorkspaceB_AreNotFoundInWorkspaceA_EvenShared()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var ownerA = await host.OwnerOfAsync(a.Workspace);
        await using var ownerB = await host.OwnerOfAsync(b.Workspace);
        var theirs = CrmAssert.Ok(await ownerB.Views.CreateAsync(Hot("B shared", shared: true)));

        Assert.DoesNotContain(CrmAssert.Ok(await ownerA.Views.ListAsync(CrmRecordType.Prospect)), v => v.Id == theirs.Id || v.Id == b.Rows.CrmSavedViewId);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Views.GetAsync(theirs.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Views.RenameAsync(theirs.Id, "Hijacked", theirs.Version)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Views.UpdateAsync(theirs.Id, Hot("Hijacked"), theirs.Version)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Views.DeleteAsync(theirs.Id)).Status);
        Assert.Equal("B shared", CrmAssert.Ok(await ownerB.Views.GetAsync(theirs.Id)).Name);
    }

    [Fact]
    public void ProspectFilterValues_RoundTripEveryFilter_AndIgnoreJunk()
    {
        var owner = Guid.NewGuid();
        var filter = new ProspectFilter
        {
            Search = "acme", AssignedTo = owner, Tag = "hot", Source = "web", ScoreMin = 10, ScoreMax = 90, ValueMin = 100, ValueMax = 900,
            FollowUp = FollowUpDue.Overdue, CustomFields = new Dictionary<string, string> { ["segment"] = "smb" },
        };

        var back = ProspectFilterValues.FromValues(ProspectFilterValues.ToValues(filter));
        var junk = ProspectFilterValues.FromValues(new Dictionary<string, string> { ["scoreMin"] = "lots", ["followUp"] = "someday", ["owner"] = "nobody", ["zzz"] = "1" });

        Assert.Equal(filter with { CustomFields = null }, back with { CustomFields = null });
        Assert.Equal("smb", back.CustomFields!["segment"]);
        Assert.True(junk.IsEmpty);
        Assert.Empty(ProspectFilterValues.ToValues(ProspectFilter.None));
    }
}
