using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GalaxyCo.Data;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Tests.Knowledge.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace GalaxyCo.Domain.Tests.Knowledge.Ingestion;

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeIngestionTests(PostgresDatabase db)
{
    [Fact]
    public async Task UploadAsync_PdfAndDocx_JobMakesThemReadyWithEmbeddedChunks()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Upload");
        await using var owner = await host.OwnerOfAsync(w);
        var pdf = await UploadAsync(owner, "expenses.pdf", MakePdf(
            "Travel expenses are reimbursed within thirty days of submitting the receipts.",
            "Hotel stays above two hundred euros per night need approval from a manager."));
        var docx = await UploadAsync(owner, "onboarding.docx", MakeDocx("Onboarding", "New employees receive a laptop and a badge on their first day."));
        Assert.False(pdf.IsDuplicate);
        Assert.Equal(KnowledgeItemStatus.Processing, pdf.Item.Status);
        Assert.Equal(KnowledgeItemType.Document, pdf.Item.Type);
        Assert.Equal([pdf.Item.Id, docx.Item.Id], host.Queue.Items.Select(j => j.ItemId));
        var before = await UpdatedAtAsync(w, pdf.Item.Id);

        await host.DrainAsync();

        var details = (await owner.Items.GetAsync(pdf.Item.Id)).Value!;
        Assert.True(details.Item.Status == KnowledgeItemStatus.Ready, details.Item.ProcessingError);
        Assert.Contains("reimbursed within thirty days", details.Content, StringComparison.Ordinal);
        Assert.Equal(LocalMiniLmEmbeddingGenerator.ModelName, details.EmbeddingsModel);
        Assert.Equal("application/pdf", details.ContentType);
        Assert.NotNull(details.ProcessedAt);
        Assert.True(details.Item.UpdatedAt > before, "Becoming ready moves updated_at, which the search index watches.");
        var chunks = (await owner.Items.GetChunksAsync(pdf.Item.Id)).Value!;
        Assert.Equal(details.Item.ChunkCount, chunks.Count);
        Assert.NotEmpty(chunks);
        Assert.Equal(1, chunks[0].PageNumber);
        Assert.Contains(chunks, c => c.PageNumber == 2);

        var word = (await owner.Items.GetAsync(docx.Item.Id)).Value!;
        Assert.Equal(KnowledgeItemStatus.Ready, word.Item.Status);
        Assert.Contains("laptop and a badge", word.Content, StringComparison.Ordinal);

        await using var ctx = db.CreateContext(w.Tenant());
        var embeddings = await ctx.KnowledgeChunks.AsNoTracking().Where(c => c.ItemId == pdf.Item.Id).Select(c => c.Embedding).ToListAsync();
        Assert.All(embeddings, e => Assert.Equal(384 * 4, e!.Length));
        var item = await ctx.KnowledgeItems.AsNoTracking().SingleAsync(i => i.Id == pdf.Item.Id);
        Assert.Equal(384, item.Embeddings.Count);
        Assert.InRange(Math.Sqrt(item.Embeddings.Sum(x => (double)x * x)), 0.99, 1.01);

        // The audit trail says the text and the file changed, and how large they are, never their value.
        var logs = await ctx.AuditLogs.AsNoTracking().Where(l => l.ResourceId == pdf.Item.Id.ToString()).ToListAsync();
        var file = Assert.Single(logs, l => l.ResourceType == "knowledge_item_file");
        Assert.Matches(@"^\[\d+ bytes\]$", file.Changes["content"].After);
        var processed = Assert.Single(logs, l => l.ResourceType == "knowledge_item" && l.Changes.ContainsKey("content"));
        Assert.Matches(@"^\[\d+ characters\]$", processed.Changes["content"].After);
        Assert.Matches(@"^\[384 values\]$", processed.Changes["embeddings"].After);
        Assert.DoesNotContain(logs, l => JsonSerializer.Serialize(l.Changes).Length > 4000);
    }

    [Fact]
    public async Task UploadAsync_SameBytesTwice_ReturnsTheExistingItem()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Duplicate");
        await using var owner = await host.OwnerOfAsync(w);
        var bytes = Encoding.UTF8.GetBytes("# Leave policy\n\nEveryone gets twenty-five days of paid leave.");
        var first = await UploadAsync(owner, "leave.md", bytes);
        var second = await UploadAsync(owner, "leave-copy.md", bytes);
        Assert.True(second.IsDuplicate);
        Assert.Equal(first.Item.Id, second.Item.Id);
        Assert.Single(host.Queue.Items);
        Assert.Equal(1, (await owner.Items.ListAsync(new KnowledgeItemQuery())).Total);
    }

    [Fact]
    public async Task UploadAsync_HugeStream_IsRefusedAfterReadingAtMostTheLimit()
    {
        await using var host = KnowledgeLibraryHost.Start(db, maxUploadBytes: 1024 * 1024);
        var w = await db.CreateWorkspaceAsync("Knowledge Huge");
        await using var owner = await host.OwnerOfAsync(w);
        // 300 MB, honestly declared: refused before reading a byte.
        await using var honest = new EndlessStream();
        var declared = await owner.Ingest.UploadAsync(new UploadFile("manual.pdf", "application/pdf", honest, 300L * 1024 * 1024), new NewItemOptions());
        Assert.Equal(ResultStatus.Invalid, declared.Status);
        Assert.Contains("larger than 1 MB", declared.ErrorFor("file"), StringComparison.Ordinal);
        Assert.Equal(0, honest.BytesRead);
        // A stream that claims to be small but never ends: read up to the limit plus one byte, then refused.
        await using var liar = new EndlessStream();
        var lying = await owner.Ingest.UploadAsync(new UploadFile("manual.txt", "text/plain", liar, 10), new NewItemOptions());
        Assert.Contains("larger than 1 MB", lying.ErrorFor("file"), StringComparison.Ordinal);
        Assert.InRange(liar.BytesRead, 1024 * 1024 + 1, 1024 * 1024 + 1);
        Assert.Equal(0, (await owner.Items.ListAsync(new KnowledgeItemQuery())).Total);
        Assert.Empty(host.Queue.Items);
    }

    [Fact]
    public async Task UploadAsync_EmptyOrUnsupportedFile_IsRefusedAndNothingSaved()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Empty");
        await using var owner = await host.OwnerOfAsync(w);
        using var empty = new MemoryStream();
        var refused = await owner.Ingest.UploadAsync(new UploadFile("notes.txt", "text/plain", empty, 0), new NewItemOptions());
        Assert.Contains("empty", refused.ErrorFor("file"), StringComparison.Ordinal);
        using var exe = new MemoryStream([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xFF, 0xFF]);
        var binary = await owner.Ingest.UploadAsync(new UploadFile("setup.exe", "application/octet-stream", exe, exe.Length), new NewItemOptions());
        Assert.Contains("not supported", binary.ErrorFor("file"), StringComparison.Ordinal);
        await using var ctx = db.CreateContext(w.Tenant());
        Assert.Equal(0, await ctx.KnowledgeItems.CountAsync());
        Assert.Equal(0, await ctx.KnowledgeItemFiles.CountAsync());
    }

    [Fact]
    public async Task ProcessAsync_FakePdfAndZipBomb_FailWithMessageThenRetryQueuesAgain()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Hostile");
        await using var owner = await host.OwnerOfAsync(w);
        var fake = await UploadAsync(owner, "report.pdf", Encoding.UTF8.GetBytes("%PDF-1.7\nthis is not really a pdf at all"));
        var bomb = await UploadAsync(owner, "contract.docx", MakeZipBomb(8 * 1024 * 1024));
        await host.DrainAsync();

        foreach (var id in new[] { fake.Item.Id, bomb.Item.Id })
        {
            var failed = (await owner.Items.GetAsync(id)).Value!;
            Assert.Equal(KnowledgeItemStatus.Failed, failed.Item.Status);
            Assert.False(string.IsNullOrWhiteSpace(failed.Item.ProcessingError));
            Assert.Equal(0, failed.Item.ChunkCount);
            Assert.Empty((await owner.Items.GetChunksAsync(id)).Value!);
        }

        Assert.Equal(ResultStatus.Conflict, (await owner.Ingest.ResyncAsync(fake.Item.Id)).Status);
        var retried = await owner.Ingest.RetryAsync(fake.Item.Id);
        Assert.True(retried.Succeeded, retried.Message);
        Assert.Equal(KnowledgeItemStatus.Processing, retried.Value!.Status);
        Assert.Null(retried.Value.ProcessingError);
        Assert.Equal([fake.Item.Id], host.Queue.Items.Select(j => j.ItemId));
        Assert.Equal(ResultStatus.Conflict, (await owner.Ingest.RetryAsync(fake.Item.Id)).Status);
    }

    [Fact]
    public async Task ProcessAsync_TextItem_KeepsMarkdownAndBecomesSearchableChunks()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Text");
        await using var owner = await host.OwnerOfAsync(w);
        var markdown = "# Deployments\n\nWe deploy on Tuesdays after the *change review*.\n\n## Rollback\n\nRoll back with the previous image tag.";
        var added = (await owner.Ingest.AddTextAsync(new TextItemInput("Deploy guide", markdown), new NewItemOptions(Tags: ["Ops"]))).Value!;
        await host.DrainAsync();
        var details = (await owner.Items.GetAsync(added.Item.Id)).Value!;
        Assert.Equal(KnowledgeItemStatus.Ready, details.Item.Status);
        Assert.Equal(markdown, details.Content);
        Assert.True(details.HasOriginal);
        Assert.Equal(markdown, Encoding.UTF8.GetString((await owner.Items.GetOriginalAsync(added.Item.Id)).Value!.Content));
        Assert.Contains((await owner.Items.GetChunksAsync(added.Item.Id)).Value!, c => c.Text.Contains("previous image tag", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessAsync_OtherWorkspacesItemId_TouchesNothing()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var a = await db.CreateWorkspaceAsync("Knowledge Job A");
        var b = await db.CreateWorkspaceAsync("Knowledge Job B");
        await using var ownerB = await host.OwnerOfAsync(b);
        var theirs = (await ownerB.Ingest.AddTextAsync(new TextItemInput("B only", "Belongs to B."), new NewItemOptions())).Value!.Item;
        var stamped = await UpdatedAtAsync(b, theirs.Id);

        await host.ProcessAsync(a.Id, theirs.Id);

        await using var ctx = db.CreateContext(b.Tenant());
        var item = await ctx.KnowledgeItems.AsNoTracking().SingleAsync(i => i.Id == theirs.Id);
        Assert.Equal(KnowledgeItemStatus.Processing, item.Status);
        Assert.Equal(stamped, item.UpdatedAt);
        Assert.Equal(0, await ctx.KnowledgeChunks.CountAsync(c => c.ItemId == theirs.Id));
        await host.ProcessAsync(b.Id, theirs.Id);
        Assert.Equal(KnowledgeItemStatus.Ready, (await ctx.KnowledgeItems.AsNoTracking().SingleAsync(i => i.Id == theirs.Id)).Status);
    }

    [Fact]
    public async Task SweepWorkspaceAsync_StalledProcessingItem_IsQueuedAgainOnce()
    {
        await using var host = KnowledgeLibraryHost.Start(db);
        var w = await db.CreateWorkspaceAsync("Knowledge Sweep");
        await using var owner = await host.OwnerOfAsync(w);
        var stalled = (await owner.Ingest.AddTextAsync(new TextItemInput("Stalled", "Lost job."), new NewItemOptions())).Value!.Item;
        var fresh = (await owner.Ingest.AddTextAsync(new TextItemInput("Fresh", "Job queued just now."), new NewItemOptions())).Value!.Item;
        while (host.Queue.Items.TryDequeue(out _)) { }
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            var old = DateTime.UtcNow.AddMinutes(-20);
            await ctx.KnowledgeItems.Where(i => i.Id == stalled.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, old));
        }
        await using var scope = host.Services.CreateAsyncScope();
        var sweep = scope.ServiceProvider.GetRequiredService<KnowledgeSweepJob>();
        Assert.Equal(1, await sweep.SweepWorkspaceAsync(w.Id));
        Assert.Equal([stalled.Id], host.Queue.Items.Select(j => j.ItemId));
        Assert.Equal(0, await sweep.SweepWorkspaceAsync(w.Id));
        Assert.DoesNotContain(fresh.Id, host.Queue.Items.Select(j => j.ItemId));
    }

    private static async Task<AddedItem> UploadAsync(KnowledgeActor actor, string name, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var result = await actor.Ingest.UploadAsync(new UploadFile(name, null, stream, bytes.Length), new NewItemOptions());
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    private async Task<DateTime> UpdatedAtAsync(TestWorkspace w, Guid id)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        return await ctx.KnowledgeItems.AsNoTracking().Where(i => i.Id == id).Select(i => i.UpdatedAt).SingleAsync();
    }

    internal static byte[] MakePdf(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText(text, 11, new PdfPoint(40, 760), font);
        }
        return builder.Build();
    }

    internal static byte[] MakeDocx(string heading, string paragraph)
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new Text(heading))),
                new Paragraph(new Run(new Text(paragraph)))));
            main.Document.Save();
        }
        return memory.ToArray();
    }

    /// <summary>A .docx-shaped zip whose document.xml expands to <paramref name="expandedBytes"/> (a few KB on disk).</summary>
    internal static byte[] MakeZipBomb(int expandedBytes)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            using var body = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var spaces = new byte[64 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var written = 0; written < expandedBytes; written += spaces.Length) body.Write(spaces);
        }
        return memory.ToArray();
    }

    /// <summary>Zeros forever, counting what was read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            BytesRead += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
