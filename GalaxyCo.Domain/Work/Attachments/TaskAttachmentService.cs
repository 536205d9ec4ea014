using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Audit;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Attachments;

/// <summary>
/// Files attached to tasks of the current workspace: the bytes live in <see cref="AttachmentFileStore"/>, the metadata
/// in tasks.attachments (FileName, Url, Size, ContentType). The item is added in the transaction that finds the task in
/// this workspace, so a task of another workspace (invisible under RLS) answers NotFound and nothing is recorded.
/// Who attached what and when is an audit row (action attachment.add) with the file id in its metadata.
/// </summary>
public sealed class TaskAttachmentService(
    IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TenantContext tenant, AttachmentFileStore store, TimeProvider clock)
{
    public const int FileNameMaxLength = 255;
    public const string AddAction = "attachment.add";
    public const string DeleteAction = "attachment.delete";
    private const int SaveAttempts = 3;

    public long MaxFileBytes => store.MaxFileBytes;

    public bool CanWrite => member.Can(Permissions.RecordsWrite);
    public bool CanDelete => member.Can(Permissions.RecordsDelete);

    /// <summary>The download address of a file; the slug is today's, the ids are what identify it.</summary>
    public static string DownloadUrl(string slug, Guid taskId, string fileId) =>
        $"/w/{Uri.EscapeDataString(slug)}/work/tasks/{taskId}/attachments/{fileId}";

    /// <summary>The file id in a stored Url (its last segment), or null when the item has no stored file.</summary>
    public static string? FileIdOf(FileAttachment attachment)
    {
        if (attachment.Url is not { Length: > 0 } url) return null;
        var last = url[(url.LastIndexOf('/') + 1)..];
        return AttachmentFileStore.IsFileId(last) ? last : null;
    }

    /// <summary>"2.4 MB" — for messages and the panel.</summary>
    public static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB"),
    };

    public async Task<Result<IReadOnlyList<TaskAttachmentView>>> ListAsync(Guid taskId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<TaskAttachmentView>>.From(Result.Forbidden("You can't see tasks in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => new { t.Attachments }).FirstOrDefaultAsync(ct);
        if (task is null) return Result<IReadOnlyList<TaskAttachmentView>>.From(Result.NotFound("Task"));

        var resourceId = taskId.ToString();
        var uploads = await db.AuditLogs.AsNoTracking()
            .Where(a => a.ResourceType == "task" && a.ResourceId == resourceId && a.Action == AddAction)
            .Select(a => new { a.UserId, a.UserEmail, a.CreatedAt, a.Metadata })
            .ToListAsync(ct);
        var userIds = uploads.Where(u => u.UserId != null).Select(u => u.UserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email }).ToListAsync(ct);
        var byFile = uploads
            .Where(u => u.Metadata.ContainsKey("file_id"))
            .GroupBy(u => u.Metadata["file_id"])
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.CreatedAt).First());

        var views = task.Attachments.Select(a =>
        {
            var fileId = FileIdOf(a);
            string? by = null;
            DateTime? at = null;
            if (fileId is not null && byFile.TryGetValue(fileId, out var upload))
            {
                at = DateTime.SpecifyKind(upload.CreatedAt, DateTimeKind.Utc);
                var person = names.FirstOrDefault(n => n.Id == upload.UserId);
                by = person is null ? upload.UserEmail : $"{person.FirstName} {person.LastName}".Trim() is { Length: > 0 } full ? full : person.Email;
            }
            return new TaskAttachmentView(fileId, a.FileName, a.Size, a.ContentType ?? AttachmentContentTypes.OctetStream,
                fileId is null ? null : DownloadUrl(member.WorkspaceSlug, taskId, fileId), by, at);
        }).ToList();
        return views;
    }

    /// <summary>
    /// Stores <paramref name="content"/> as a new attachment of the task. Refuses names outside the allow list, files over
    /// the size limit (counted while streaming) and programs; the stored type comes from the bytes.
    /// </summary>
    public async Task<Result<TaskAttachmentView>> UploadAsync(Guid taskId, string? fileName, Stream content, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<TaskAttachmentView>.From(Result.Forbidden("You can't add files to tasks in this workspace."));
        var name = CleanName(fileName);
        if (name is null) return Result<TaskAttachmentView>.From(Result.Invalid("file", "Choose a file to attach."));
        if (AttachmentContentTypes.RefuseName(name) is { } refusedName) return Result<TaskAttachmentView>.From(Result.Invalid("file", refusedName));

        // Cheap check first so a file for a task that isn't ours is never written.
        await using (var probe = await factory.CreateDbContextAsync(ct))
        {
            if (!await probe.Tasks.AnyAsync(t => t.Id == taskId, ct)) return Result<TaskAttachmentView>.From(Result.NotFound("Task"));
        }

        await using var staged = await store.StageAsync(content, ct);
        if (staged.TooBig)
            return Result<TaskAttachmentView>.From(Result.Invalid("file", $"“{name}” is too big. Files can be up to {FormatSize(store.MaxFileBytes)}."));
        var sniffed = AttachmentContentTypes.Sniff(staged.Head, name);
        if (sniffed.Refused is { } refused) return Result<TaskAttachmentView>.From(Result.Invalid("file", refused));

        var fileId = AttachmentFileStore.NewFileId();
        var item = new FileAttachment
        {
            FileName = name,
            Url = DownloadUrl(member.WorkspaceSlug, taskId, fileId),
            Size = staged.Size,
            ContentType = sniffed.ContentType,
        };
        store.Commit(staged, member.WorkspaceId, taskId, fileId);
        var saved = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
                if (task is null) return Result<TaskAttachmentView>.From(Result.NotFound("Task"));
                task.Attachments = [.. task.Attachments, item];
                db.AuditLogs.Add(Audit(AddAction, taskId, item, fileId));
                try
                {
                    await db.SaveChangesAsync(ct);
                    saved = true;
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < SaveAttempts)
                {
                    // Someone saved the task meanwhile (another upload, an edit): read it again and add to theirs.
                }
            }
        }
        finally
        {
            if (!saved) store.Delete(member.WorkspaceId, taskId, fileId);
        }
        return new TaskAttachmentView(fileId, name, item.Size, item.ContentType, item.Url, Describe(), clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Opens a file of a task of this workspace for download; NotFound for anything else.</summary>
    public async Task<Result<AttachmentDownload>> OpenAsync(Guid taskId, string fileId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<AttachmentDownload>.From(Result.Forbidden("You can't see tasks in this workspace."));
        if (!AttachmentFileStore.IsFileId(fileId)) return Result<AttachmentDownload>.From(Result.NotFound("File"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var attachments = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.Attachments).FirstOrDefaultAsync(ct);
        var item = attachments?.FirstOrDefault(a => FileIdOf(a) == fileId);
        if (item is null) return Result<AttachmentDownload>.From(Result.NotFound("File"));
        var stream = store.Open(member.WorkspaceId, taskId, fileId);
        if (stream is null) return Result<AttachmentDownload>.From(Result.NotFound("File"));
        // Serve by the stored (sniffed) type, but re-check the bytes on the way out too: a type written by an older
        // version, or edited in the database, must not be able to turn a file into a page.
        var head = new byte[AttachmentContentTypes.SniffLength];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        stream.Position = 0;
        var sniffed = AttachmentContentTypes.Sniff(head.AsSpan(0, read), item.FileName);
        var type = sniffed.ContentType == item.ContentType ? sniffed.ContentType : AttachmentContentTypes.OctetStream;
        return new AttachmentDownload(stream, item.FileName, type, sniffed.Inline && type == sniffed.ContentType, stream.Length);
    }

    public async Task<Result> DeleteAsync(Guid taskId, string fileId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't remove files from tasks in this workspace.");
        if (!AttachmentFileStore.IsFileId(fileId)) return Result.NotFound("File");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
            var item = task?.Attachments.FirstOrDefault(a => FileIdOf(a) == fileId);
            if (task is null || item is null) return Result.NotFound("File");
            task.Attachments = task.Attachments.Where(a => !ReferenceEquals(a, item)).ToList();
            db.AuditLogs.Add(Audit(DeleteAction, taskId, item, fileId));
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < SaveAttempts)
            {
                // The task changed meanwhile: read it again.
            }
        }
        // The metadata is gone first, so a failed delete leaves an unreachable file, never a dangling link.
        store.Delete(member.WorkspaceId, taskId, fileId);
        return Result.Ok();
    }

    private AuditLog Audit(string action, Guid taskId, FileAttachment item, string fileId) => new()
    {
        WorkspaceId = member.WorkspaceId,
        UserId = tenant.UserId,
        UserEmail = tenant.Actor.Email,
        IpAddress = tenant.Actor.IpAddress,
        UserAgent = tenant.Actor.UserAgent,
        Action = action,
        ResourceType = "task",
        ResourceId = taskId.ToString(),
        Metadata = new Dictionary<string, string>
        {
            ["file_id"] = fileId,
            ["file_name"] = item.FileName,
            ["size"] = item.Size.ToString(CultureInfo.InvariantCulture),
            ["content_type"] = item.ContentType ?? AttachmentContentTypes.OctetStream,
        },
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    private string? Describe() => tenant.Actor.Email;

    /// <summary>The name as shown and offered on download: no folders, no control characters, at most 255 characters.</summary>
    internal static string? CleanName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not '"').ToArray()).Trim().TrimEnd('.', ' ');
        if (name.Length == 0) return null;
        if (name.Length > FileNameMaxLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(FileNameMaxLength - extension.Length)] + extension;
        }
        return name;
    }
}
