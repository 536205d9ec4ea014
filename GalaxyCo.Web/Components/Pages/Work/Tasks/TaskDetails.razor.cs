using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Work.Tasks;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Work.Tasks;

public sealed partial class TaskDetails
{
    [Inject] private TaskService Tasks { get; set; } = default!;
    [Inject] private TaskListService List { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The task shown.</summary>
    [Parameter, EditorRequired] public Guid Id { get; set; }

    private TaskView? task;
    private QuickAddContext? context;
    private IReadOnlyList<TaskProjectOption> projects = [];
    private TaskForm form = new();
    private Result? lastError;
    private bool notFound, busy;

    private bool CanWrite => Me.Can(Permissions.RecordsWrite);
    private bool CanDelete => Me.Can(Permissions.RecordsDelete);
    private string ListHref => $"/w/{Me.WorkspaceSlug}/work/tasks";
    private string? Error(string field) => lastError?.ErrorFor(field);

    protected override async Task OnParametersSetAsync()
    {
        Tasks.MailBaseUrl = Nav.BaseUri;
        context ??= await Tasks.QuickAddContextAsync();
        if (projects.Count == 0) projects = await List.ProjectsAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var result = await Tasks.GetAsync(Id);
        notFound = result.Status == ResultStatus.NotFound;
        if (result is { Succeeded: true, Value: { } fresh })
        {
            task = fresh;
            Reset();
        }
        else if (!notFound) Snackbar.Add(result.Message ?? "The task could not be loaded.", Severity.Error);
    }

    /// <summary>Someone else saved this task: reload it unless the person has unsaved edits here.</summary>
    private async Task OnLiveChangeAsync()
    {
        if (task is not null && !form.Matches(task, context!.Zone)) return;
        await LoadAsync();
    }

    private void Reset()
    {
        if (task is null || context is null) return;
        form = TaskForm.From(task, context.Zone);
        lastError = null;
    }

    private async Task SaveAsync()
    {
        if (task is null || context is null || busy) return;
        busy = true;
        try
        {
            var result = await Tasks.UpdateAsync(task.Id, form.ToInput(context.Zone), task.Version);
            if (result is { Succeeded: true, Value: { } saved })
            {
                task = saved;
                Reset();
                Snackbar.Add("Saved.", Severity.Success);
            }
            else
            {
                lastError = result;
                Snackbar.Add(result.Message ?? "The task was not saved.", result.Status == ResultStatus.Conflict ? Severity.Warning : Severity.Error);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ToggleDoneAsync(bool done)
    {
        if (task is null || busy) return;
        busy = true;
        try
        {
            var result = await Tasks.SetCompletedAsync(task.Id, done, task.Version);
            if (result is { Succeeded: true, Value: { } saved })
            {
                task = saved;
                form.Status = saved.Status;
            }
            else Snackbar.Add(result.Message ?? "That did not work.", Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task<Result> SaveCustomerAsync(Guid? customerId)
    {
        if (task is null) return Result.NotFound("Task");
        var result = await Tasks.UpdateAsync(task.Id, TaskInput.From(task) with { CustomerId = customerId }, task.Version);
        if (result is { Succeeded: true, Value: { } saved })
        {
            task = saved;
            form.CustomerId = saved.CustomerId;
            StateHasChanged(); // called from the customer field's handler, which re-renders only itself
        }
        return result;
    }

    private async Task DeleteAsync()
    {
        if (task is null) return;
        var yes = await Dialogs.ShowMessageBoxAsync("Delete this task?", $"\"{task.Title}\" and its attachments will be deleted. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (yes != true) return;
        var result = await Tasks.DeleteAsync(task.Id);
        if (result.Succeeded)
        {
            Snackbar.Add($"Deleted \"{task.Title}\".", Severity.Success);
            Nav.NavigateTo(ListHref);
        }
        else Snackbar.Add(result.Message ?? "The task was not deleted.", Severity.Error);
    }

    /// <summary>The editable copy of a task, in the person's zone (dates as local dates, the due time apart).</summary>
    private sealed class TaskForm
    {
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string Tags { get; set; } = "";
        public WorkTaskStatus Status { get; set; }
        public TaskPriority Priority { get; set; }
        public string AssignedTo { get; set; } = "";
        public string ProjectId { get; set; } = "";
        public Guid? CustomerId { get; set; }
        public DateTime? DueDate { get; set; }
        public TimeSpan? DueTime { get; set; }
        public DateTime? StartDate { get; set; }

        public static TaskForm From(TaskView t, TimeZoneInfo zone)
        {
            var due = t.DueDate is { } d ? TaskFormat.Local(d, zone) : (DateTime?)null;
            return new TaskForm
            {
                Title = t.Title, Description = t.Description, Tags = string.Join(", ", t.Tags), Status = t.Status, Priority = t.Priority,
                AssignedTo = t.AssignedTo?.ToString() ?? "", ProjectId = t.ProjectId?.ToString() ?? "", CustomerId = t.CustomerId,
                DueDate = due?.Date, DueTime = due is { TimeOfDay: var time } && time != TimeSpan.Zero ? time : null,
                StartDate = t.StartDate is { } s ? TaskFormat.Local(s, zone).Date : null,
            };
        }

        public TaskInput ToInput(TimeZoneInfo zone) => new()
        {
            Title = Title, Description = Description, Status = Status, Priority = Priority,
            Tags = Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            AssignedTo = Guid.TryParse(AssignedTo, out var a) ? a : null, ProjectId = Guid.TryParse(ProjectId, out var p) ? p : null, CustomerId = CustomerId,
            DueDate = TaskFormat.ToUtc(DueDate, DueTime, zone), StartDate = TaskFormat.ToUtc(StartDate, null, zone),
        };

        /// <summary>True when nothing was edited since <paramref name="t"/> was loaded.</summary>
        public bool Matches(TaskView t, TimeZoneInfo zone) => ToInput(zone) is var mine && TaskInput.From(t) is var theirs
            && mine.Title == theirs.Title && mine.Description == theirs.Description && mine.Status == theirs.Status && mine.Priority == theirs.Priority
            && mine.AssignedTo == theirs.AssignedTo && mine.ProjectId == theirs.ProjectId && mine.DueDate == theirs.DueDate && mine.StartDate == theirs.StartDate
            && (mine.Tags ?? []).SequenceEqual(theirs.Tags ?? []);
    }
}
