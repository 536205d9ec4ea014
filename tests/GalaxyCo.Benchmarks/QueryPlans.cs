using System.Text.RegularExpressions;
using GalaxyCo.Data;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Benchmarks;

/// <summary>One statement's EXPLAIN (ANALYZE, BUFFERS): how it scans and whether a big table is read whole.</summary>
public sealed record QueryPlan(string Sql, IReadOnlyList<string> Lines, IReadOnlyList<string> Scans, IReadOnlyList<string> BigSeqScans, IReadOnlyList<string> Suggestions, double ExecutionMs);

/// <summary>
/// Runs EXPLAIN (ANALYZE, BUFFERS) for captured statements on a context of the app (app role, tenant entered, RLS on),
/// and flags a Seq Scan on a table above <see cref="BigTableRows"/> rows with the index that would serve its filter.
/// </summary>
public static partial class QueryPlans
{
    public const long BigTableRows = 10_000;

    public static async Task<IReadOnlyList<QueryPlan>> ExplainAsync(IDbContextFactory<GalaxyDbContext> factory, IEnumerable<CapturedCommand> commands, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var sizes = new Dictionary<string, long>();
        await using (var stats = connection.CreateCommand())
        {
            stats.CommandText = "SELECT relname, greatest(reltuples, 0)::bigint FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace";
            await using var reader = await stats.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) sizes[reader.GetString(0)] = reader.GetInt64(1);
        }

        var plans = new List<QueryPlan>();
        foreach (var captured in commands)
        {
            var lines = new List<string>();
            await using (var explain = captured.ToExplain(connection))
            {
                await using var reader = await explain.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
            }
            var scans = new List<string>();
            var big = new List<string>();
            var suggestions = new List<string>();
            for (var i = 0; i < lines.Count; i++)
            {
                var bitmap = BitmapIndexScan().Match(lines[i]);
                if (bitmap.Success)
                {
                    scans.Add($"Bitmap Index Scan on index {bitmap.Groups["index"].Value}");
                    continue;
                }
                var scan = ScanNode().Match(lines[i]);
                if (!scan.Success) continue;
                var table = scan.Groups["table"].Value;
                var rows = sizes.GetValueOrDefault(table);
                scans.Add($"{scan.Groups["kind"].Value.Trim()} on {table}{(scan.Groups["index"].Success ? " using " + scan.Groups["index"].Value : "")} ({rows:N0} rows)");
                if (scan.Groups["kind"].Value.Trim() != "Seq Scan" || rows < BigTableRows) continue;
                big.Add(table);
                var filter = lines.Skip(i + 1).TakeWhile(l => !l.Contains("->", StringComparison.Ordinal)).FirstOrDefault(l => l.TrimStart().StartsWith("Filter:", StringComparison.Ordinal));
                var columns = filter is null ? [] : FilterColumn().Matches(filter).Select(m => m.Groups["column"].Value)
                    .Where(c => c is not "workspace_id" and not "current_setting" and not "nullif" and not "ANY").Distinct().ToList();
                suggestions.Add($"{table}: filter [{filter?.Trim() ?? "none"}] -> CREATE INDEX ON {table} (workspace_id{string.Concat(columns.Select(c => ", " + c))})");
            }
            var execution = lines.Select(l => ExecutionTime().Match(l)).FirstOrDefault(m => m.Success);
            plans.Add(new QueryPlan(captured.Sql, lines, scans, big, suggestions, execution is null ? 0 : double.Parse(execution.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
        return plans;
    }

    [GeneratedRegex(@"(?<kind>Parallel Seq Scan|Seq Scan|Parallel Index Only Scan|Index Only Scan|Parallel Index Scan|Index Scan|Bitmap Heap Scan)(?: Backward)?(?: using (?<index>\w+))? on (?<table>\w+)")]
    private static partial Regex ScanNode();

    [GeneratedRegex(@"Bitmap Index Scan on (?<index>\w+)")]
    private static partial Regex BitmapIndexScan();

    [GeneratedRegex(@"\(?(?:\w+\.)?(?<column>[a-z_]+)\)?(?:::\w+)?\s*(?:=|<>|<=|>=|<|>|IS\b)")]
    private static partial Regex FilterColumn();

    [GeneratedRegex(@"Execution Time: (?<ms>[0-9.]+) ms")]
    private static partial Regex ExecutionTime();
}
