using GalaxyCo.Domain.Crm.Scoring;

namespace GalaxyCo.Domain.Tests.Crm.Scoring;

public sealed class LeadScoreWorkMergeTests
{
    [Fact]
    public void Merge_BurstOfNotifications_BecomesOnePieceOfWorkPerWorkspace()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), p1 = Guid.NewGuid(), p2 = Guid.NewGuid(), c1 = Guid.NewGuid();

        var merged = LeadScoreRefresher.Merge(
        [
            new(a, [p1], null), new(a, [p2, p1], null), new(a, null, [c1]),
            new(b, [p1], null), new(b, null, null),
        ]).ToList();

        Assert.Equal(2, merged.Count);
        var forA = merged.Single(w => w.WorkspaceId == a);
        Assert.Equal([p1, p2], forA.ProspectIds);
        Assert.Equal([c1], forA.CustomerIds);
        Assert.False(forA.IsWholeWorkspace);
        Assert.True(merged.Single(w => w.WorkspaceId == b).IsWholeWorkspace);
    }

    [Fact]
    public void Merge_EveryWorkspaceRequest_ComesFirst()
    {
        var merged = LeadScoreRefresher.Merge([new(Guid.NewGuid(), [Guid.NewGuid()], null), new(null, null, null), new(null, null, null)]).ToList();

        Assert.Null(merged[0].WorkspaceId);
        Assert.Equal(2, merged.Count);
    }
}
