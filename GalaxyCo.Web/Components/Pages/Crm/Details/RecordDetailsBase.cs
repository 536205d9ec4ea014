using GalaxyCo.Data.Crm;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Crm.Details;

/// <summary>
/// What the customer, contact and prospect pages share: loading the record (or its not-found state), saving one field
/// at a time with the version the person saw, reloading after a conflict, and following changes made elsewhere —
/// refreshed at once when nobody is editing, offered as a reload when someone is.
/// </summary>
public abstract class RecordDetailsBase<TView> : ComponentBase, IDisposable where TView : class
{
    private IDisposable? subscription;
    private Guid loadedId;

    [Inject] protected ChangeFeed Feed { get; set; } = default!;
    [Inject] protected CurrentMember Me { get; set; } = default!;
    [Inject] protected MemberService MemberDirectory { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The record's id from the route.</summary>
    [Parameter, EditorRequired] public Guid Id { get; set; }

    protected TView? Record { get; private set; }
    protected bool NotFound { get; private set; }
    protected string? LoadError { get; private set; }
    protected bool ChangedElsewhere { get; private set; }
    protected InlineEditTracker Tracker { get; } = new();

    /// <summary>Bumped whenever the record changed, so the timeline and related panels reload.</summary>
    protected int Revision { get; private set; }

    protected bool CanWrite => Me.Can(Permissions.RecordsWrite);

    protected bool CanMerge => Me.Can(Permissions.RecordsWrite) && Me.Can(Permissions.RecordsDelete);

    /// <summary>Active members of the workspace (owners to pick from).</summary>
    protected IReadOnlyList<MemberRow> WorkspaceMembers { get; private set; } = [];

    /// <summary>Other records of this type that look like this one (same email or company).</summary>
    protected IReadOnlyList<DuplicateMatch> Duplicates { get; private set; } = [];

    protected abstract CrmRecordType RecordType { get; }

    protected abstract Task<Result<TView>> FetchAsync();

    protected abstract uint VersionOf(TView view);

    protected abstract string NameOf(TView view);

    protected abstract Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(TView view);

    /// <summary>Other records of this type by text, for "Merge with…".</summary>
    protected abstract Task<IReadOnlyList<DuplicateMatch>> SearchAsync(string text, CancellationToken ct);

    /// <summary>Owner choices: nobody, or an active member.</summary>
    protected IReadOnlyList<InlineOption> OwnerOptions =>
        [new InlineOption("", "Nobody"), .. WorkspaceMembers.Select(m => new InlineOption(m.UserId.ToString(), m.Name))];

    protected string? OwnerName(Guid? userId) =>
        userId is { } id ? WorkspaceMembers.FirstOrDefault(m => m.UserId == id)?.Name ?? "Former member" : null;

    /// <summary>Opens "Merge with…", straight on <paramref name="target"/> when given; reloads after a merge.</summary>
    protected async Task OpenMergeAsync(DuplicateMatch? target = null)
    {
        if (Record is null) return;
        var parameters = new DialogParameters<MergeDialog>
        {
            { d => d.RecordType, RecordType },
            { d => d.SurvivorId, Id },
            { d => d.SurvivorName, NameOf(Record) },
            { d => d.DuplicateId, target?.Id },
            { d => d.Candidates, Duplicates },
            { d => d.Search, SearchAsync },
        };
        var dialog = await Dialogs.ShowAsync<MergeDialog>(target is null ? "Merge with…" : $"Merge {target.Name} into this record", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: MergeOutcome outcome })
        {
            Snackbar.Add(outcome.MovedRows == 0 ? "Records merged." : $"Records merged; {outcome.MovedRows} linked item{(outcome.MovedRows == 1 ? "" : "s")} moved here.", Severity.Success);
            await ReloadAsync();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (loadedId == Id && Record is not null) return;
        loadedId = Id;
        Record = null;
        NotFound = false;
        if (WorkspaceMembers.Count == 0) WorkspaceMembers = await MemberDirectory.ListAsync();
        await ReloadAsync();
        subscription ??= Feed.Subscribe(Me.WorkspaceId, OnDatabaseChange);
    }

    /// <summary>Reads the record again; the inline fields keep whatever someone is typing.</summary>
    protected async Task ReloadAsync()
    {
        var result = await FetchAsync();
        ChangedElsewhere = false;
        if (result.Succeeded)
        {
            await ShowAsync(result.Value!);
        }
        else if (result.Status is ResultStatus.NotFound or ResultStatus.Forbidden)
        {
            Record = null;
            NotFound = true;
        }
        else
        {
            LoadError = result.Message;
        }
    }

    /// <summary>
    /// Saves a change built from the record as shown (and its version). A conflict reloads the record and reports
    /// back so the field keeps the typed value for another try.
    /// </summary>
    protected async Task<Result> SaveAsync(Func<TView, Task<Result<TView>>> save)
    {
        if (Record is null) return Result.NotFound();
        var result = await save(Record);
        if (result.Succeeded)
        {
            await ShowAsync(result.Value!);
        }
        else if (result.Status == ResultStatus.Conflict)
        {
            await ReloadAsync();
        }
        // The save ran from a field's handler, which re-renders only that field: the page shows the new record.
        StateHasChanged();
        return result;
    }

    private Task OnDatabaseChange(DatabaseChange change)
    {
        if (!change.Concerns(Me.WorkspaceId, RecordType.ToString())) return Task.CompletedTask;
        if (change.Ids is { } ids && !ids.Contains(Id)) return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            try
            {
                await OnRecordChangedElsewhereAsync();
                StateHasChanged();
            }
#pragma warning disable CA1031 // surfaced on the circuit instead of lost on the listener thread
            catch (Exception e)
#pragma warning restore CA1031
            {
                await DispatchExceptionAsync(e);
            }
        });
    }

    private async Task OnRecordChangedElsewhereAsync()
    {
        var fresh = await FetchAsync();
        if (!fresh.Succeeded)
        {
            if (fresh.Status == ResultStatus.NotFound && !Tracker.IsEditing) { Record = null; NotFound = true; }
            else if (fresh.Status == ResultStatus.NotFound) ChangedElsewhere = true;
            return;
        }
        // Our own save comes back through the feed too: same version, nothing new.
        if (Record is not null && VersionOf(fresh.Value!) == VersionOf(Record)) return;
        if (Tracker.IsEditing)
        {
            ChangedElsewhere = true;
            return;
        }
        await ShowAsync(fresh.Value!);
    }

    private async Task ShowAsync(TView view)
    {
        Record = view;
        Revision++;
        Duplicates = await FindDuplicatesAsync(view);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) subscription?.Dispose();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
