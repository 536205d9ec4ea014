using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Work.Attachments;

/// <summary>
/// The bytes of task attachments on disk: Root/{workspace}/{task}/{fileId}. The stored name is a random id, never the
/// person's file name, so no name can walk out of the folder or collide. A file is first written to Root/.incoming
/// while its size is counted (the body's real length decides, not a Content-Length that may lie), and moved into place
/// only once it is accepted.
/// </summary>
public sealed class AttachmentFileStore
{
    private readonly string root;

    public AttachmentFileStore(IOptions<AttachmentStorageOptions> options, IHostEnvironment? environment = null)
    {
        var configured = options.Value.Root;
        root = Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(environment?.ContentRootPath ?? Directory.GetCurrentDirectory(), configured));
        MaxFileBytes = options.Value.MaxFileBytes;
    }

    public long MaxFileBytes { get; }

    /// <summary>The absolute folder (for logs and tests).</summary>
    public string Root => root;

    /// <summary>A new random file id: 32 lowercase hex digits.</summary>
    public static string NewFileId() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="fileId"/> has the shape of an id we made (so it is safe in a path).</summary>
    public static bool IsFileId(string? fileId) =>
        fileId is { Length: 32 } && fileId.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>
    /// Copies <paramref name="content"/> to a staging file, stopping as soon as it passes <see cref="MaxFileBytes"/>.
    /// The result holds the first bytes for sniffing; dispose it to delete the staging file unless it was committed.
    /// </summary>
    public async Task<StagedFile> StageAsync(Stream content, CancellationToken ct)
    {
        var incoming = Path.Combine(root, ".incoming");
        Directory.CreateDirectory(incoming);
        var path = Path.Combine(incoming, NewFileId());
        var staged = new StagedFile(path);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            var buffer = new byte[81920];
            var head = new byte[AttachmentContentTypes.SniffLength];
            var headLength = 0;
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > MaxFileBytes)
                {
                    staged.TooBig = true;
                    break;
                }
                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    Array.Copy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            staged.Size = staged.TooBig ? total : file.Length;
            staged.Head = head[..headLength];
            return staged;
        }
        catch
        {
            await staged.DisposeAsync();
            throw;
        }
    }

    /// <summary>Moves an accepted staging file to its place.</summary>
    public void Commit(StagedFile staged, Guid workspaceId, Guid taskId, string fileId)
    {
        var target = PathOf(workspaceId, taskId, fileId);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(staged.Path, target);
        staged.Committed = true;
    }

    /// <summary>Opens a stored file for reading, or null when it is not on disk.</summary>
    public FileStream? Open(Guid workspaceId, Guid taskId, string fileId)
    {
        var path = PathOf(workspaceId, taskId, fileId);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes a stored file; a file already gone is fine.</summary>
    public void Delete(Guid workspaceId, Guid taskId, string fileId)
    {
        var path = PathOf(workspaceId, taskId, fileId);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>
    /// Deletes every stored file of a task, after the task's delete committed (its attachments went with its row).
    /// A folder that can't be removed now is left for the next delete rather than failing the one that succeeded.
    /// </summary>
    public void DeleteTask(Guid workspaceId, Guid taskId)
    {
        var folder = Path.Combine(root, workspaceId.ToString("N"), taskId.ToString("N"));
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    public string PathOf(Guid workspaceId, Guid taskId, string fileId)
    {
        if (!IsFileId(fileId)) throw new ArgumentException("Not a file id.", nameof(fileId));
        return Path.Combine(root, workspaceId.ToString("N"), taskId.ToString("N"), fileId);
    }
}

/// <summary>An upload written to the staging folder; deleted on dispose unless committed.</summary>
public sealed class StagedFile(string path) : IAsyncDisposable
{
    public string Path { get; } = path;
    public long Size { get; internal set; }
    public bool TooBig { get; internal set; }
    public byte[] Head { get; internal set; } = [];
    public bool Committed { get; internal set; }

    public ValueTask DisposeAsync()
    {
        if (!Committed && File.Exists(Path))
        {
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
                // Best effort: a leftover in .incoming holds no metadata and is never served.
            }
        }
        return ValueTask.CompletedTask;
    }
}
