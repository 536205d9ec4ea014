using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Knowledge;

public sealed partial class KnowledgeItemView
{
    [Inject] private KnowledgeItemService Items { get; set; } = default!;
    [Inject] private KnowledgeItemEditService Edits { get; set; } = default!;
    [Inject] private KnowledgeIngestService Ingest { get; set; } = default!;
    [Inject] private KnowledgeCollectionService CollectionService { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The item's id.</summary>
    [Parameter, EditorRequired] public Guid Id { get; set; }

    private static readonly DialogOptions EditDialog = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    private KnowledgeItemDetails? details;
    private IReadOnlyList<ChunkView>? chunks;
    private bool notFound, busy;
    private int tab;
    private int? highlight;
    private bool scrollPending;
    private Guid loadedId;

    private bool CanWrite => Me.Can(Permissions.RecordsWrite);
    private bool CanDelete => Me.Can(Permissions.RecordsDelete);
    private string Root => KnowledgeFormat.Root(Me.WorkspaceSlug);

    private List<BreadcrumbItem> Crumbs => [new("Knowledge", Root), new(details?.Item.Title ?? "Item", null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        if (loadedId == Id) return;
        loadedId = Id;
        (details, chunks, notFound) = (null, null, false);
        // A citation link (#chunk-3) opens the passages tab on that passage.
        var fragment = new Uri(Nav.Uri).Fragment;
        if (fragment.StartsWith("#chunk-", StringComparison.Ordinal) && int.TryParse(fragment.AsSpan(7), out var position))
        {
            highlight = position;
            tab = 1;
            scrollPending = true;
        }
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!scrollPending || chunks is null || highlight is not { } position) return;
        scrollPending = false;
        try
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Knowledge/KnowledgeItemView.razor.js");
            await module.InvokeVoidAsync("scrollToChunk", position);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (InvalidOperationException)
        {
            // Prerendering or a test renderer: nothing to scroll.
        }
    }

    private async Task LoadAsync()
    {
        var loaded = await Items.GetAsync(Id, CancellationToken.None);
        if (loaded is not { Succeeded: true, Value: { } d })
        {
            if (details is null) notFound = true;
            return;
        }
        details = d;
        var loadedChunks = await Items.GetChunksAsync(Id, CancellationToken.None);
        chunks = loadedChunks.Succeeded ? loadedChunks.Value ?? [] : [];
    }

    private async Task LiveChangedAsync(IReadOnlyList<Guid>? ids)
    {
        if (ids is not null && !ids.Contains(Id)) return;
        await LoadAsync();
        StateHasChanged();
    }

    private async Task RunAsync(Func<Task<Result<KnowledgeItemSummary>>> action, string? done)
    {
        if (busy || details is null) return;
        busy = true;
        try
        {
            var result = await action();
            if (!result.Succeeded)
            {
                Snackbar.Add(result.Message ?? "That did not work.", Severity.Error);
                return;
            }
            if (done is not null) Snackbar.Add(done, Severity.Success);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private Task ToggleFavoriteAsync() => RunAsync(() => Edits.SetFavoriteAsync(Id, !details!.Item.IsFavorite, CancellationToken.None), null);

    private Task RetryAsync() => RunAsync(() => Ingest.RetryAsync(Id, CancellationToken.None), "Processing again.");

    private Task ResyncAsync() => RunAsync(() => Ingest.ResyncAsync(Id, CancellationToken.None), "Fetching the page again.");

    private async Task ToggleArchiveAsync()
    {
        if (details is null) return;
        var archive = !details.Item.IsArchived;
        if (archive)
        {
            var yes = await Dialogs.ShowMessageBoxAsync($"Archive “{details.Item.Title}”?",
                "Archived items leave the list, search and answers, but are kept. You can restore them from the Archived filter.",
                yesText: "Archive", cancelText: "Cancel");
            if (yes != true) return;
        }
        await RunAsync(() => Edits.SetArchivedAsync(Id, archive, CancellationToken.None), archive ? "Archived." : "Restored from the archive.");
    }

    private async Task EditAsync()
    {
        if (details is null) return;
        var parameters = new DialogParameters<ItemEditDialog> { { d => d.Details, details } };
        var dialog = await Dialogs.ShowAsync<ItemEditDialog>("Edit item", parameters, EditDialog);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Saved.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task MoveAsync()
    {
        if (details is null) return;
        var collections = await CollectionService.ListAsync(CancellationToken.None);
        var parameters = new DialogParameters<MoveItemDialog> { { d => d.Item, details.Item }, { d => d.Collections, collections } };
        var dialog = await Dialogs.ShowAsync<MoveItemDialog>("Move to collection", parameters, EditDialog);
        if (await dialog.Result is { Canceled: false, Data: KnowledgeItemSummary moved })
        {
            Snackbar.Add(moved.CollectionName is { } name ? $"Moved to “{name}”." : "Moved out of its collection.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeleteAsync()
    {
        if (details is null) return;
        var yes = await Dialogs.ShowMessageBoxAsync($"Delete “{details.Item.Title}”?",
            "The item, its original file and its passages are removed for everyone; answers will no longer cite it. This can't be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (yes != true) return;
        busy = true;
        try
        {
            var deleted = await Edits.DeleteAsync(Id, CancellationToken.None);
            if (!deleted.Succeeded)
            {
                Snackbar.Add(deleted.Message ?? "The item could not be deleted.", Severity.Error);
                return;
            }
            Snackbar.Add($"“{details.Item.Title}” deleted.", Severity.Info);
            Nav.NavigateTo(Root);
        }
        finally
        {
            busy = false;
        }
    }
}
