using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Benchmarks.Knowledge;

/// <summary>
/// Fills a workspace with 100k chunks for the search-latency benchmark without embedding 20M tokens (hours on 2
/// cores): it copies the retrieval corpus's real chunks (text, heading path, tsvector) round-robin into synthetic items
/// of 50 chunks, each vector the real one plus a little noise, renormalised, so no two vectors are equal and the
/// vector scan does the same work as over 100k distinct passages. Written with binary COPY as the superuser.
/// </summary>
public static class ScaleChunksSynthesizer
{
    private const int ChunksPerItem = 50;

    public static async Task FillAsync(string superuser, Guid sourceWorkspace, Guid targetWorkspace, Guid ownerId, int chunks, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync(ct);
        await using (var clear = new NpgsqlCommand("DELETE FROM knowledge_items WHERE workspace_id = @w", connection) { CommandTimeout = 0 })
        {
            clear.Parameters.AddWithValue("w", targetWorkspace);
            await clear.ExecuteNonQueryAsync(ct);
        }

        var source = new List<(Guid Id, byte[] Embedding, string Title, string Model)>();
        await using (var read = new NpgsqlCommand("""
            SELECT c.id, c.embedding, i.title, i.embeddings_model
            FROM knowledge_chunks AS c JOIN knowledge_items AS i ON i.id = c.item_id
            WHERE c.workspace_id = @w AND c.embedding IS NOT NULL AND c.search_vector IS NOT NULL ORDER BY c.item_id, c.position
            """, connection))
        {
            read.Parameters.AddWithValue("w", sourceWorkspace);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                source.Add((reader.GetGuid(0), (byte[])reader[1], reader.GetString(2), reader.GetString(3)));
            }
        }
        if (source.Count == 0) throw new InvalidOperationException("the retrieval corpus has no chunks to copy; run the retrieval part first");

        var items = (chunks + ChunksPerItem - 1) / ChunksPerItem;
        var itemIds = Enumerable.Range(0, items).Select(_ => Guid.CreateVersion7()).ToArray();
        var now = DateTime.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY knowledge_items (id, workspace_id, title, type, status, tags, is_favorite, is_archived, language, chunk_count, embeddings_model, processed_at, created_by, created_at, updated_at) FROM STDIN (FORMAT binary)", ct))
        {
            for (var i = 0; i < items; i++)
            {
                var first = source[(i * ChunksPerItem) % source.Count];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(itemIds[i], NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(targetWorkspace, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync($"{first.Title} (copy {i + 1})", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync("document", NpgsqlDbType.Unknown, ct);
                await writer.WriteAsync("ready", NpgsqlDbType.Unknown, ct);
                await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync("english", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(ChunksPerItem, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(first.Model, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(ownerId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }
            await writer.CompleteAsync(ct);
        }

        var random = new Random(42);
        // Vectors are perturbed here; text, heading and tsvector are copied from the source rows by PostgreSQL itself.
        await using (var temp = new NpgsqlCommand("CREATE TEMP TABLE synthetic_chunks (id uuid, item_id uuid, position int, source_id uuid, embedding bytea)", connection))
        {
            await temp.ExecuteNonQueryAsync(ct);
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY synthetic_chunks (id, item_id, position, source_id, embedding) FROM STDIN (FORMAT binary)", ct))
        {
            for (var n = 0; n < chunks; n++)
            {
                var s = source[n % source.Count];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(itemIds[n / ChunksPerItem], NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(n % ChunksPerItem, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(Perturb(s.Embedding, random), NpgsqlDbType.Bytea, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO knowledge_chunks (id, workspace_id, item_id, position, heading_path, text, token_count, embedding, search_vector, created_at)
            SELECT t.id, @w, t.item_id, t.position, s.heading_path, s.text, s.token_count, t.embedding, s.search_vector, now()
            FROM synthetic_chunks AS t JOIN knowledge_chunks AS s ON s.id = t.source_id
            """, connection) { CommandTimeout = 0 })
        {
            insert.Parameters.AddWithValue("w", targetWorkspace);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var analyze = new NpgsqlCommand("ANALYZE knowledge_items, knowledge_chunks", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync(ct);
    }

    private static byte[] Perturb(byte[] embedding, Random random)
    {
        var vector = new float[embedding.Length / 4];
        Buffer.BlockCopy(embedding, 0, vector, 0, embedding.Length);
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] += (float)((random.NextDouble() - 0.5) * 0.02);
            norm += vector[i] * vector[i];
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++) vector[i] *= scale;
        var bytes = new byte[embedding.Length];
        Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
