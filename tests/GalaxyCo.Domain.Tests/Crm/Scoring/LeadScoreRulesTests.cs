using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Crm.Scoring;

namespace GalaxyCo.Domain.Tests.Crm.Scoring;

public sealed class LeadScoreRulesTests
{
    private static readonly DateTime Now = new(2025, 6, 30, 12, 0, 0, DateTimeKind.Utc);

    private static LeadScoreInput Empty => new(null, null, null, null, 0, null, null);

    private static LeadScoreFactor Factor(LeadScoreInput input, LeadScoreFactorKind kind, LeadScoringWeights? weights = null) =>
        LeadScoreRules.Evaluate(Guid.Empty, null, input, weights, Now).Factors.Single(f => f.Kind == kind);

    [Fact]
    public void Evaluate_NothingKnown_ScoresZeroWithAReasonPerFactor()
    {
        var result = LeadScoreRules.Evaluate(Guid.Empty, null, Empty, null, Now);

        Assert.Equal(0, result.Score);
        Assert.Equal(5, result.Factors.Count);
        Assert.Equal(100, result.Factors.Sum(f => f.MaxPoints));
        Assert.All(result.Factors, f => Assert.EndsWith($": 0 of {f.MaxPoints}", f.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_EverythingAtItsBest_Scores100()
    {
        var input = new LeadScoreInput("referral", "CEO", "1000+", "linked customer Acme", 12, Now.AddDays(-1), 250_000_00);

        var result = LeadScoreRules.Evaluate(Guid.Empty, null, input, null, Now);

        Assert.Equal(100, result.Score);
        Assert.All(result.Factors, f => Assert.Equal(f.MaxPoints, f.Points));
    }

    [Theory]
    [InlineData("VP Sales", "VP", 20)]
    [InlineData("Vice President of Marketing", "VP", 20)]
    [InlineData("CEO", "C-level", 25)]
    [InlineData("Chief Revenue Officer", "C-level", 25)]
    [InlineData("President", "C-level", 25)]
    [InlineData("Co-Founder", "founder", 25)]
    [InlineData("Director of IT", "director", 15)]
    [InlineData("Head of Operations", "director", 15)]
    [InlineData("Procurement Manager", "manager", 10)]
    [InlineData("Account Executive", "individual contributor", 4)]
    public void Evaluate_Title_EarnsItsSeniorityShare(string title, string level, int points)
    {
        var factor = Factor(Empty with { Title = title }, LeadScoreFactorKind.Seniority);

        Assert.Equal(level, LeadScoreRules.SeniorityOf(title));
        Assert.Equal(points, factor.Points);
        Assert.Equal($"Title '{title}' is {level} level: {points} of 25", factor.Reason);
    }

    [Fact]
    public void Evaluate_Title_MatchesTheExampleOfTheBrief()
    {
        var weights = LeadScoreRules.Defaults();
        weights.Seniority = 20;
        weights.Engagement = 30;

        var factor = Factor(Empty with { Title = "VP Sales" }, LeadScoreFactorKind.Seniority, weights);

        Assert.Equal("Title 'VP Sales' is VP level: 16 of 20", factor.Reason);
    }

    [Theory]
    [InlineData("referral", 20, "Source 'referral' earns 100%: 20 of 20")]
    [InlineData("website", 10, "Source 'website' earns 50%: 10 of 20")]
    [InlineData("Cold", 2, "Source 'Cold' earns 10%: 2 of 20")]
    [InlineData("carrier pigeon", 5, "Source 'carrier pigeon' is not a listed source (others earn 25%): 5 of 20")]
    public void Evaluate_Source_EarnsItsConfiguredShare(string source, int points, string reason)
    {
        var factor = Factor(Empty with { Source = source }, LeadScoreFactorKind.Source);

        Assert.Equal(points, factor.Points);
        Assert.Equal(reason, factor.Reason);
    }

    [Theory]
    [InlineData("1-10", 2)]
    [InlineData("11-50", 5)]
    [InlineData("51-200", 8)]
    [InlineData("201-500", 11)]
    [InlineData("501-1000", 13)]
    [InlineData("1000+", 15)]
    [InlineData("5k+", 15)]
    [InlineData("Enterprise", 15)]
    [InlineData("small", 5)]
    [InlineData("lots", 0)]
    public void Evaluate_CompanySize_EarnsByEmployees(string size, int points)
    {
        var factor = Factor(Empty with { CompanySize = size, CompanySizeOrigin = "field company_size" }, LeadScoreFactorKind.CompanySize);

        Assert.Equal(points, factor.Points);
        Assert.Contains("(from field company_size)", factor.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 2, 25)]     // many interactions, contacted within a week: everything
    [InlineData(10, 90, 13)]    // many interactions, but 90 days ago: half (count only)
    [InlineData(0, 3, 13)]      // contacted recently but nothing logged: half (recency only)
    [InlineData(5, 7, 19)]      // 50% count + 100% recency = 75%
    [InlineData(0, 48.5, 6)]    // halfway between 7 and 90 days: 50% recency = 25% of 25
    [InlineData(20, 400, 13)]   // count capped at 10, recency gone
    public void Evaluate_Engagement_CombinesCountAndRecencyDecay(int interactions, double daysAgo, int points)
    {
        var factor = Factor(Empty with { InteractionCount = interactions, LastContactedAt = Now.AddDays(-daysAgo) }, LeadScoreFactorKind.Engagement);

        Assert.Equal(points, factor.Points);
    }

    [Fact]
    public void Evaluate_Engagement_ExplainsCountAndDaysSinceContact()
    {
        var factor = Factor(Empty with { InteractionCount = 3, LastContactedAt = Now.AddDays(-12.2) }, LeadScoreFactorKind.Engagement);

        Assert.StartsWith("3 interactions, last contact 12 days ago: ", factor.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(250_000_00L, 15)]
    [InlineData(60_000_00L, 12)]
    [InlineData(25_000_00L, 9)]
    [InlineData(5_000_00L, 6)]
    [InlineData(1_00L, 3)]
    [InlineData(0L, 0)]
    public void Evaluate_Value_EarnsByBand(long cents, int points)
    {
        Assert.Equal(points, Factor(Empty with { EstimatedValue = cents }, LeadScoreFactorKind.Value).Points);
    }

    [Fact]
    public void Evaluate_Value_NamesTheBand()
    {
        var factor = Factor(Empty with { EstimatedValue = 25_000_00 }, LeadScoreFactorKind.Value);

        Assert.Equal("Estimated value 25,000 is in the 20,000+ band (60%): 9 of 15", factor.Reason);
    }

    [Fact]
    public void MaxPoints_ScalesAnyWeightsToExactly100()
    {
        var weights = new LeadScoringWeights { Source = 1, Seniority = 1, CompanySize = 1, Engagement = 0, Value = 0 };

        var max = LeadScoreRules.MaxPoints(weights);

        Assert.Equal(100, max.Values.Sum());
        Assert.Equal([34, 33, 33, 0, 0], [max[LeadScoreFactorKind.Source], max[LeadScoreFactorKind.Seniority], max[LeadScoreFactorKind.CompanySize], max[LeadScoreFactorKind.Engagement], max[LeadScoreFactorKind.Value]]);
    }

    [Fact]
    public void Evaluate_OnlyOneFactorWeighted_ThatFactorDecidesTheWholeScore()
    {
        var weights = new LeadScoringWeights { Source = 7, SourceShares = new() { ["referral"] = 100 }, OtherSourceShare = 0 };
        var input = new LeadScoreInput("referral", "CEO", "1000+", null, 10, Now, 500_000_00);

        var result = LeadScoreRules.Evaluate(Guid.Empty, null, input, weights, Now);

        Assert.Equal(100, result.Score);
        Assert.Equal(100, result.Factors.Single(f => f.Kind == LeadScoreFactorKind.Source).MaxPoints);
        Assert.All(result.Factors.Where(f => f.Kind != LeadScoreFactorKind.Source), f => Assert.Equal(0, f.Points));
    }

    [Fact]
    public void Evaluate_ScoreIsAlwaysTheSumOfTheFactorsAndWithin0To100()
    {
        var random = new Random(42);
        string[] sources = ["referral", "website", "cold", "x", ""];
        string[] titles = ["CEO", "VP Ops", "Intern", "", "Director"];
        string[] sizes = ["1-10", "1000+", "", "mid"];
        for (var i = 0; i < 500; i++)
        {
            var weights = new LeadScoringWeights
            {
                Source = random.Next(0, 50), Seniority = random.Next(0, 50), CompanySize = random.Next(0, 50), Engagement = random.Next(0, 50), Value = random.Next(1, 50),
                SourceShares = new() { ["referral"] = random.Next(0, 101) }, OtherSourceShare = random.Next(0, 101),
                ValueBands = [new() { MinCents = 1, Share = random.Next(0, 101) }],
            };
            var input = new LeadScoreInput(sources[random.Next(sources.Length)], titles[random.Next(titles.Length)], sizes[random.Next(sizes.Length)], null,
                random.Next(0, 30), random.Next(2) == 0 ? null : Now.AddDays(-random.Next(0, 200)), random.Next(2) == 0 ? null : random.Next(0, 10_000_000));

            var result = LeadScoreRules.Evaluate(Guid.Empty, null, input, weights, Now);

            Assert.InRange(result.Score, 0, 100);
            Assert.Equal(result.Factors.Sum(f => f.Points), result.Score);
            Assert.All(result.Factors, f => Assert.InRange(f.Points, 0, f.MaxPoints));
        }
    }
}
