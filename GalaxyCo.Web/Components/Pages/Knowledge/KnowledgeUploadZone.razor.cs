using GalaxyCo.Domain;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Knowledge;

public sealed partial class KnowledgeUploadZone
{
    public const int MaxFilesPerDrop = 50;

    /// <summary>What the picker offers; the server sniffs the real type from the bytes anyway.</summary>
    public const string Accept = ".pdf,.docx,.md,.markdown,.html,.htm,.txt,.png,.jpg,.jpeg,.gif,.webp";

    private const int ChunkBytes = 64 * 1024;

    [Inject] private KnowledgeIngestService Ingest { get; set; } = default!;
    [Inject] private IOptions<KnowledgeOptions> Options { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The collection new items go into (null: none).</summary>
    [Parameter] public Guid? CollectionId { get; set; }

    /// <summary>Raised after at least one file was added, so the list can show it.</summary>
    [Parameter] public EventCallback Added { get; set; }

    internal enum UploadState { Waiting, Reading, Saving, Added, Duplicate, Refused }

    internal sealed class UploadRow(string fileName, long size)
    {
        public string FileName { get; } = fileName;
        public long Size { get; } = size;
        public UploadState State { get; set; }
        public double Progress { get; set; }
        public string? Message { get; set; }
        public Guid? ItemId { get; set; }
    }

    private readonly List<UploadRow> rows = [];
    private bool busy;
    private bool dragging;

    private long MaxBytes => Options.Value.MaxUploadBytes;
    private string DropClass => dragging ? "gc-knowledge-drop dragging" : "gc-knowledge-drop";

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        dragging = false;
        var files = e.GetMultipleFiles(Math.Min(e.FileCount, MaxFilesPerDrop));
        var mine = files.Select(f => (File: f, Row: new UploadRow(f.Name, f.Size))).ToList();
        rows.InsertRange(0, mine.Select(m => m.Row));
        if (e.FileCount > MaxFilesPerDrop)
            rows.Insert(0, new UploadRow($"{e.FileCount - MaxFilesPerDrop} more files", 0) { State = UploadState.Refused, Message = $"Only {MaxFilesPerDrop} files are taken at once; drop the rest again." });
        busy = true;
        var added = 0;
        try
        {
            foreach (var (file, row) in mine)
            {
                if (await UploadOneAsync(file, row)) added++;
                StateHasChanged();
            }
        }
        finally
        {
            busy = false;
        }
        if (added > 0) await Added.InvokeAsync();
    }

    private async Task<bool> UploadOneAsync(IBrowserFile file, UploadRow row)
    {
        // Say no before reading a byte when the browser already knows the file is too big.
        if (file.Size > MaxBytes)
        {
            row.State = UploadState.Refused;
            row.Message = $"“{file.Name}” is {KnowledgeFormat.Size(file.Size)}, larger than {KnowledgeFormat.Size(MaxBytes)}. Split it or compress its images.";
            return false;
        }
        if (file.Size == 0)
        {
            row.State = UploadState.Refused;
            row.Message = $"“{file.Name}” is empty.";
            return false;
        }
        row.State = UploadState.Reading;
        StateHasChanged();
        using var buffer = new MemoryStream(checked((int)file.Size));
        try
        {
            await using var source = file.OpenReadStream(maxAllowedSize: MaxBytes);
            var chunk = new byte[ChunkBytes];
            var lastShown = Clock.GetTimestamp();
            int read;
            while ((read = await source.ReadAsync(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                row.Progress = (double)buffer.Length / file.Size;
                if (Clock.GetElapsedTime(lastShown) >= TimeSpan.FromMilliseconds(150))
                {
                    lastShown = Clock.GetTimestamp();
                    StateHasChanged();
                    await Task.Yield();
                }
            }
        }
        catch (IOException)
        {
            // The browser stream refuses to read past its limit: the file grew or lied about its size.
            row.State = UploadState.Refused;
            row.Message = $"“{file.Name}” could not be read completely, or is larger than {KnowledgeFormat.Size(MaxBytes)}.";
            return false;
        }

        row.Progress = 1;
        row.State = UploadState.Saving;
        StateHasChanged();
        buffer.Position = 0;
        var result = await Ingest.UploadAsync(
            new UploadFile(file.Name, string.IsNullOrEmpty(file.ContentType) ? null : file.ContentType, buffer, buffer.Length),
            new NewItemOptions(CollectionId), CancellationToken.None);
        if (result is { Succeeded: true, Value: { } addedItem })
        {
            row.ItemId = addedItem.Item.Id;
            row.State = addedItem.IsDuplicate ? UploadState.Duplicate : UploadState.Added;
            row.Message = addedItem.IsDuplicate ? addedItem.Item.Title : null;
            return !addedItem.IsDuplicate;
        }
        row.State = UploadState.Refused;
        row.Message = result.Message ?? $"“{file.Name}” was not accepted.";
        return false;
    }

    private static string RowIcon(UploadRow row) => row.State switch
    {
        UploadState.Added => Icons.Material.Outlined.CheckCircle,
        UploadState.Duplicate => Icons.Material.Outlined.FileCopy,
        UploadState.Refused => Icons.Material.Outlined.ErrorOutline,
        _ => Icons.Material.Outlined.InsertDriveFile,
    };

    private static Color RowColor(UploadRow row) => row.State switch
    {
        UploadState.Added => Color.Success,
        UploadState.Duplicate => Color.Info,
        UploadState.Refused => Color.Error,
        _ => Color.Secondary,
    };
}
