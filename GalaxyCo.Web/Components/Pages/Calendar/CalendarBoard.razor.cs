using GalaxyCo.Domain;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Work.Projects;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>
/// The workspace calendar: reads the visible range (in the viewer's zone) with its filters, switches views and dates
/// through the query string (so back/forward and links work), opens, creates, moves and resizes events (asking for
/// the scope of a change to a recurring event), and reloads when events change anywhere in the workspace.
/// </summary>
public sealed partial class CalendarBoard
{
    private static readonly (CalendarViewKind Kind, string Label, string Key)[] Views =
        [(CalendarViewKind.Month, "Month", "m"), (CalendarViewKind.Week, "Week", "w"), (CalendarViewKind.Day, "Day", "d"), (CalendarViewKind.Agenda, "Agenda", "a")];

    /// <summary>Narrower than this (px), the calendar opens on the agenda unless the URL names a view.</summary>
    public const int PhoneWidth = 600;

    [Inject] private CalendarEventService Events { get; set; } = default!;
    [Inject] private MemberService MemberList { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ChangeFeed Feed { get; set; } = default!;

    /// <summary>The view from the URL; null picks week (agenda on a phone).</summary>
    [Parameter] public CalendarViewKind? View { get; set; }

    /// <summary>The date from the URL; null is today in the viewer's zone.</summary>
    [Parameter] public DateOnly? Date { get; set; }

    [Parameter] public CalendarFilter Filter { get; set; } = CalendarFilter.None;

    private CalendarZone zone = CalendarZone.Resolve();
    private CalendarRange range = CalendarRange.For(CalendarViewKind.Week, DateOnly.FromDateTime(DateTime.UtcNow));
    private DateOnly today;
    private DateTime nowLocal;
    private List<CalendarItem> items = [];
    private IReadOnlyDictionary<DateOnly, MonthCell> monthCells = new Dictionary<DateOnly, MonthCell>();
    private IReadOnlyList<MemberRow> members = [];
    private IReadOnlyList<ProjectOption> projects = [];
    private bool loading = true;
    private string? loadError, loadedKey, announcement;
    private bool phone;
    private IDisposable? subscription;
    private IJSObjectReference? module;
    private DotNetObjectReference<CalendarBoard>? self;
    private readonly CancellationTokenSource cts = new();
    private int loadGeneration;

    private bool CanWrite => Me.Can(Permissions.RecordsWrite);

    private bool CanEditItem(CalendarItem item) => CanWrite;

    protected override async Task OnInitializedAsync()
    {
        var viewer = await Events.ViewerZoneAsync(cts.Token);
        zone = CalendarZone.Resolve(viewer?.Id);
        members = await MemberList.ListAsync(cts.Token);
        projects = await LoadProjectsAsync();
        subscription = Feed.Subscribe(Me.WorkspaceId, OnDatabaseChange);
    }

    /// <summary>The project list is optional: without the Work area's service (or the right to read it) the filter hides.</summary>
    private async Task<IReadOnlyList<ProjectOption>> LoadProjectsAsync()
    {
        if (Services.GetService(typeof(ProjectService)) is not ProjectService service) return [];
        var page = await service.ListAsync(new ProjectQuery { PageSize = ProjectQuery.MaxPageSize }, cts.Token);
        return page.Succeeded ? page.Value!.Items.Select(p => new ProjectOption(p.Id, p.Name)).ToList() : [];
    }

    protected override async Task OnParametersSetAsync()
    {
        var now = Clock.GetUtcNow();
        today = zone.Today(now);
        nowLocal = zone.ToLocal(now.UtcDateTime);
        var view = View ?? (phone ? CalendarViewKind.Agenda : CalendarViewKind.Week);
        range = CalendarRange.For(view, Date ?? today);
        // The URL caught up with the last step: later steps start from it again (and from browser back/forward).
        if (target is null || range.Anchor == target) target = null;
        var key = $"{range.View}|{range.From}|{range.To}|{Filter}";
        if (key == loadedKey) return;
        loadedKey = key;
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        try
        {
            self = DotNetObjectReference.Create(this);
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/calendar.js");
            await module.InvokeVoidAsync("registerKeys", self);
            if (View is null && await module.InvokeAsync<int>("viewportWidth") < PhoneWidth)
            {
                phone = true;
                Navigate(CalendarViewKind.Agenda, Date, Filter, replace: true);
            }
        }
        catch (JSDisconnectedException)
        {
        }
        catch (InvalidOperationException)
        {
            // Prerendering or a test renderer without JavaScript: no shortcuts, desktop layout.
        }
    }

    private async Task LoadAsync()
    {
        var generation = ++loadGeneration;
        loading = true;
        loadError = null;
        try
        {
            if (range.View == CalendarViewKind.Month)
            {
                // The grid lists a few events a day and counts the rest: read just that, not every occurrence of six weeks.
                var month = await Events.MonthAsync(new CalendarMonthQuery(range.From, range.DayCount, zone.Zone, MonthView.MaxPerDay,
                    Filter.PersonId, Filter.ProjectId, Filter.CustomerId), cts.Token);
                if (generation != loadGeneration) return;
                if (!month.Succeeded)
                {
                    loadError = month.Message ?? "The calendar could not be loaded.";
                    items = [];
                    monthCells = new Dictionary<DateOnly, MonthCell>();
                    return;
                }
                var built = new Dictionary<(Guid, DateTime), CalendarItem>();
                monthCells = month.Value!.ToDictionary(d => d.Date, d => new MonthCell(
                    d.Shown.Select(o => built.TryGetValue((o.EventId, o.OccurrenceStart), out var item) ? item : built[(o.EventId, o.OccurrenceStart)] = zone.ToItem(o)).ToList(),
                    d.More));
                items = [.. built.Values];
                return;
            }
            var from = range.From.ToDateTime(TimeOnly.MinValue);
            var to = range.To.ToDateTime(TimeOnly.MinValue);
            // A day more on each side: all-day events are stored by date (midnight UTC), so a zone far from UTC still gets its edges.
            var query = new CalendarQuery(zone.ToUtc(from).AddDays(-1), zone.ToUtc(to).AddDays(1), Filter.PersonId, Filter.ProjectId, Filter.CustomerId);
            var result = await Events.ListAsync(query, cts.Token);
            if (generation != loadGeneration) return;
            if (!result.Succeeded)
            {
                loadError = result.Message ?? "The calendar could not be loaded.";
                items = [];
                return;
            }
            items = result.Value!.Select(zone.ToItem).Where(i => i.Start < to && (i.End > from || (i.End == i.Start && i.Start >= from))).ToList();
        }
        finally
        {
            if (generation == loadGeneration) loading = false;
        }
    }

    // ---- Navigation (the URL holds view, date and filters) ----

    private void Navigate(CalendarViewKind view, DateOnly? date, CalendarFilter filter, bool replace = false)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["view"] = CalendarRange.ToQuery(view),
            ["date"] = date is { } d ? CalendarFormat.Iso(d) : null,
            ["person"] = filter.PersonId?.ToString(),
            ["project"] = filter.ProjectId?.ToString(),
            ["customer"] = filter.CustomerId?.ToString(),
        };
        target = date;
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(parameters), new NavigationOptions { ReplaceHistoryEntry = replace });
    }

    /// <summary>
    /// Where the last navigation is going, until the URL arrives: "k" pressed twice quickly steps back two weeks, not
    /// twice to the same week (both presses would otherwise start from the range still shown).
    /// </summary>
    private DateOnly? target;

    private Task GoTodayAsync()
    {
        Navigate(range.View, today, Filter);
        return Task.CompletedTask;
    }

    private Task StepAsync(int direction)
    {
        Navigate(range.View, CalendarRange.Step(range.View, target ?? range.Anchor, direction), Filter);
        return Task.CompletedTask;
    }

    private Task ChangeViewAsync(CalendarViewKind view)
    {
        Navigate(view, range.Anchor, Filter);
        return Task.CompletedTask;
    }

    private Task ShowDayAsync(DateOnly day)
    {
        Navigate(CalendarViewKind.Day, day, Filter);
        return Task.CompletedTask;
    }

    private Task ChangeFilterAsync(CalendarFilter filter)
    {
        Navigate(range.View, range.Anchor, filter, replace: true);
        return Task.CompletedTask;
    }

    /// <summary>calendar.js: a keyboard shortcut outside any field or dialog.</summary>
    [JSInvokable]
    public Task Shortcut(string action) => InvokeAsync(async () =>
    {
        switch (action)
        {
            case "today": await GoTodayAsync(); break;
            case "next": await StepAsync(1); break;
            case "prev": await StepAsync(-1); break;
            case "month": await ChangeViewAsync(CalendarViewKind.Month); break;
            case "week": await ChangeViewAsync(CalendarViewKind.Week); break;
            case "day": await ChangeViewAsync(CalendarViewKind.Day); break;
            case "agenda": await ChangeViewAsync(CalendarViewKind.Agenda); break;
            case "new" when CanWrite: await NewEventAsync(); break;
            default: return;
        }
    });

    // ---- Live: events changed anywhere in the workspace ----

    private Task OnDatabaseChange(DatabaseChange change)
    {
        if (!change.Concerns(Me.WorkspaceId, "CalendarEvent") && !change.Concerns(Me.WorkspaceId, "CalendarEventException")) return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            try
            {
                await LoadAsync();
                StateHasChanged();
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                // The calendar was closed while it read.
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        });
    }

    // ---- Opening, creating, editing ----

    private async Task OpenAsync(CalendarItem item)
    {
        var parameters = new DialogParameters<EventDetailsDialog> { { d => d.Item, item }, { d => d.Zone, zone } };
        var dialog = await Dialogs.ShowAsync<EventDetailsDialog>(item.Title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: EventDetailsDialog.EditResult }) await EditAsync(item);
        else if (result is { Canceled: false, Data: EventDetailsDialog.ChangedResult }) await LoadAsync();
    }

    private async Task EditAsync(CalendarItem item)
    {
        var found = await Events.GetAsync(item.EventId, cts.Token);
        if (!found.Succeeded)
        {
            Snackbar.Add(found.Message ?? "This event could not be opened.", Severity.Error);
            await LoadAsync();
            return;
        }
        var model = EventEditorModel.From(found.Value!, item.IsRecurring ? item : null);
        await ShowEditorAsync(model, found.Value, item.IsRecurring ? item : null);
    }

    private async Task NewEventAsync()
    {
        var day = range.From <= today && today < range.To ? today : range.Anchor;
        var start = day == today
            ? nowLocal.Date.AddHours(Math.Min(23, nowLocal.Hour + 1))
            : day.ToDateTime(new TimeOnly(9, 0));
        await CreateAsync(new TimeGridCreate(start, start.AddHours(1)));
    }

    /// <summary>Opens the editor over a slot of the viewer's grid; the event gets the viewer's zone (they can pick another).</summary>
    private async Task CreateAsync(TimeGridCreate slot)
    {
        if (!CanWrite) return;
        var model = EventEditorModel.ForSlot(slot.Start, slot.End, slot.AllDay, zone.Id);
        await ShowEditorAsync(model, null, null);
    }

    private async Task ShowEditorAsync(EventEditorModel model, EventView? existing, CalendarItem? occurrence)
    {
        var parameters = new DialogParameters<EventEditorDialog>
        {
            { d => d.Model, model }, { d => d.Existing, existing }, { d => d.Occurrence, occurrence }, { d => d.Members, members }, { d => d.Projects, projects },
        };
        var dialog = await Dialogs.ShowAsync<EventEditorDialog>(existing is null ? "New event" : "Edit event", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: EventView saved })
        {
            Snackbar.Add(existing is null ? $"\"{saved.Title}\" added." : $"\"{saved.Title}\" saved.", Severity.Success);
            Announce(existing is null ? $"{saved.Title} added." : $"{saved.Title} saved.");
            await LoadAsync();
        }
        else if (result is { Canceled: false, Data: "deleted" })
        {
            Snackbar.Add("Event deleted.", Severity.Success);
            await LoadAsync();
        }
    }

    // ---- Drag and drop in the time grid ----

    private async Task MoveAsync(TimeGridMove move)
    {
        var item = move.Item;
        await CommitTimesAsync(item, item.Start + move.Shift, item.End + move.Shift, $"{item.Title} moved to {CalendarFormat.Day(DateOnly.FromDateTime(item.Start + move.Shift))} {CalendarFormat.Time(item.Start + move.Shift)}.");
    }

    private async Task ResizeAsync(TimeGridResize resize)
    {
        var item = resize.Item;
        if (resize.NewEnd <= item.Start) return;
        await CommitTimesAsync(item, item.Start, resize.NewEnd, $"{item.Title} now ends at {CalendarFormat.Time(resize.NewEnd)}.");
    }

    /// <summary>
    /// Saves new wall-clock times for an occurrence: a recurring one asks first which occurrences change. The grid shows
    /// the result at once and reads the range again after the save (a series change moves many occurrences).
    /// </summary>
    private async Task CommitTimesAsync(CalendarItem item, DateTime newStart, DateTime newEnd, string done)
    {
        if (!CanEditItem(item)) return;
        var scope = EditScope.ThisOccurrence;
        if (item.IsRecurring)
        {
            if (await EditScopeDialog.AskAsync(Dialogs, deleting: false) is not { } chosen) return;
            scope = chosen;
        }
        var index = items.FindIndex(i => i.Key == item.Key);
        if (index >= 0) items[index] = item with { Start = newStart, End = newEnd };
        StateHasChanged();
        var result = await Events.MoveAsync(item.EventId, item.OriginalStartUtc, zone.ToUtc(newStart), zone.ToUtc(newEnd), item.Version, scope, cts.Token);
        if (result.Succeeded)
        {
            Announce(done);
        }
        else
        {
            Snackbar.Add(result.Message ?? "The event could not be moved.", result.Status == ResultStatus.Conflict ? Severity.Warning : Severity.Error);
            Announce($"{item.Title} could not be moved.");
        }
        await LoadAsync();
    }

    private void Announce(string text) => announcement = text;

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await cts.CancelAsync();
        cts.Dispose();
        try
        {
            if (module is not null)
            {
                await module.InvokeVoidAsync("unregisterKeys");
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }
        self?.Dispose();
    }
}
