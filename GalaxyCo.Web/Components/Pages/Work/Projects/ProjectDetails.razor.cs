using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Work.Projects;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Crm.Details;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Work.Projects;

/// <summary>
/// The project page. Each inline field saves on its own against the view the page shows (so a change by a task's
/// trigger is no conflict, someone else's edit is). Live: when the project row changes (an edit elsewhere, or its
/// task counts), the page reloads unless someone is typing, then it offers to.
/// </summary>
public sealed partial class ProjectDetails : IDisposable
{
    /// <summary>The project's id.</summary>
    [Parameter, EditorRequired] public Guid Id { get; set; }

    private GalaxyCo.Domain.Work.Projects.ProjectDetails? details;
    private IReadOnlyDictionary<Guid, string> people = new Dictionary<Guid, string>();
    private IReadOnlyList<InlineOption> managerOptions = [];
    private readonly InlineEditTracker tracker = new();
    private List<BreadcrumbItem> crumbs = [];
    private DateTime now;
    private bool notFound, stale;
    private int revision;
    private IDisposable? subscription;

    private const string StartField = "startDate", EndField = "endDate", BudgetField = "budget", ActualField = "actualCost";

    private static readonly IReadOnlyList<InlineOption> statusOptions =
        Enum.GetValues<ProjectStatus>().Select(s => new InlineOption(s.ToString(), ProjectFormat.Status(s))).ToList();

    private bool CanWrite => Me.Can(Permissions.RecordsWrite);
    private bool CanDelete => Me.Can(Permissions.RecordsDelete);
    private string ListHref => $"/w/{Me.WorkspaceSlug}/work/projects";

    protected override async Task OnInitializedAsync()
    {
        people = (await Members.ListAsync()).ToDictionary(m => m.UserId, m => m.Name);
        managerOptions = [new InlineOption("", "Nobody"), .. people.OrderBy(p => p.Value, StringComparer.CurrentCultureIgnoreCase).Select(p => new InlineOption(p.Key.ToString(), p.Value))];
        subscription = Feed.Subscribe(Me.WorkspaceId, OnDatabaseChange);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (details?.Project.Id == Id) return;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        now = Clock.GetUtcNow().UtcDateTime;
        var result = await Projects.GetDetailsAsync(Id);
        notFound = result.Status == ResultStatus.NotFound;
        if (result.Succeeded) details = result.Value!;
        else if (!notFound) Snackbar.Add(result.Message ?? "The project could not be loaded.", Severity.Error);
        stale = false;
        revision++;
        crumbs = [new("Projects", ListHref), new(details?.Project.Name ?? "Project", null, disabled: true)];
    }

    private Task OnDatabaseChange(DatabaseChange change)
    {
        var mine = change.IsResync || (change.WorkspaceId == Me.WorkspaceId && change.RecordType == "Project" && (change.Ids is null || change.Ids.Contains(Id)));
        if (!mine) return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            try
            {
                if (tracker.IsEditing) stale = true;
                else await ReloadAsync();
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        });
    }

    /// <summary>Saves one change made on the project as shown; a conflict reloads it so the person sees the other edit.</summary>
    private async Task<Result> SaveAsync(Func<ProjectInput, ProjectInput> change)
    {
        if (details is null) return Result.NotFound("Project");
        var shown = details.Project;
        var result = await Projects.UpdateAsync(Id, change(shown.ToInput()), shown);
        if (result.Succeeded) details = details with { Project = result.Value! };
        else if (result.Status is ResultStatus.Conflict or ResultStatus.NotFound) await ReloadAsync();
        return result;
    }

    private Task<Result> SaveDateAsync(string? text, Func<ProjectInput, DateTime?, ProjectInput> apply, string field)
    {
        var (ok, date) = ProjectFormat.ParseDate(text);
        return ok ? SaveAsync(i => apply(i, date)) : Task.FromResult(Result.Invalid(field, "Enter a date like 2026-06-30."));
    }

    private Task<Result> SaveMoneyAsync(string? text, Func<ProjectInput, long?, ProjectInput> apply, string field)
    {
        var (ok, cents) = ProjectFormat.ParseMoney(text);
        return ok ? SaveAsync(i => apply(i, cents)) : Task.FromResult(Result.Invalid(field, "Enter an amount like 12500 or 12,500.00."));
    }

    private async Task DeleteAsync()
    {
        if (details is null) return;
        var yes = await Dialogs.ShowMessageBoxAsync("Delete this project?",
            $"{details.Project.Name} will be deleted. Its {details.Project.TotalTasks} tasks, meetings and invoices stay, no longer linked to a project.",
            yesText: "Delete", cancelText: "Cancel");
        if (yes != true) return;
        var result = await Projects.DeleteAsync(Id);
        if (result.Succeeded || result.Status == ResultStatus.NotFound)
        {
            Snackbar.Add($"{details.Project.Name} deleted.", Severity.Success);
            Nav.NavigateTo(ListHref);
        }
        else Snackbar.Add(result.Message ?? "The project could not be deleted.", Severity.Error);
    }

    public void Dispose() => subscription?.Dispose();
}
