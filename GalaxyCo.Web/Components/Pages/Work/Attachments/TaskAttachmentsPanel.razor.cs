using System.Globalization;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Work.Attachments;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Work.Attachments;

public sealed partial class TaskAttachmentsPanel
{
    public const int MaxFilesPerDrop = 10;

    [Inject] private TaskAttachmentService Attachments { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The task whose files these are (of the current workspace).</summary>
    [Parameter, EditorRequired] public Guid TaskId { get; set; }

    /// <summary>Raised after a file was added or removed, so the page can refresh what depends on it.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private IReadOnlyList<TaskAttachmentView>? items;
    private string? error;
    private bool busy;
    private bool dragging;
    private string? uploading;
    private double progress;
    private Guid loadedFor;

    private bool CanWrite => Attachments.CanWrite;
    private bool CanDelete => Attachments.CanDelete;
    private static string Accept => string.Join(',', AttachmentContentTypes.AllowedExtensions);
    private string DropClass => dragging ? "gc-attachment-drop dragging" : "gc-attachment-drop";

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor == TaskId && items is not null) return;
        loadedFor = TaskId;
        items = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var listed = await Attachments.ListAsync(TaskId);
        if (listed.Succeeded) items = listed.Value;
        else
        {
            items = [];
            error = listed.Message;
        }
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        dragging = false;
        error = null;
        var files = e.FileCount > MaxFilesPerDrop ? e.GetMultipleFiles(MaxFilesPerDrop) : e.GetMultipleFiles(e.FileCount);
        var problems = new List<string>();
        var added = 0;
        busy = true;
        try
        {
            foreach (var file in files)
            {
                // Say no before sending a byte when the browser already knows the file can't be taken.
                if (AttachmentContentTypes.RefuseName(file.Name) is { } refused)
                {
                    problems.Add(refused);
                    continue;
                }
                if (file.Size > Attachments.MaxFileBytes)
                {
                    problems.Add($"“{file.Name}” is too big ({TaskAttachmentService.FormatSize(file.Size)}). Files can be up to {TaskAttachmentService.FormatSize(Attachments.MaxFileBytes)}.");
                    continue;
                }
                uploading = file.Name;
                progress = 0;
                StateHasChanged();
                var lastShown = Clock.GetTimestamp();
                // One byte over the limit may be read, so the service (not the browser stream) reports the size problem.
                await using var stream = new ProgressStream(file.OpenReadStream(Attachments.MaxFileBytes + 1), file.Size, p =>
                {
                    progress = p;
                    if (Clock.GetElapsedTime(lastShown) < TimeSpan.FromMilliseconds(150)) return;
                    lastShown = Clock.GetTimestamp();
                    _ = InvokeAsync(StateHasChanged);
                });
                Result<TaskAttachmentView> result;
                try
                {
                    result = await Attachments.UploadAsync(TaskId, file.Name, stream);
                }
                catch (IOException)
                {
                    // The browser stream refuses to read past its limit: the file grew or lied about its size.
                    result = Result<TaskAttachmentView>.From(Result.Invalid("file", $"“{file.Name}” is too big. Files can be up to {TaskAttachmentService.FormatSize(Attachments.MaxFileBytes)}."));
                }
                if (result.Succeeded) added++;
                else problems.Add(result.Message ?? $"“{file.Name}” could not be attached.");
            }
            if (e.FileCount > MaxFilesPerDrop) problems.Add($"Only the first {MaxFilesPerDrop} files were taken; drop the rest again.");
        }
        finally
        {
            busy = false;
            uploading = null;
        }
        error = problems.Count == 0 ? null : string.Join(" ", problems);
        if (added > 0)
        {
            Snackbar.Add(added == 1 ? "File attached." : $"{added} files attached.", Severity.Success);
            await LoadAsync();
            await Changed.InvokeAsync();
        }
    }

    private async Task DeleteAsync(TaskAttachmentView item)
    {
        var yes = await Dialogs.ShowMessageBoxAsync($"Delete “{item.FileName}”?", "The file is removed from the task for everyone. This can't be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (yes != true) return;
        busy = true;
        try
        {
            var deleted = await Attachments.DeleteAsync(TaskId, item.FileId!);
            if (!deleted.Succeeded)
            {
                error = deleted.Message;
                return;
            }
            Snackbar.Add($"“{item.FileName}” deleted.", Severity.Info);
            await LoadAsync();
            await Changed.InvokeAsync();
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Images open in a tab (served inline, sandboxed); everything else is a download.</summary>
    private static Dictionary<string, object> DownloadAttributes(TaskAttachmentView a) => IsImage(a.ContentType)
        ? new() { ["target"] = "_blank", ["rel"] = "noopener" }
        : new() { ["download"] = a.FileName };

    private static bool IsImage(string contentType) => contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    private static string Caption(TaskAttachmentView a)
    {
        var parts = new List<string> { TaskAttachmentService.FormatSize(a.Size) };
        if (a.UploadedBy is not null) parts.Add(a.UploadedBy);
        if (a.UploadedAt is { } at) parts.Add(at.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture));
        if (a.DownloadUrl is null) parts.Add("file not stored");
        return string.Join(" · ", parts);
    }

    internal static string IconOf(string contentType, string fileName)
    {
        if (contentType.StartsWith("image/", StringComparison.Ordinal)) return Icons.Material.Outlined.Image;
        if (contentType == "application/pdf") return Icons.Material.Outlined.PictureAsPdf;
        if (contentType.StartsWith("video/", StringComparison.Ordinal)) return Icons.Material.Outlined.Movie;
        if (contentType.StartsWith("audio/", StringComparison.Ordinal)) return Icons.Material.Outlined.AudioFile;
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".zip" or ".7z" or ".gz" or ".tgz" or ".tar" or ".rar" => Icons.Material.Outlined.FolderZip,
            ".xls" or ".xlsx" or ".ods" or ".csv" or ".tsv" or ".numbers" => Icons.Material.Outlined.TableChart,
            ".doc" or ".docx" or ".odt" or ".rtf" or ".pages" or ".txt" or ".md" => Icons.Material.Outlined.Description,
            ".ppt" or ".pptx" or ".odp" or ".key" => Icons.Material.Outlined.Slideshow,
            ".html" or ".htm" or ".svg" or ".xml" => Icons.Material.Outlined.Code,
            _ => Icons.Material.Outlined.InsertDriveFile,
        };
    }
}
