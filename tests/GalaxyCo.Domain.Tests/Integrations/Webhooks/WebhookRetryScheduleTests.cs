using GalaxyCo.Domain.Integrations.Webhooks;

namespace GalaxyCo.Domain.Tests.Integrations.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    [Fact]
    public void DelayAfter_EveryAttempt_StaysWithinTwentyPercentOfItsBase()
    {
        var schedule = new WebhookRetrySchedule(WebhookRetrySchedule.DefaultDelays, new Random(42));
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var baseDelay = schedule.BaseDelay(attempt);
            for (var i = 0; i < 500; i++)
            {
                var delay = schedule.DelayAfter(attempt);
                Assert.InRange(delay, baseDelay * 0.8, baseDelay * 1.2);
            }
        }
    }

    [Fact]
    public void DelayAfter_ManyDraws_ActuallySpreadsBothWays()
    {
        var schedule = new WebhookRetrySchedule(WebhookRetrySchedule.DefaultDelays, new Random(1));
        var draws = Enumerable.Range(0, 1000).Select(_ => schedule.DelayAfter(1).TotalSeconds).ToList();
        Assert.True(draws.Min() < 8.5, $"min {draws.Min()}");
        Assert.True(draws.Max() > 11.5, $"max {draws.Max()}");
    }

    [Fact]
    public void BaseDelay_DefaultSchedule_SixAttemptsOverAboutSevenHours()
    {
        var schedule = new WebhookRetrySchedule();
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)],
            Enumerable.Range(1, 5).Select(schedule.BaseDelay));
        var total = Enumerable.Range(1, 5).Select(schedule.BaseDelay).Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.InRange(total.TotalHours, 7.0, 7.5);
        Assert.Equal(6, new WebhookOptions().MaxAttempts);
        Assert.True(schedule.BaseDelay(1) < schedule.BaseDelay(2) && schedule.BaseDelay(4) < schedule.BaseDelay(5), "backoff grows");
    }

    [Fact]
    public void BaseDelay_PastTheLastAttempt_ReusesTheLastDelay() =>
        Assert.Equal(TimeSpan.FromHours(6), new WebhookRetrySchedule().BaseDelay(9));
}
