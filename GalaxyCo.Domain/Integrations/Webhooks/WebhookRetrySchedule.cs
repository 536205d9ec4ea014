namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>
/// When a failed attempt is tried again: 10 s, 1 min, 10 min, 1 h and 6 h after attempts 1 to 5 (6 attempts over
/// about 7.2 hours), each spread by ±20 % so endpoints that failed together are not retried in one burst.
/// </summary>
public sealed class WebhookRetrySchedule
{
    public static readonly IReadOnlyList<TimeSpan> DefaultDelays =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    /// <summary>The spread either side of each delay.</summary>
    public const double Jitter = 0.2;

    private readonly Random _random;
    private readonly Lock _lock = new();

    public WebhookRetrySchedule() : this(DefaultDelays, Random.Shared)
    {
    }

    /// <param name="delays">The delay after attempt 1, 2, ...; past the last one the last is reused.</param>
    /// <param name="random">Injectable so tests can pin the jitter.</param>
    public WebhookRetrySchedule(IReadOnlyList<TimeSpan> delays, Random random)
    {
        ArgumentNullException.ThrowIfNull(delays);
        if (delays.Count == 0) throw new ArgumentException("At least one delay is needed.", nameof(delays));
        Delays = delays;
        _random = random;
    }

    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>The delay before attempt <paramref name="failedAttempt"/> + 1, without jitter.</summary>
    public TimeSpan BaseDelay(int failedAttempt) => Delays[Math.Clamp(failedAttempt, 1, Delays.Count) - 1];

    /// <summary>The delay before attempt <paramref name="failedAttempt"/> + 1, within ±20 % of <see cref="BaseDelay"/>.</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        double factor;
        lock (_lock) factor = 1 + ((_random.NextDouble() * 2) - 1) * Jitter;
        return TimeSpan.FromTicks((long)(BaseDelay(failedAttempt).Ticks * factor));
    }
}
