using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Crm.Scoring;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm.Scoring;

/// <summary>
/// End to end through the database: a write committed by another service is announced by the triggers, reaches the
/// refresher through the live change listener, and the score is recomputed, then stays put (no write loop).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LeadScoreRefresherTests(PostgresDatabase db) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ScoringHost host = new(db);

    public Task InitializeAsync() => host.StartRefresherAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task ProspectServiceUpdate_IsRescoredByTheRefresher_AndSettles()
    {
        var w = await db.CreateWorkspaceAsync("Refresher Update");
        await using var owner = await host.OwnerOfAsync(w);

        var created = CrmAssert.Ok(await owner.Prospects.CreateAsync(new ProspectInput { Name = "Pat", Source = "referral" }));
        await WaitForScoreAsync(w, created.Id, 20);

        var current = CrmAssert.Ok(await owner.Prospects.GetAsync(created.Id));
        CrmAssert.Ok(await owner.Prospects.UpdateAsync(created.Id, new ProspectInput { Name = "Pat", Source = "referral", Title = "CEO", EstimatedValue = 250_000_00 }, current.Version));
        await WaitForScoreAsync(w, created.Id, 20 + 25 + 15);

        // Converged: the refresher's own update came back, recomputed to the same score and wrote nothing more.
        var settled = await VersionAsync(w, created.Id);
        await Task.Delay(1500);
        Assert.Equal(settled, await VersionAsync(w, created.Id));
        Assert.Equal(60, CrmAssert.Ok(await owner.Scoring.ExplainAsync(created.Id)).StoredScore);
    }

    [Fact]
    public async Task CustomerSizeChange_RescoresTheLinkedProspects()
    {
        var w = await db.CreateWorkspaceAsync("Refresher Customer");
        await using var owner = await host.OwnerOfAsync(w);
        var customer = CrmAssert.Ok(await owner.Customers.CreateAsync(new CustomerInput { Name = "Acme" }));
        Guid prospectId;
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            var p = new Prospect { Name = "Linked", Position = 1, CustomerId = customer.Id };
            ctx.Prospects.Add(p);
            await ctx.SaveChangesAsync();
            prospectId = p.Id;
        }
        await WaitForScoreAsync(w, prospectId, 0);

        CrmAssert.Ok(await owner.Customers.UpdateAsync(customer.Id, new CustomerInput { Name = "Acme", Size = "1000+" }, customer.Version));

        await WaitForScoreAsync(w, prospectId, 15);
    }

    [Fact]
    public async Task SaveWeightsAsync_RecomputesEveryProspectOfTheWorkspaceInBatches()
    {
        var w = await db.CreateWorkspaceAsync("Refresher Weights");
        var other = await db.CreateWorkspaceAsync("Refresher Weights Other");
        const int count = LeadScoreStore.BatchSize + 150;
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            // Scores deliberately wrong and one statement for all: the notification carries no ids, so the refresher rescans.
            ctx.Prospects.AddRange(Enumerable.Range(0, count).Select(i => new Prospect { Name = $"P{i}", Position = i, Source = "website", Score = 77 }));
            await ctx.SaveChangesAsync();
        }
        Guid theirs;
        await using (var ctx = db.CreateContext(other.Tenant()))
        {
            var p = new Prospect { Name = "Theirs", Position = 1, Source = "website" };
            ctx.Prospects.Add(p);
            await ctx.SaveChangesAsync();
            theirs = p.Id;
        }
        await WaitForAllAsync(w, 10, count);
        await WaitForScoreAsync(other, theirs, 10);

        await using var owner = await host.OwnerOfAsync(w);
        var weights = LeadScoreRules.Defaults();
        weights.SourceShares["website"] = 100;
        Assert.True((await owner.Scoring.SaveWeightsAsync(weights)).Succeeded);

        await WaitForAllAsync(w, 20, count);
        await Task.Delay(500);
        Assert.Equal(10, await ScoreAsync(other, theirs));
    }

    private async Task WaitForScoreAsync(TestWorkspace w, Guid id, int expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        int? score;
        while ((score = await ScoreAsync(w, id)) != expected && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(expected, score);
    }

    private async Task WaitForAllAsync(TestWorkspace w, int expected, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        int matching;
        while ((matching = await CountWithScoreAsync(w, expected)) != count && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(count, matching);
    }

    private async Task<int?> ScoreAsync(TestWorkspace w, Guid id)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.Prospects.Where(p => p.Id == id).Select(p => p.Score).SingleAsync();
    }

    private async Task<int> CountWithScoreAsync(TestWorkspace w, int score)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.Prospects.CountAsync(p => p.Score == score);
    }

    private async Task<uint> VersionAsync(TestWorkspace w, Guid id)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.Prospects.Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
    }
}
