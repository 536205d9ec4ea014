namespace GalaxyCo.Benchmarks;

/// <summary>Command line: <c>--scale N</c>, <c>--iterations N</c>, <c>--warmup N</c>, <c>--fresh</c>, <c>--only crm,import,work,calendar,invoices,live,core,knowledge[-retrieval|-ingest|-search]</c>.</summary>
public sealed record BenchOptions(int Scale, int Iterations, int Warmup, bool Fresh, string AdminConnectionString)
{
    /// <summary>The sections to run (core = home, members, workspace switch, query plans); all when empty.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    public bool Runs(string section) => Only.Count == 0 || Only.Contains(section);

    public const string AdminEnvironmentVariable = "GALAXYCO_BENCH_PG_ADMIN";

    public const string Usage = """
        usage: dotnet run -c Release --project tests/GalaxyCo.Benchmarks -- [--scale 100000] [--iterations 200] [--warmup 20] [--fresh] [--only crm,import,work,calendar,invoices,live,core,knowledge[-retrieval|-ingest|-search]]
        env:   GALAXYCO_BENCH_PG_ADMIN  superuser connection string, e.g. "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"
        """;

    /// <summary>Parses the arguments; a message instead of options when they are wrong.</summary>
    public static (BenchOptions? Options, string? Error) Parse(string[] args, string? adminConnectionString)
    {
        int scale = 100_000, iterations = 200, warmup = 20;
        var fresh = false;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fresh": fresh = true; break;
                case "--scale" when i + 1 < args.Length && int.TryParse(args[i + 1], out var s) && s >= 10: scale = s; i++; break;
                case "--iterations" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0: iterations = n; i++; break;
                case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out var w) && w >= 0: warmup = w; i++; break;
                case "--only" when i + 1 < args.Length:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "-h" or "--help": return (null, Usage);
                default: return (null, $"unknown or invalid argument '{args[i]}' (scale must be >= 10)\n{Usage}");
            }
        }
        if (string.IsNullOrWhiteSpace(adminConnectionString))
            return (null, $"{AdminEnvironmentVariable} is not set.\n{Usage}");
        return (new BenchOptions(scale, iterations, warmup, fresh, adminConnectionString) { Only = only }, null);
    }
}
