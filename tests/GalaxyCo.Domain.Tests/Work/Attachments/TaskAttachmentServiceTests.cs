using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Work.Attachments;

[Collection(PostgresCollection.Name)]
public sealed class TaskAttachmentServiceTests(PostgresDatabase db) : IDisposable
{
    private const long Limit = 64 * 1024;
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    private readonly WorkTestHost host = new(db, maxFileBytes: Limit);

    public void Dispose() => host.Dispose();

    private static TaskAttachmentService Attachments(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<TaskAttachmentService>();

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task UploadAsync_AllowedFile_StoresBytesMetadataAndAuditRow()
    {
        var w = await db.CreateWorkspaceAsync("Attach Upload");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);

        var result = await Attachments(owner).UploadAsync(task.Id, "notes.txt", Bytes("hello, team"));

        Assert.True(result.Succeeded, result.Message);
        var view = result.Value!;
        Assert.Equal("notes.txt", view.FileName);
        Assert.Equal(11, view.Size);
        Assert.Equal("text/plain", view.ContentType);
        Assert.Equal($"/w/{w.Slug}/work/tasks/{task.Id}/attachments/{view.FileId}", view.DownloadUrl);
        // The stored name is our id under workspace/task folders, never the person's file name.
        var path = host.Store.PathOf(w.Id, task.Id, view.FileId!);
        Assert.Equal("hello, team", await File.ReadAllTextAsync(path));
        Assert.StartsWith(host.FilesRoot, path, StringComparison.Ordinal);
        Assert.DoesNotContain("notes", path, StringComparison.Ordinal);

        var stored = await host.ReadAsync(w.Id, ctx => ctx.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));
        var item = Assert.Single(stored.Attachments);
        Assert.Equal(("notes.txt", 11L, "text/plain", view.DownloadUrl), (item.FileName, item.Size, item.ContentType, item.Url));
        var audit = await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.AsNoTracking()
            .Where(a => a.ResourceId == task.Id.ToString() && a.Action == TaskAttachmentService.AddAction).ToListAsync());
        Assert.Equal(view.FileId, Assert.Single(audit).Metadata["file_id"]);
        Assert.Equal(w.OwnerUserId, audit[0].UserId);

        var listed = await Attachments(owner).ListAsync(task.Id);
        var row = Assert.Single(listed.Value!);
        Assert.Equal("Attach Upload Owner", row.UploadedBy);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, row.UploadedAt);
    }

    [Fact]
    public async Task UploadAsync_OverTheSizeLimit_RefusedWithMessageAndNothingStored()
    {
        var w = await db.CreateWorkspaceAsync("Attach Too Big");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);

        var result = await Attachments(owner).UploadAsync(task.Id, "big.txt", new MemoryStream(new byte[Limit + 1]));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("too big", result.ErrorFor("file"), StringComparison.Ordinal);
        Assert.Contains("64 KB", result.Message, StringComparison.Ordinal);
        Assert.Empty((await host.ReadAsync(w.Id, ctx => ctx.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id))).Attachments);
        Assert.Empty(Directory.EnumerateFiles(host.FilesRoot, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task UploadAsync_ExactlyTheLimit_Accepted()
    {
        var w = await db.CreateWorkspaceAsync("Attach Limit");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);

        var result = await Attachments(owner).UploadAsync(task.Id, "limit.zip", new MemoryStream(new byte[Limit]));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(Limit, result.Value!.Size);
    }

    [Theory]
    [InlineData("setup.exe", "hello")]
    [InlineData("deploy.sh", "echo hi")]
    [InlineData("app.js", "alert(1)")]
    public async Task UploadAsync_RefusedType_InvalidAndNothingStored(string name, string content)
    {
        var w = await db.CreateWorkspaceAsync("Attach Type");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);

        var result = await Attachments(owner).UploadAsync(task.Id, name, Bytes(content));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("can't be attached", result.ErrorFor("file"), StringComparison.Ordinal);
        Assert.Empty((await host.ReadAsync(w.Id, ctx => ctx.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id))).Attachments);
    }

    [Fact]
    public async Task UploadAsync_ProgramRenamedPdf_Refused()
    {
        var w = await db.CreateWorkspaceAsync("Attach Exe");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);

        var result = await Attachments(owner).UploadAsync(task.Id, "invoice.pdf", new MemoryStream([0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0]));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("program", result.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(host.FilesRoot, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task UploadAsync_HtmlRenamedPng_StoredAndServedAsOctetStreamDownload()
    {
        var w = await db.CreateWorkspaceAsync("Attach Html");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);

        var uploaded = await Attachments(owner).UploadAsync(task.Id, "cat.png", Bytes("<html><script>alert(document.cookie)</script></html>"));

        Assert.True(uploaded.Succeeded, uploaded.Message);
        Assert.Equal("application/octet-stream", uploaded.Value!.ContentType);
        var opened = await Attachments(owner).OpenAsync(task.Id, uploaded.Value.FileId!);
        await using var content = opened.Value!.Content;
        Assert.Equal("application/octet-stream", opened.Value.ContentType);
        Assert.False(opened.Value.Inline);
    }

    [Fact]
    public async Task OpenAsync_RealPng_InlineImageWithItsBytes()
    {
        var w = await db.CreateWorkspaceAsync("Attach Png");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);
        var uploaded = await Attachments(owner).UploadAsync(task.Id, "shot.png", new MemoryStream(PngBytes));

        var opened = await Attachments(owner).OpenAsync(task.Id, uploaded.Value!.FileId!);

        await using var content = opened.Value!.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(PngBytes, copy.ToArray());
        Assert.Equal(("image/png", true, "shot.png"), (opened.Value.ContentType, opened.Value.Inline, opened.Value.FileName));
    }

    [Fact]
    public async Task UploadAsync_Viewer_ForbiddenButCanDownload()
    {
        var w = await db.CreateWorkspaceAsync("Attach Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);
        var uploaded = await Attachments(owner).UploadAsync(task.Id, "notes.txt", Bytes("x"));
        await using var asViewer = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await Attachments(asViewer).UploadAsync(task.Id, "more.txt", Bytes("y"))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await Attachments(asViewer).DeleteAsync(task.Id, uploaded.Value!.FileId!)).Status);
        var opened = await Attachments(asViewer).OpenAsync(task.Id, uploaded.Value.FileId!);
        await using var _ = opened.Value!.Content;
        Assert.True(opened.Succeeded);
    }

    [Fact]
    public async Task DeleteAsync_RemovesFileMetadataAndWritesAudit()
    {
        var w = await db.CreateWorkspaceAsync("Attach Delete");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);
        var keep = (await Attachments(owner).UploadAsync(task.Id, "keep.txt", Bytes("keep"))).Value!;
        var drop = (await Attachments(owner).UploadAsync(task.Id, "drop.txt", Bytes("drop"))).Value!;

        var deleted = await Attachments(owner).DeleteAsync(task.Id, drop.FileId!);

        Assert.True(deleted.Succeeded, deleted.Message);
        Assert.False(File.Exists(host.Store.PathOf(w.Id, task.Id, drop.FileId!)));
        Assert.True(File.Exists(host.Store.PathOf(w.Id, task.Id, keep.FileId!)));
        Assert.Equal(["keep.txt"], (await Attachments(owner).ListAsync(task.Id)).Value!.Select(a => a.FileName));
        Assert.Equal(ResultStatus.NotFound, (await Attachments(owner).OpenAsync(task.Id, drop.FileId!)).Status);
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.CountAsync(a => a.ResourceId == task.Id.ToString() && a.Action == TaskAttachmentService.DeleteAction)));
    }

    [Fact]
    public async Task UploadAsync_TwoAtOnceToOneTask_BothKept()
    {
        var w = await db.CreateWorkspaceAsync("Attach Concurrent");
        var task = await host.AddTaskAsync(w);
        await using var a = await host.OwnerOfAsync(w);
        await using var b = await host.OwnerOfAsync(w);

        var results = await Task.WhenAll(
            Attachments(a).UploadAsync(task.Id, "a.txt", Bytes("a")),
            Attachments(b).UploadAsync(task.Id, "b.txt", Bytes("b")));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        var names = (await host.ReadAsync(w.Id, ctx => ctx.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id))).Attachments.Select(x => x.FileName).Order();
        Assert.Equal(["a.txt", "b.txt"], names);
    }

    [Fact]
    public async Task OtherWorkspace_CannotListOpenDeleteOrUploadToTheTask()
    {
        var a = await db.CreateWorkspaceAsync("Attach Tenant A");
        var b = await db.CreateWorkspaceAsync("Attach Tenant B");
        var task = await host.AddTaskAsync(a);
        await using var ownerA = await host.OwnerOfAsync(a);
        var file = (await Attachments(ownerA).UploadAsync(task.Id, "secret.txt", Bytes("A's secret"))).Value!;
        await using var ownerB = await host.OwnerOfAsync(b);

        Assert.Equal(ResultStatus.NotFound, (await Attachments(ownerB).ListAsync(task.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await Attachments(ownerB).OpenAsync(task.Id, file.FileId!)).Status);
        Assert.Equal(ResultStatus.NotFound, (await Attachments(ownerB).DeleteAsync(task.Id, file.FileId!)).Status);
        Assert.Equal(ResultStatus.NotFound, (await Attachments(ownerB).UploadAsync(task.Id, "evil.txt", Bytes("x"))).Status);

        // A's file and metadata are untouched.
        Assert.True(File.Exists(host.Store.PathOf(a.Id, task.Id, file.FileId!)));
        Assert.Single((await host.ReadAsync(a.Id, ctx => ctx.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id))).Attachments);
        Assert.DoesNotContain(Directory.EnumerateDirectories(host.FilesRoot), d => Path.GetFileName(d) == b.Id.ToString("N"));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("")]
    public async Task OpenAsync_MalformedFileId_NotFound(string fileId)
    {
        var w = await db.CreateWorkspaceAsync("Attach Ids");
        var task = await host.AddTaskAsync(w);
        await using var owner = await host.OwnerOfAsync(w);

        Assert.Equal(ResultStatus.NotFound, (await Attachments(owner).OpenAsync(task.Id, fileId)).Status);
    }

    [Theory]
    [InlineData("C:\\Users\\pat\\report.pdf", "report.pdf")]
    [InlineData("../../report\".pdf", "report.pdf")]
    [InlineData("  notes.txt  ", "notes.txt")]
    public void CleanName_PathsQuotesAndSpaces_Removed(string raw, string expected)
    {
        Assert.Equal(expected, TaskAttachmentService.CleanName(raw));
    }
}
