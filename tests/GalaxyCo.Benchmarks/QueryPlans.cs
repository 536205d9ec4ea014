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

        var indexes = new Dictionary<string, List<(string Name, List<string> Columns)>>();
        await using (var catalog = connection.CreateCommand())
        {
            catalog.CommandText = "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'";
            await using var reader = await catalog.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var keys = IndexKeys().Match(reader.GetString(2));
                if (!keys.Success) continue;
                var columns = keys.Groups["keys"].Value.Split(',').Select(c => c.Trim().Trim('"')).ToList();
                if (!indexes.TryGetValue(reader.GetString(0), out var list)) indexes[reader.GetString(0)] = list = [];
                list.Add((reader.GetString(1), columns));
            }
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
                if (!scan.Groups["kind"].Value.EndsWith("Seq Scan", StringComparison.Ordinal) || rows < BigTableRows) continue;
                big.Add(table);
                var filter = lines.Skip(i + 1).TakeWhile(l => !l.Contains("->", StringComparison.Ordinal)).FirstOrDefault(l => l.TrimStart().StartsWith("Filter:", StringComparison.Ordinal));
                suggestions.Add(Suggest(table, filter, captured.Sql, indexes.GetValueOrDefault(table) ?? []));
            }
            var execution = lines.Select(l => ExecutionTime().Match(l)).FirstOrDefault(m => m.Success);
            plans.Add(new QueryPlan(captured.Sql, lines, scans, big, suggestions, execution is null ? 0 : double.Parse(execution.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
        return plans;
    }

    [GeneratedRegex(@"(?<kind>Parallel Seq Scan|Seq Scan|Parallel Index Only Scan|Index Only Scan|Parallel Index Scan|Index Scan|Bitmap Heap Scan)(?: Backward)?(?: using (?<index>\w+))? on (?<table>\w+)")]
    private static partial Regex ScanNode();

    /// <summary>
    /// The index a filtered Seq Scan asks for: workspace_id, then the equality columns, then the range ones; with the
    /// columns the statement reads (sums) as INCLUDE when an index on the keys alone exists and the planner passed it by.
    /// </summary>
    private static string Suggest(string table, string? filter, string sql, List<(string Name, List<string> Columns)> existing)
    {
        if (filter is null) return $"{table}: no filter, the statement reads every row of the workspace";
        var conditions = FilterColumn().Matches(filter)
            .Select(m => (Column: m.Groups["column"].Value, Equality: m.Groups["op"].Value.StartsWith('=')))
            .Where(c => c.Column is not "workspace_id" and not "current_setting" and not "nullif")
            .DistinctBy(c => c.Column).ToList();
        var keys = new List<string> { "workspace_id" };
        keys.AddRange(conditions.Where(c => c.Equality).Select(c => c.Column));
        keys.AddRange(conditions.Where(c => !c.Equality).Select(c => c.Column));
        var selectList = sql[..Math.Max(0, sql.IndexOf("FROM", StringComparison.Ordinal))];
        var read = SelectedColumn().Matches(selectList).Select(m => m.Groups["column"].Value).Where(c => !keys.Contains(c)).Distinct().ToList();
        var include = read.Count > 0 ? $" INCLUDE ({string.Join(", ", read)})" : "";
        var covering = existing.FirstOrDefault(ix => ix.Columns.Count >= keys.Count && ix.Columns.Take(keys.Count).ToHashSet().SetEquals(keys));
        var create = $"CREATE INDEX ON {table} ({string.Join(", ", keys)}){include}";
        return covering.Name is null
            ? $"{table}: [{filter.Trim()}] -> {create}"
            : $"{table}: [{filter.Trim()}] -> {covering.Name} has those keys but the statement reads {(read.Count > 0 ? string.Join(", ", read) : "most rows")} from the heap; {create}";
    }

    [GeneratedRegex(@"USING \w+ \((?<keys>[^)]*)\)")]
    private static partial Regex IndexKeys();

    [GeneratedRegex(@"\b[a-z]\w*\.(?<column>[a-z_]+)\b")]
    private static partial Regex SelectedColumn();

    [GeneratedRegex(@"Bitmap Index Scan on (?<index>\w+)")]
    private static partial Regex BitmapIndexScan();

    [GeneratedRegex(@"\(?(?:\w+\.)?(?<column>[a-z_]+)\)?(?:::\w+)?\s*(?<op>= ANY|=|<> ALL|<>|<=|>=|<|>|IS\b)")]
    private static partial Regex FilterColumn();

    [GeneratedRegex(@"Execution Time: (?<ms>[0-9.]+) ms")]
    private static partial Regex ExecutionTime();
}
