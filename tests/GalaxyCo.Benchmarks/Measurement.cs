using System.Diagnostics;

namespace GalaxyCo.Benchmarks;

/// <summary>Latencies of one scenario after its warm-up, in milliseconds, and the rows it touched.</summary>
public sealed record Measurement(string Name, IReadOnlyList<double> SortedMs, string Rows)
{
    public double P50 => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double P99 => Percentile(0.99);
    public double Max => SortedMs[^1];
    public double Mean => SortedMs.Average();

    /// <summary>Nearest-rank percentile: the smallest sample with at least p of the samples at or below it.</summary>
    public double Percentile(double p) => SortedMs[Math.Clamp((int)Math.Ceiling(p * SortedMs.Count) - 1, 0, SortedMs.Count - 1)];

    /// <summary>Runs <paramref name="warmup"/> untimed then <paramref name="iterations"/> timed calls, one after another.</summary>
    public static async Task<Measurement> RunAsync(string name, int warmup, int iterations, Func<int, Task> call, Func<string> rows)
    {
        for (var i = 0; i < warmup; i++) await call(i);
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        var result = new Measurement(name, samples, rows());
        Console.WriteLine($"{name,-34} p50 {result.P50,8:N2}  p95 {result.P95,8:N2}  p99 {result.P99,8:N2}  max {result.Max,8:N2} ms   ({iterations} runs; {result.Rows})");
        return result;
    }
}
