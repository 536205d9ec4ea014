using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Knowledge;

public sealed partial class KnowledgeLibrary
{
    private const int PageSize = 50;

    [Inject] private KnowledgeCollectionService CollectionService { get; set; } = default!;
    [Inject] private KnowledgeItemService Items { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;

    private static readonly DialogOptions WideDialog = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };
    private static readonly DialogOptions SmallDialog = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    private KnowledgeItemQuery query = new(Take: PageSize);
    private KnowledgeItemPage? listing;
    private IReadOnlyList<CollectionSummary>? collections;
    private IReadOnlyList<string>? tags;
    private bool loading;
    private int loadVersion;

    private bool CanWrite => Me.Can(GalaxyCo.Domain.Workspaces.Permissions.RecordsWrite);

    private bool IsUnfiltered => query is { CollectionId: null, Type: null, Status: null, Tag: null, Favorite: null, IncludeArchived: false, ArchivedOnly: false, Search: null };

    protected override Task OnInitializedAsync() => ReloadAllAsync();

    private async Task ReloadAllAsync()
    {
        collections = await CollectionService.ListAsync(CancellationToken.None);
        tags = await Items.ListTagsAsync(CancellationToken.None);
        await LoadItemsAsync();
    }

    private async Task LoadItemsAsync()
    {
        // A slower earlier load must not overwrite a newer one (typing in search, live refreshes).
        var mine = ++loadVersion;
        loading = true;
        try
        {
            var loaded = await Items.ListAsync(query, CancellationToken.None);
            if (mine == loadVersion) listing = loaded;
        }
        finally
        {
            if (mine == loadVersion) loading = false;
        }
    }

    private async Task QueryChangedAsync(KnowledgeItemQuery changed)
    {
        query = changed with { Skip = 0, Take = PageSize };
        await LoadItemsAsync();
    }

    private Task SelectCollectionAsync(Guid? id) => QueryChangedAsync(query with { CollectionId = id });

    private Task ClearFiltersAsync() => QueryChangedAsync(new KnowledgeItemQuery(Take: PageSize));

    private async Task ShowMoreAsync()
    {
        query = query with { Take = query.Take + PageSize };
        await LoadItemsAsync();
    }

    private void ItemChanged(KnowledgeItemSummary item)
    {
        if (listing is null) return;
        listing = listing with { Items = listing.Items.Select(i => i.Id == item.Id ? item : i).ToList() };
    }

    /// <summary>Background jobs finished (or someone else changed items): the rows and the collection counts follow.</summary>
    private async Task LiveChangedAsync(IReadOnlyList<Guid>? ids)
    {
        collections = await CollectionService.ListAsync(CancellationToken.None);
        await LoadItemsAsync();
        StateHasChanged();
    }

    private async Task NewTextAsync()
    {
        if (!CanWrite) return;
        var parameters = new DialogParameters<NewTextDialog> { { d => d.CollectionId, query.CollectionId } };
        var dialog = await Dialogs.ShowAsync<NewTextDialog>("New text", parameters, WideDialog);
        if (await dialog.Result is { Canceled: false, Data: AddedItem added }) await AfterAddAsync(added);
    }

    private async Task AddUrlAsync()
    {
        var parameters = new DialogParameters<AddUrlDialog> { { d => d.CollectionId, query.CollectionId } };
        var dialog = await Dialogs.ShowAsync<AddUrlDialog>("Add a web page", parameters, SmallDialog);
        if (await dialog.Result is { Canceled: false, Data: AddedItem added }) await AfterAddAsync(added);
    }

    private async Task AfterAddAsync(AddedItem added)
    {
        if (added.IsDuplicate)
        {
            Snackbar.Add($"That is already in the library as “{added.Item.Title}”.", Severity.Info, o =>
            {
                o.Action = "Open";
                o.OnClick = _ =>
                {
                    Nav.NavigateTo(KnowledgeFormat.ItemHref(Me.WorkspaceSlug, added.Item.Id));
                    return Task.CompletedTask;
                };
            });
            return;
        }
        Snackbar.Add($"“{added.Item.Title}” added; it is being processed.", Severity.Success);
        await ReloadAllAsync();
    }
}
