using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Work.Tasks;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Work.Tasks;

public sealed partial class TaskList
{
    private const int PageSize = 50;

    [Inject] private TaskService Tasks { get; set; } = default!;
    [Inject] private TaskListService List { get; set; } = default!;
    [Inject] private TaskBulkService Bulk { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private TaskListPage? page;
    private QuickAddContext? context;
    private QuickAddBox? quickAdd;
    private IReadOnlyList<TaskProjectOption> projects = [];
    private readonly HashSet<Guid> selected = [];
    private bool busy;
    private int pageNumber = 1;

    private TaskGrouping grouping = TaskGrouping.Status;
    private TaskSort sort = TaskSort.Due;
    private bool descending;
    private string? search;
    private string statusFilter = "open";
    private TaskPriority? priority;
    private string assignee = "";
    private string project = "";
    private string due = "";

    private bool CanWrite => Me.Can(Permissions.RecordsWrite);
    private bool CanDelete => Me.Can(Permissions.RecordsDelete);
    private IReadOnlyList<QuickAddMember> Members => context?.Members ?? [];
    private TimeZoneInfo Zone => context?.Zone ?? TimeZoneInfo.Utc;
    private int PageCount => page is null ? 0 : (int)Math.Ceiling(Math.Min(page.Total, 10_000) / (double)PageSize);
    private string TotalText => page is null ? "" : page.Total > 10_000 ? "10,000+" : page.Total.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);
    private bool Filtered => !string.IsNullOrWhiteSpace(search) || statusFilter != "open" || priority is not null || assignee != "" || project != "" || due != "";
    private bool AllSelected => page is { Items.Count: > 0 } && page.Items.All(r => selected.Contains(r.Task.Id));
    private string Href(TaskView t) => $"/w/{Me.WorkspaceSlug}/work/tasks/{t.Id}";
    private string Arrow(TaskSort column) => sort != column ? "" : descending ? "↓" : "↑";

    protected override async Task OnInitializedAsync()
    {
        Tasks.MailBaseUrl = Bulk.MailBaseUrl = Nav.BaseUri;
        context = await Tasks.QuickAddContextAsync();
        projects = await List.ProjectsAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var result = await List.ListAsync(Query());
        if (result is { Succeeded: true, Value: { } fresh })
        {
            page = fresh;
            // Keep only the selected tasks still on the page.
            selected.IntersectWith(fresh.Items.Select(r => r.Task.Id));
        }
        else Snackbar.Add(result.Message ?? "The tasks could not be loaded.", Severity.Error);
    }

    private TaskQuery Query()
    {
        var now = Clock.GetUtcNow();
        var window = MyTasksWindow.For(now, Zone);
        var statuses = statusFilter switch
        {
            "open" => new[] { WorkTaskStatus.Todo, WorkTaskStatus.InProgress },
            "" => null,
            _ => Enum.TryParse<WorkTaskStatus>(statusFilter, out var s) ? [s] : null,
        };
        var (from, before) = due switch
        {
            "overdue" => ((DateTime?)null, (DateTime?)window.TodayStart),
            "today" => (window.TodayStart, window.TomorrowStart),
            "week" => (window.TodayStart, window.WeekEnd),
            _ => (null, null),
        };
        return new TaskQuery
        {
            Search = search, Statuses = statuses, Priority = priority,
            AssignedTo = assignee == "mine" ? Me.UserId : Guid.TryParse(assignee, out var a) ? a : null, Unassigned = assignee == "none",
            ProjectId = Guid.TryParse(project, out var p) ? p : null, DueFrom = from, DueBefore = before,
            GroupBy = grouping, Sort = sort, Direction = descending ? GalaxyCo.Domain.Crm.SortDirection.Descending : GalaxyCo.Domain.Crm.SortDirection.Ascending,
            Page = pageNumber, PageSize = PageSize,
        };
    }

    private Task FirstPageAsync()
    {
        pageNumber = 1;
        selected.Clear();
        return LoadAsync();
    }

    private Task SearchChangedAsync(string? value) { search = value; return FirstPageAsync(); }
    private Task StatusFilterChangedAsync(string? value) { statusFilter = value ?? ""; return FirstPageAsync(); }
    private Task PriorityChangedAsync(TaskPriority? value) { priority = value; return FirstPageAsync(); }
    private Task AssigneeChangedAsync(string? value) { assignee = value ?? ""; return FirstPageAsync(); }
    private Task ProjectChangedAsync(string? value) { project = value ?? ""; return FirstPageAsync(); }
    private Task DueChangedAsync(string? value) { due = value ?? ""; return FirstPageAsync(); }
    private Task GroupingChangedAsync(TaskGrouping value) { grouping = value; return FirstPageAsync(); }

    private Task PageChangedAsync(int value)
    {
        pageNumber = value;
        selected.Clear();
        return LoadAsync();
    }

    private Task SortByAsync(TaskSort column)
    {
        descending = sort == column && !descending;
        sort = column;
        return FirstPageAsync();
    }

    private Task ClearFiltersAsync()
    {
        (search, statusFilter, priority, assignee, project, due) = (null, "open", null, "", "", "");
        return FirstPageAsync();
    }

    private void ToggleSelected(Guid id, bool on)
    {
        if (on) selected.Add(id);
        else selected.Remove(id);
    }

    private void SelectAll(bool on)
    {
        if (page is null) return;
        foreach (var row in page.Items) ToggleSelected(row.Task.Id, on);
    }

    private Task ClearSelection()
    {
        selected.Clear();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private async Task FocusQuickAddAsync()
    {
        if (quickAdd is not null) await quickAdd.FocusAsync();
    }

    private async Task<bool> CreateAsync(QuickAddResult parsed)
    {
        var result = await Tasks.CreateAsync(parsed.ToInput(Guid.TryParse(project, out var p) ? p : null));
        if (!result.Succeeded)
        {
            Snackbar.Add(result.Message ?? "The task could not be added.", Severity.Error);
            return false;
        }
        Snackbar.Add($"Added \"{result.Value!.Title}\".", Severity.Success);
        await LoadAsync();
        StateHasChanged(); // called from the quick-add box's handler, which re-renders only itself
        return true;
    }

    /// <summary>Saves one inline edit; a conflict reloads the row so the person sees the other change.</summary>
    private async Task<Result> SaveInlineAsync((TaskView Task, TaskInput Input) edit)
    {
        var result = await Tasks.UpdateAsync(edit.Task.Id, edit.Input, edit.Task.Version);
        if (!result.Succeeded) Snackbar.Add(result.Message ?? "The change was not saved.", result.Status == ResultStatus.Conflict ? Severity.Warning : Severity.Error);
        await LoadAsync();
        StateHasChanged(); // called from a row's handler, which re-renders only the row
        return result;
    }

    private Task BulkStatusAsync(WorkTaskStatus status) =>
        RunBulkAsync(ids => Bulk.SetStatusAsync(ids, status), n => $"Moved {n} {Plural(n)} to {TaskLabels.Status(status)}.");

    private Task BulkPriorityAsync(TaskPriority value) =>
        RunBulkAsync(ids => Bulk.SetPriorityAsync(ids, value), n => $"Set {n} {Plural(n)} to {value} priority.");

    private Task BulkAssignAsync(Guid? userId) =>
        RunBulkAsync(ids => Bulk.AssignAsync(ids, userId), n => $"Assigned {n} {Plural(n)} to {Members.FirstOrDefault(m => m.UserId == userId)?.Name ?? "nobody"}.");

    private Task BulkTagAsync(string tag) =>
        RunBulkAsync(ids => Bulk.AddTagAsync(ids, tag), n => $"Tagged {n} {Plural(n)} \"{tag.Trim().ToLowerInvariant()}\".");

    private async Task BulkDeleteAsync()
    {
        var n = selected.Count;
        var yes = await Dialogs.ShowMessageBoxAsync($"Delete {n} {Plural(n)}?", "Deleted tasks and their attachments cannot be brought back.",
            yesText: "Delete", cancelText: "Cancel");
        if (yes != true) return;
        await RunBulkAsync(ids => Bulk.DeleteAsync(ids), count => $"Deleted {count} {Plural(count)}.");
    }

    private static string Plural(int n) => n == 1 ? "task" : "tasks";

    private async Task RunBulkAsync(Func<List<Guid>, Task<Result<TaskBulkResult>>> action, Func<int, string> done)
    {
        if (busy || selected.Count == 0) return;
        busy = true;
        try
        {
            var result = await action([.. selected]);
            if (result is { Succeeded: true, Value: { } outcome })
            {
                var missing = outcome.NotFound.Count > 0 ? $" {outcome.NotFound.Count} no longer exist." : "";
                Snackbar.Add(done(outcome.Changed) + missing, Severity.Success);
                selected.Clear();
                await LoadAsync();
            }
            else Snackbar.Add(result.Message ?? "That did not work.", Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }
}
