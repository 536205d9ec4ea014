using System.Diagnostics;
using Npgsql;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Bulk-loads one table through row-level security. PostgreSQL refuses COPY FROM into a table with RLS enabled
/// ("COPY FROM not supported with row-level security"), even for its owner when RLS is FORCEd, so rows are
/// binary-COPied into a temporary staging table (no RLS) and moved with one INSERT ... SELECT per chunk — an
/// ordinary insert, so the policy's WITH CHECK still vets every row against app.workspace_id.
/// </summary>
internal sealed class BenchCopy(NpgsqlConnection connection, IProgress<string>? progress)
{
    /// <summary>Rows per staging round: big enough to amortise the statement, small enough for temp buffers.</summary>
    public const int ChunkSize = 100_000;

    public delegate Task RowWriter(NpgsqlBinaryImporter writer, int index, CancellationToken ct);

    public async Task<BenchTableReport> LoadAsync(string table, IReadOnlyList<string> columns, int rows, RowWriter writeRow, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var stage = "bench_stage_" + table;
        var columnList = string.Join(", ", columns);

        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Same column types (enums, jsonb, text[]) but none of the constraints, indexes or policies.
        await ExecuteAsync($"CREATE TEMP TABLE {stage} (LIKE {table} INCLUDING DEFAULTS INCLUDING GENERATED) ON COMMIT DROP", ct);
        for (var start = 0; start < rows; start += ChunkSize)
        {
            var end = Math.Min(rows, start + ChunkSize);
            await using (var writer = await connection.BeginBinaryImportAsync($"COPY {stage} ({columnList}) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var i = start; i < end; i++)
                {
                    await writer.StartRowAsync(ct);
                    await writeRow(writer, i, ct);
                }
                await writer.CompleteAsync(ct);
            }
            var inserted = await ExecuteAsync($"INSERT INTO {table} ({columnList}) SELECT {columnList} FROM {stage}", ct);
            if (inserted != end - start)
                throw new InvalidOperationException($"{table}: staged {end - start} rows but inserted {inserted}.");
            await ExecuteAsync($"TRUNCATE {stage}", ct);
            if (rows > ChunkSize) progress?.Report($"{table}: {end:N0} / {rows:N0} rows ({end / clock.Elapsed.TotalSeconds:N0} rows/s)");
        }
        await transaction.CommitAsync(ct);

        var report = new BenchTableReport(table, rows, clock.Elapsed);
        progress?.Report(report.ToString());
        return report;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct)
    {
        // Table and column names are the seeder's own constants; no value is ever spliced into the text.
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
