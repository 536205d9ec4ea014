using GalaxyCo.Domain.Seeding;
using GalaxyCo.Domain.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace GalaxyCo.Domain.Tests.Seeding;

/// <summary>Why the bench seeder stages its COPY, and proof that the staged rows still pass through RLS.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BenchCopyTests(PostgresDatabase db)
{
    private static readonly string[] Columns = ["id", "workspace_id", "name", "status", "tags", "address"];
    private static readonly string[] Tags = ["bench"];

    [Fact]
    public async Task DirectCopy_IntoATenantTable_IsRefused_EvenForTheOwner()
    {
        var workspace = await db.CreateWorkspaceAsync("Copy Refused");
        await using var owner = await db.OpenOwnerConnectionAsync(workspace.Id);

        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var writer = await owner.BeginBinaryImportAsync("COPY customers (id, workspace_id, name, status) FROM STDIN (FORMAT BINARY)");
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(workspace.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync("Direct", NpgsqlDbType.Varchar);
            await writer.WriteAsync("active", NpgsqlDbType.Unknown);
            await writer.CompleteAsync();
        });

        Assert.Contains("row-level security", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WritesEnumsArraysAndJsonb_IntoTheCurrentWorkspace()
    {
        var workspace = await db.CreateWorkspaceAsync("Copy Staged");
        await using var owner = await db.OpenOwnerConnectionAsync(workspace.Id);

        var report = await new BenchCopy(owner, null).LoadAsync("customers", Columns, 3, (w, i, ct) => WriteCustomerAsync(w, workspace.Id, i, ct), CancellationToken.None);

        Assert.Equal(3, report.Rows);
        await using var check = new NpgsqlCommand("select string_agg(status::text || '/' || array_length(tags, 1) || '/' || (address->>'city'), ',' order by name) from customers", owner);
        Assert.Equal("churned/1/Austin,churned/1/Austin,churned/1/Austin", await check.ExecuteScalarAsync());
    }

    [Fact]
    public async Task LoadAsync_RowOfAnotherWorkspace_IsRefusedByTheWithCheckPolicy()
    {
        var mine = await db.CreateWorkspaceAsync("Copy Mine");
        var theirs = await db.CreateWorkspaceAsync("Copy Theirs");
        await using var owner = await db.OpenOwnerConnectionAsync(mine.Id);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            new BenchCopy(owner, null).LoadAsync("customers", Columns, 1, (w, i, ct) => WriteCustomerAsync(w, theirs.Id, i, ct), CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("row-level security", error.MessageText, StringComparison.Ordinal);
        await using var other = await db.OpenOwnerConnectionAsync(theirs.Id);
        await using var count = new NpgsqlCommand("select count(*) from customers", other);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    private static async Task WriteCustomerAsync(NpgsqlBinaryImporter w, Guid workspaceId, int i, CancellationToken ct)
    {
        await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(workspaceId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync($"Staged {i}", NpgsqlDbType.Varchar, ct);
        await w.WriteAsync("churned", NpgsqlDbType.Unknown, ct);
        await w.WriteAsync(Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync("{\"city\":\"Austin\"}", NpgsqlDbType.Jsonb, ct);
    }
}
