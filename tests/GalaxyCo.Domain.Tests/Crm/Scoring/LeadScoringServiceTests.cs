using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Crm.Scoring;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm.Scoring;

[Collection(PostgresCollection.Name)]
public sealed class LeadScoringServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly ScoringHost host = new(db);

    public void Dispose() => host.Dispose();

    private async Task<Prospect> AddProspectAsync(TestWorkspace w, Action<Prospect> arrange)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        var p = new Prospect { Name = "Pat " + Guid.NewGuid().ToString("N")[..6], Position = 1 };
        arrange(p);
        if (p.Customer is not null) ctx.Customers.Add(p.Customer);
        ctx.Prospects.Add(p);
        await ctx.SaveChangesAsync();
        return p;
    }

    private async Task<int?> StoredScoreAsync(TestWorkspace w, Guid id)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.Prospects.Where(p => p.Id == id).Select(p => p.Score).SingleAsync();
    }

    [Fact]
    public async Task ExplainAsync_LinkedCustomer_TakesTheCompanySizeFromTheCustomer()
    {
        var w = await db.CreateWorkspaceAsync("Scoring Explain");
        var p = await AddProspectAsync(w, p =>
        {
            p.Title = "VP Sales";
            p.Source = "referral";
            p.Customer = new Customer { Name = "Acme", Size = "51-200" };
            p.CustomFields = new() { ["company_size"] = "1-10" };
        });
        await using var owner = await host.OwnerOfAsync(w);

        var explanation = CrmAssert.Ok(await owner.Scoring.ExplainAsync(p.Id));

        Assert.Equal(p.Id, explanation.ProspectId);
        Assert.Null(explanation.StoredScore);
        Assert.Equal(20 + 20 + 8, explanation.Score);
        var size = explanation.Factors.Single(f => f.Kind == LeadScoreFactorKind.CompanySize);
        Assert.Equal("Company size 51-200 (from linked customer Acme) earns 50%: 8 of 15", size.Reason);
        Assert.Equal("Title 'VP Sales' is VP level: 20 of 25", explanation.Factors.Single(f => f.Kind == LeadScoreFactorKind.Seniority).Reason);
    }

    [Fact]
    public async Task ExplainAsync_NoCustomer_ReadsTheCompanySizeCustomField()
    {
        var w = await db.CreateWorkspaceAsync("Scoring Size Field");
        var p = await AddProspectAsync(w, p => p.CustomFields = new() { ["company_size"] = "1000+" });
        await using var owner = await host.OwnerOfAsync(w);

        var explanation = CrmAssert.Ok(await owner.Scoring.ExplainAsync(p.Id));

        var size = explanation.Factors.Single(f => f.Kind == LeadScoreFactorKind.CompanySize);
        Assert.Equal(15, size.Points);
        Assert.Contains("(from field company_size)", size.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainAndRecompute_OtherWorkspacesProspect_NotFoundAndUntouched()
    {
        var a = await db.CreateWorkspaceAsync("Scoring Tenancy A");
        var b = await db.CreateWorkspaceAsync("Scoring Tenancy B");
        var theirs = await AddProspectAsync(b, p => { p.Source = "referral"; p.Score = 3; });
        await using var ownerA = await host.OwnerOfAsync(a);

        var explain = await ownerA.Scoring.ExplainAsync(theirs.Id);
        var recompute = CrmAssert.Ok(await ownerA.Scoring.RecomputeAsync([theirs.Id]));

        Assert.Equal(ResultStatus.NotFound, explain.Status);
        Assert.Equal(0, recompute);
        Assert.Equal(3, await StoredScoreAsync(b, theirs.Id));
    }

    [Fact]
    public async Task RecomputeAsync_WritesOnlyScoresThatChanged()
    {
        var w = await db.CreateWorkspaceAsync("Scoring Recompute");
        var stale = await AddProspectAsync(w, p => { p.Source = "referral"; p.Score = 99; });
        var fresh = await AddProspectAsync(w, p => { p.Source = "website"; p.Score = 10; });
        await using var owner = await host.OwnerOfAsync(w);
        var freshVersion = await VersionAsync(w, fresh.Id);

        var first = CrmAssert.Ok(await owner.Scoring.RecomputeAsync([stale.Id, fresh.Id]));
        var second = CrmAssert.Ok(await owner.Scoring.RecomputeAsync([stale.Id, fresh.Id]));

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(20, await StoredScoreAsync(w, stale.Id));
        Assert.Equal(freshVersion, await VersionAsync(w, fresh.Id));
    }

    [Fact]
    public async Task SaveWeightsAsync_StoresThemKeepingOtherSettings_AndExplainUsesThem()
    {
        var w = await db.CreateWorkspaceAsync("Scoring Weights");
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            var ws = await ctx.Workspaces.SingleAsync(x => x.Id == w.Id);
            ws.Settings = new WorkspaceSettings { FeatureFlags = new() { ["crm"] = true }, TimeZone = "Europe/Paris" };
            await ctx.SaveChangesAsync();
        }
        var p = await AddProspectAsync(w, p => { p.Source = "Cold"; p.Title = "CEO"; });
        await using var owner = await host.OwnerOfAsync(w);
        var weights = CrmAssert.Ok(await owner.Scoring.GetWeightsAsync());
        Assert.Equal(20, weights.Source);
        weights.Source = 50;
        weights.Seniority = 50;
        weights.CompanySize = weights.Engagement = weights.Value = 0;
        weights.SourceShares = new() { [" COLD "] = 60 };

        var saved = await owner.Scoring.SaveWeightsAsync(weights);

        Assert.True(saved.Succeeded, saved.Message);
        var stored = CrmAssert.Ok(await owner.Scoring.GetWeightsAsync());
        Assert.Equal(new Dictionary<string, int> { ["cold"] = 60 }, stored.SourceShares);
        var settings = await ReadSettingsAsync(w);
        Assert.True(settings.FeatureFlags["crm"]);
        Assert.Equal("Europe/Paris", settings.TimeZone);
        var explanation = CrmAssert.Ok(await owner.Scoring.ExplainAsync(p.Id));
        Assert.Equal(30 + 50, explanation.Score);
        Assert.Equal("Source 'Cold' earns 60%: 30 of 50", explanation.Factors[0].Reason);
    }

    [Theory]
    [InlineData("negative", "source", "zero or more")]
    [InlineData("zero", "total", "at least one factor")]
    [InlineData("share", "sourceShares", "0 to 100")]
    [InlineData("duplicate", "sourceShares", "listed twice")]
    [InlineData("band", "valueBands", "same amount")]
    public async Task SaveWeightsAsync_Invalid_ReturnsTheFieldAndSavesNothing(string problem, string field, string message)
    {
        var w = await db.CreateWorkspaceAsync("Scoring Invalid");
        await using var owner = await host.OwnerOfAsync(w);
        var weights = LeadScoreRules.Defaults();
        switch (problem)
        {
            case "negative": weights.Source = -1; break;
            case "zero": weights.Source = weights.Seniority = weights.CompanySize = weights.Engagement = weights.Value = 0; break;
            case "share": weights.SourceShares["referral"] = 101; break;
            case "duplicate": weights.SourceShares["Referral "] = 5; break;
            default: weights.ValueBands.Add(new LeadScoreValueBand { MinCents = 1, Share = 3 }); break;
        }

        CrmAssert.InvalidField(await owner.Scoring.SaveWeightsAsync(weights), field, message);
        Assert.Null((await ReadSettingsAsync(w)).LeadScoring);
    }

    [Theory]
    [InlineData(UserRole.Member)]
    [InlineData(UserRole.Viewer)]
    public async Task SaveWeightsAsync_NotAnAdmin_IsForbidden(UserRole role)
    {
        var w = await db.CreateWorkspaceAsync("Scoring Authz");
        var person = await db.AddMemberAsync(w, role);
        await using var actor = await host.ActAsync(w.Slug, person.UserId);

        var result = await actor.Scoring.SaveWeightsAsync(LeadScoreRules.Defaults());

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Null((await ReadSettingsAsync(w)).LeadScoring);
        Assert.True((await actor.Scoring.GetWeightsAsync()).Succeeded);
    }

    [Fact]
    public async Task RecomputeAsync_Viewer_IsForbiddenButCanReadTheExplanation()
    {
        var w = await db.CreateWorkspaceAsync("Scoring Viewer");
        var p = await AddProspectAsync(w, p => { p.Source = "referral"; p.Score = 1; });
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var actor = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await actor.Scoring.RecomputeAsync([p.Id])).Status);
        Assert.Equal(20, CrmAssert.Ok(await actor.Scoring.ExplainAsync(p.Id)).Score);
        Assert.Equal(1, await StoredScoreAsync(w, p.Id));
    }

    private async Task<uint> VersionAsync(TestWorkspace w, Guid id)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.Prospects.Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
    }

    private async Task<WorkspaceSettings> ReadSettingsAsync(TestWorkspace w)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.Workspaces.Where(x => x.Id == w.Id).Select(x => x.Settings).SingleAsync();
    }
}
