using GalaxyCo.Domain;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>
/// Creates or edits an event. Checks the form first (messages next to the fields), then lets the service decide; its
/// field errors land next to the same fields. Editing an occurrence of a series asks for the scope: "This event"
/// and "This and following" save the times shown (the occurrence's), "All events" shifts the series by what changed.
/// </summary>
public sealed partial class EventEditorDialog
{
    private static readonly Lazy<IReadOnlyList<string>> Zones = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC")
        .Append(CalendarZone.DefaultId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private CalendarEventService Events { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The form; for a new event, prefilled by the caller (<see cref="EventEditorModel.ForSlot"/>).</summary>
    [Parameter, EditorRequired] public EventEditorModel Model { get; set; } = default!;

    /// <summary>The event being edited (the series for a recurring one); null creates.</summary>
    [Parameter] public EventView? Existing { get; set; }

    /// <summary>The occurrence that was opened, when editing one occurrence of a series.</summary>
    [Parameter] public CalendarItem? Occurrence { get; set; }

    /// <summary>Members, for the attendee search.</summary>
    [Parameter] public IReadOnlyList<MemberRow> Members { get; set; } = [];

    [Parameter] public IReadOnlyList<ProjectOption> Projects { get; set; } = [];

    private Dictionary<string, string> errors = new(StringComparer.OrdinalIgnoreCase);
    private bool submitted, saving;
    private string? message;
    private List<string> conflicts = [];
    private CancellationTokenSource? conflictCheck;

    private DateTime StartUtc => Model.LocalStart is { } s
        ? Model.IsAllDay ? DateTime.SpecifyKind(s, DateTimeKind.Utc) : CalendarTime.ToUtc(s, CalendarZone.Resolve(Model.TimeZone).Zone)
        : DateTime.UtcNow;

    protected override Task OnInitializedAsync() => RefreshConflictsAsync();

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var e) ? e : null;

    /// <summary>After a first save attempt the form re-checks as the person types, so fixed fields lose their message.</summary>
    private void Touch()
    {
        if (submitted) errors = Model.Validate();
    }

    private void TitleChanged() => Touch();

    private Task<IEnumerable<string>> SearchZones(string? text, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text) || text == Model.TimeZone
            ? Zones.Value
            : Zones.Value.Where(z => z.Contains(text.Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private async Task SetZoneAsync(string? zone)
    {
        if (string.IsNullOrEmpty(zone)) return;
        Model.TimeZone = zone;
        Touch();
        await RefreshConflictsAsync();
    }

    private async Task ToggleAllDayAsync(bool allDay)
    {
        Model.ToggleAllDay(allDay);
        Touch();
        await RefreshConflictsAsync();
    }

    private async Task MoveStartAsync(DateTime? date, TimeSpan? time)
    {
        Model.MoveStart(date, time);
        Touch();
        await RefreshConflictsAsync();
    }

    private async Task SetEndDateAsync(DateTime? date)
    {
        Model.EndDate = date;
        Touch();
        await RefreshConflictsAsync();
    }

    private async Task SetEndTimeAsync(TimeSpan? time)
    {
        Model.EndTime = time;
        Touch();
        await RefreshConflictsAsync();
    }

    /// <summary>The conflict hint: the person's other timed events over the chosen time, in the editor's zone.</summary>
    private async Task RefreshConflictsAsync()
    {
        if (conflictCheck is not null) await conflictCheck.CancelAsync();
        conflictCheck?.Dispose();
        conflictCheck = new CancellationTokenSource();
        var ct = conflictCheck.Token;
        if (Model.IsAllDay || Model.LocalStart is not { } start || Model.LocalEnd is not { } end || end <= start || !Me.IsSet)
        {
            conflicts = [];
            return;
        }
        var zone = CalendarZone.Resolve(Model.TimeZone);
        try
        {
            var found = await Events.FindConflictsAsync(Me.UserId, zone.ToUtc(start), zone.ToUtc(end), Existing?.Id, ct);
            if (ct.IsCancellationRequested) return;
            conflicts = found.Succeeded
                ? found.Value!.Select(o => $"{o.Title} {CalendarFormat.Time(zone.ToLocal(o.Start))}–{CalendarFormat.Time(zone.ToLocal(o.End))}").Distinct().Take(5).ToList()
                : [];
        }
        catch (OperationCanceledException)
        {
            // A newer check replaced this one.
        }
    }

    private async Task SaveAsync()
    {
        submitted = true;
        message = null;
        errors = Model.Validate();
        if (errors.Count > 0) return;
        var input = Model.ToInput();
        saving = true;
        try
        {
            Result<EventView> result;
            if (Existing is null)
            {
                result = await Events.CreateAsync(input);
            }
            else
            {
                var scope = EditScope.All;
                if (Existing.IsRecurring && Occurrence is not null)
                {
                    if (await EditScopeDialog.AskAsync(Dialogs, deleting: false) is not { } chosen) return;
                    scope = chosen;
                }
                if (scope == EditScope.All && Occurrence is not null && Existing.IsRecurring) input = ShiftSeries(input, Existing, Occurrence);
                result = await Events.UpdateAsync(Existing.Id, input, Existing.Version, scope, Occurrence?.OriginalStartUtc);
            }
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value!));
                return;
            }
            ShowFailure(result);
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>
    /// "All events" from an opened occurrence: the form shows that occurrence's times, the series keeps its own start;
    /// whatever the person changed (a later start, a longer meeting) applies to the series' first occurrence.
    /// </summary>
    internal static EventInput ShiftSeries(EventInput edited, EventView series, CalendarItem occurrence)
    {
        if (edited.IsAllDay)
        {
            var shiftDays = edited.Start.Date - occurrence.Start.Date;
            var length = edited.End - edited.Start;
            var first = (series.AllDayDate ?? DateOnly.FromDateTime(series.Start)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) + shiftDays;
            return edited with { Start = first, End = first + length };
        }
        var shift = edited.Start - occurrence.StartUtc;
        var start = DateTime.SpecifyKind(series.Start, DateTimeKind.Utc) + shift;
        return edited with { Start = start, End = start + (edited.End - edited.Start) };
    }

    private void ShowFailure(Result result)
    {
        if (result.Status == ResultStatus.Invalid && result.FieldErrors.Count > 0)
        {
            errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            // "recurrence.count", "attendees[2]"...: each part of the form shows its own messages together.
            foreach (var (key, text) in result.FieldErrors) errors.TryAdd(FieldOf(key), text);
            var shown = new[] { "title", "start", "end", "timezone", "meetingUrl", "location", "recurrence", "attendees", "reminders" };
            var other = errors.Where(e => !shown.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).Select(e => e.Value).ToList();
            message = other.Count > 0 ? string.Join(" ", other) : null;
            return;
        }
        message = result.Status == ResultStatus.Conflict
            ? result.Message ?? "Someone else changed this event in the meantime. Close and open it again."
            : result.Message ?? "The event could not be saved.";
    }

    private static string FieldOf(string key)
    {
        foreach (var part in new[] { "recurrence", "attendee", "reminder" })
            if (key.StartsWith(part, StringComparison.OrdinalIgnoreCase)) return part == "recurrence" ? part : part + "s";
        return key;
    }

    private async Task DeleteAsync()
    {
        if (Existing is null) return;
        EditScope scope;
        if (Existing.IsRecurring && Occurrence is not null)
        {
            if (await EditScopeDialog.AskAsync(Dialogs, deleting: true) is not { } chosen) return;
            scope = chosen;
        }
        else
        {
            var yes = await Dialogs.ShowMessageBoxAsync("Delete event?", $"\"{Existing.Title}\" is removed from everyone's calendar. This cannot be undone.",
                yesText: "Delete", cancelText: "Cancel");
            if (yes != true) return;
            scope = EditScope.All;
        }
        saving = true;
        try
        {
            var result = await Events.DeleteAsync(Existing.Id, scope, Occurrence?.OriginalStartUtc);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok("deleted"));
                return;
            }
            message = result.Message ?? "The event could not be deleted.";
        }
        finally
        {
            saving = false;
        }
    }

    public void Dispose()
    {
        conflictCheck?.Cancel();
        conflictCheck?.Dispose();
    }
}
