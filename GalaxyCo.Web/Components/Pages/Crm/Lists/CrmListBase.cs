using GalaxyCo.Data.Crm;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Crm.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Crm.Lists;

/// <summary>
/// What the customer, contact and prospect lists share: the members (for owner names and "assign"), the chosen
/// columns (kept per person in a private saved view), selection, bulk actions, and deletes that wait out an undo
/// window before anything is removed (left pages commit theirs at once, so undo never loses and leaving never keeps),
/// saved views (filters, columns, sort) and live refresh: a committed change of this record type anywhere reloads
/// the current page (debounced), keeping the selected rows that are still on it.
/// </summary>
public abstract class CrmListBase<TItem> : ComponentBase, IAsyncDisposable
{
    /// <summary>The private saved view that holds a person's visible columns for one list.</summary>
    public const string ColumnsViewName = "My list columns";

    [Inject] protected CrmBulkService Bulk { get; set; } = default!;
    [Inject] protected CrmSavedViewService SavedViews { get; set; } = default!;
    [Inject] protected MemberService MemberDirectory { get; set; } = default!;
    [Inject] protected CurrentMember Me { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected ChangeFeed Feed { get; set; } = default!;

    /// <summary>How long the list waits for a burst of changes to settle before reloading.</summary>
    public static readonly TimeSpan LiveDebounce = TimeSpan.FromMilliseconds(300);

    /// <summary>Own views the saved view picker leaves out: the private column choice.</summary>
    protected static IReadOnlyCollection<string> PrivateViewNames { get; } = [ColumnsViewName];

    protected abstract CrmRecordType RecordType { get; }
    protected abstract IReadOnlyList<CrmColumn> Columns { get; }
    protected abstract Guid IdOf(TItem item);
    /// <summary>"prospect", "customer" or "contact".</summary>
    protected abstract string Noun { get; }
    protected string Nouns => Noun + "s";
    protected string PathSegment => Nouns;

    protected MudTable<TItem>? Table { get; set; }
    protected HashSet<TItem> Selected { get; set; } = [];
    protected IReadOnlyList<MemberRow> Members { get; private set; } = [];
    protected HashSet<string> Visible { get; private set; } = [];
    protected int Total { get; set; }
    protected bool Loaded { get; set; }
    protected bool Busy { get; set; }
    /// <summary>The rows of the page shown (set by the list's server data loader).</summary>
    protected IReadOnlyList<TItem> PageItems { get; set; } = [];
    /// <summary>The table's sort as a saved view stores it ("Name:asc"), null when unsorted.</summary>
    protected string? SortValue { get; set; }
    /// <summary>The visible columns in list order, as a saved view stores them.</summary>
    protected IReadOnlyList<string> VisibleColumns => Columns.Where(c => Visible.Contains(c.Key)).Select(c => c.Key).ToList();
    private IDisposable? subscription;
    private int liveVersion;

    /// <summary>Ids waiting out a delete's undo window: hidden from the list until committed or undone.</summary>
    protected HashSet<Guid> Hidden { get; } = [];
    private readonly List<PendingDelete> pending = [];
    private SavedView? columnsView;

    protected bool CanWrite => Me.Can(Permissions.RecordsWrite);
    protected bool CanDelete => Me.Can(Permissions.RecordsDelete);
    protected string Slug => Me.WorkspaceSlug;
    protected string DetailHref(Guid id) => $"/w/{Slug}/crm/{PathSegment}/{id}";
    protected string ImportHref => $"/w/{Slug}/crm/import";

    /// <summary>"10,000+" past the count cap, else the exact figure.</summary>
    /// <summary>What the last page's total counted up to (lower while searching).</summary>
    protected int TotalCap { get; set; } = CrmListQuery.CountCap;

    protected string TotalText => Total > TotalCap ? $"{TotalCap:N0}+" : Total.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);

    protected bool IsVisible(string key) => Visible.Contains(key);
    protected CrmColumn Column(string key) => Columns.First(c => c.Key == key);

    protected string OwnerName(Guid? userId) =>
        userId is { } id ? Members.FirstOrDefault(m => m.UserId == id)?.Name ?? "Former member" : "—";

    protected string Initials(Guid? userId)
    {
        var name = userId is { } id ? Members.FirstOrDefault(m => m.UserId == id)?.Name : null;
        if (string.IsNullOrWhiteSpace(name)) return "?";
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Take(2).Select(p => char.ToUpperInvariant(p[0])));
    }

    protected override async Task OnInitializedAsync()
    {
        Visible = Columns.Where(c => c.ShownByDefault).Select(c => c.Key).ToHashSet();
        Members = await MemberDirectory.ListAsync();
        subscription = Feed.Subscribe(Me.WorkspaceId, OnDatabaseChange);
        if (await SavedViews.ListAsync(RecordType) is { Succeeded: true, Value: { } views }
            && views.FirstOrDefault(v => v.IsMine && v.Name == ColumnsViewName) is { } mine)
        {
            columnsView = mine;
            var known = mine.Columns.Where(k => Columns.Any(c => c.Key == k)).ToHashSet();
            if (known.Count > 0) Visible = known;
        }
    }

    /// <summary>Shows or hides a column and remembers the choice for this person.</summary>
    protected async Task ToggleColumnAsync(string key, bool show)
    {
        if (show) Visible.Add(key);
        else if (Visible.Count > 1) Visible.Remove(key);
        var ordered = Columns.Where(c => Visible.Contains(c.Key)).Select(c => c.Key).ToList();
        var input = new SavedViewInput { RecordType = RecordType, Name = ColumnsViewName, Columns = ordered };
        var saved = columnsView is null
            ? await SavedViews.CreateAsync(input)
            : await SavedViews.UpdateAsync(columnsView.Id, input with { Filters = columnsView.Filters, Sort = columnsView.Sort }, columnsView.Version);
        if (saved.Succeeded) columnsView = saved.Value;
        else if (saved.Status == ResultStatus.Conflict && await SavedViews.GetAsync(columnsView!.Id) is { Succeeded: true, Value: { } fresh })
        {
            columnsView = fresh;
            saved = await SavedViews.UpdateAsync(fresh.Id, input with { Filters = fresh.Filters, Sort = fresh.Sort }, fresh.Version);
            if (saved.Succeeded) columnsView = saved.Value;
        }
        if (!saved.Succeeded) Snackbar.Add($"Your column choice applies here but could not be saved: {saved.Message}", Severity.Warning);
    }

    /// <summary>Reads the sort of a table request and remembers it for saved views.</summary>
    protected (string? Label, bool Descending) SortOf(TableState state)
    {
        var label = state.SortDirection == MudBlazor.SortDirection.None ? null : state.SortLabel;
        var descending = state.SortDirection == MudBlazor.SortDirection.Descending;
        SortValue = label is null ? null : $"{label}:{(descending ? "desc" : "asc")}";
        return (label, descending);
    }

    /// <summary>Shows a saved view's columns (empty: keep the current ones) and sorts the table as the view says.</summary>
    protected async Task ApplyColumnsAndSortAsync(SavedViewSelection view)
    {
        var known = view.Columns.Where(k => Columns.Any(c => c.Key == k)).ToHashSet();
        if (known.Count > 0) Visible = known;
        if (Table is null || string.IsNullOrWhiteSpace(view.Sort)) return;
        var parts = view.Sort.Split(':', 2);
        var wanted = parts.Length > 1 && parts[1] == "desc" ? MudBlazor.SortDirection.Descending : MudBlazor.SortDirection.Ascending;
        StateHasChanged();
        await Task.Yield(); // the sort labels of newly shown columns register on render
        var label = Table.Context.SortLabels.FirstOrDefault(l => l.SortLabel == parts[0]);
        if (label is null) return;
        for (var i = 0; i < 3 && label.SortDirection != wanted; i++) await label.ToggleSortDirection();
    }

    // ---- Live: committed changes of this record type, from any app node ----

    private Task OnDatabaseChange(DatabaseChange change)
    {
        if (disposed || !change.Concerns(Me.WorkspaceId, RecordType.ToString())) return Task.CompletedTask;
        return InvokeAsync(() =>
        {
            // Rows waiting out a delete's undo window stay hidden; their own changes need no reload.
            if (change.Ids is { Count: > 0 } ids && ids.All(Hidden.Contains)) return;
            var version = ++liveVersion;
            _ = ReloadAfterQuietAsync(version);
        });
    }

    private async Task ReloadAfterQuietAsync(int version)
    {
        await Task.Delay(LiveDebounce);
        await InvokeAsync(async () =>
        {
            if (disposed || version != liveVersion) return;
            try
            {
                var keep = SelectedIds().ToHashSet();
                await ReloadAsync();
                if (keep.Count > 0) Selected = PageItems.Where(i => keep.Contains(IdOf(i))).ToHashSet();
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        });
    }

    protected async Task ReloadAsync()
    {
        if (Table is not null) await Table.ReloadServerData();
    }

    protected void ClearSelection()
    {
        Selected = [];
        StateHasChanged();
    }

    protected List<Guid> SelectedIds() => Selected.Select(IdOf).ToList();

    protected async Task AssignAsync(Guid? userId)
    {
        var name = userId is null ? "nobody" : OwnerName(userId);
        await RunBulkAsync(ids => Bulk.AssignAsync(RecordType, ids, userId), n => $"Assigned {n} {Plural(n)} to {name}.");
    }

    protected Task AddTagAsync(string tag) =>
        RunBulkAsync(ids => Bulk.AddTagAsync(RecordType, ids, tag), n => $"Tagged {n} {Plural(n)} \"{tag.Trim().ToLowerInvariant()}\".");

    protected Task RemoveTagAsync(string tag) =>
        RunBulkAsync(ids => Bulk.RemoveTagAsync(RecordType, ids, tag), n => $"Removed \"{tag.Trim().ToLowerInvariant()}\" from {n} {Plural(n)}.");

    protected string Plural(int n) => n == 1 ? Noun : Nouns;

    protected async Task RunBulkAsync(Func<List<Guid>, Task<Result<CrmBulkResult>>> action, Func<int, string> done)
    {
        if (Busy || Selected.Count == 0) return;
        Busy = true;
        try
        {
            var result = await action(SelectedIds());
            if (result is { Succeeded: true, Value: { } outcome })
            {
                var missing = outcome.NotFound.Count > 0 ? $" {outcome.NotFound.Count} no longer exist." : "";
                Snackbar.Add(done(outcome.Changed) + missing, Severity.Success);
                Selected = [];
                await ReloadAsync();
            }
            else Snackbar.Add(result.Message ?? "That did not work.", Severity.Error);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Hides the selected rows at once and deletes them when the undo window has passed.</summary>
    protected async Task DeleteSelectedAsync()
    {
        if (Selected.Count == 0) return;
        var scheduled = Bulk.ScheduleDelete(RecordType, SelectedIds());
        if (scheduled is not { Succeeded: true, Value: { } delete })
        {
            Snackbar.Add(scheduled.Message ?? "Those could not be deleted.", Severity.Error);
            return;
        }
        pending.Add(delete);
        foreach (var id in delete.Ids) Hidden.Add(id);
        Selected = [];
        await ReloadAsync();
        var n = delete.Ids.Count;
        Snackbar.Add($"Deleted {n} {Plural(n)}.", Severity.Normal, config =>
        {
            config.Action = "Undo";
            config.ActionColor = Color.Primary;
            config.VisibleStateDuration = (int)CrmBulkService.UndoWindow.TotalMilliseconds;
            config.ShowCloseIcon = true;
            config.OnClick = _ => UndoAsync(delete);
        }, key: $"crm-delete-{delete.GetHashCode()}");
        _ = AwaitDeleteAsync(delete);
    }

    private async Task UndoAsync(PendingDelete delete)
    {
        if (!delete.Undo())
        {
            Snackbar.Add("Too late to undo: the delete was already saved.", Severity.Warning);
            return;
        }
        await InvokeAsync(async () =>
        {
            foreach (var id in delete.Ids) Hidden.Remove(id);
            pending.Remove(delete);
            await ReloadAsync();
            Snackbar.Add("Restored.", Severity.Success);
        });
    }

    private async Task AwaitDeleteAsync(PendingDelete delete)
    {
        Result<CrmBulkResult>? outcome;
        try
        {
            outcome = await delete.Completion;
        }
#pragma warning disable CA1031 // A failed background delete is reported on the page, not thrown into the circuit.
        catch (Exception)
#pragma warning restore CA1031
        {
            outcome = Result<CrmBulkResult>.From(Result.Conflict("The delete failed; the records are back."));
        }
        if (outcome is null || disposed) return;
        await InvokeAsync(async () =>
        {
            pending.Remove(delete);
            foreach (var id in delete.Ids) Hidden.Remove(id);
            if (!outcome.Succeeded) Snackbar.Add(outcome.Message ?? "The delete failed.", Severity.Error);
            await ReloadAsync();
        });
    }

    private bool disposed;

    /// <summary>Leaving the page commits deletes still waiting for an undo, so none is silently dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        disposed = true;
        subscription?.Dispose();
        foreach (var delete in pending.ToList()) await delete.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
