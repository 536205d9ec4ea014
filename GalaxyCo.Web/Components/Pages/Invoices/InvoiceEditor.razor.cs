using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Work.Projects;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Invoices;

/// <summary>
/// New and edit for drafts. A new draft starts from the workspace defaults, a project's unbilled tasks (?project=) or a
/// previous invoice (?from=); the service does the prefilling so the page never guesses. Leaving with unsaved edits asks first.
/// </summary>
public sealed partial class InvoiceEditor
{
    private const int CustomTerms = 0;

    [Inject] private InvoiceService Invoices { get; set; } = default!;
    [Inject] private CustomerService Customers { get; set; } = default!;
    [Inject] private ProjectService Projects { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The draft to edit; null creates a new one.</summary>
    [Parameter] public Guid? Id { get; set; }

    private LineItemEditor? lineEditor;
    private List<BreadcrumbItem> crumbs = [];
    private CustomerView? customer;
    private IReadOnlyList<ProjectView> projects = [];
    private Guid? projectId;
    private string currency = "USD";
    private DateOnly? issueDate, dueDate;
    private int netDays = 30;
    private List<LineItemRow> rows = [];
    private string? notes, terms, error, problem;
    private uint version;
    private bool loading = true, saving, dirty;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, string> lineErrors = new Dictionary<string, string>();

    private string ListHref => $"/w/{Me.WorkspaceSlug}/invoices";
    private string CancelHref => Id is { } id ? $"{ListHref}/{id}" : ListHref;

    private string? Err(string field) => errors.TryGetValue(field, out var message) ? message : null;

    protected override async Task OnInitializedAsync()
    {
        crumbs = [new("Invoices", ListHref), new(Id is null ? "New" : "Edit draft", null, disabled: true)];
        if (!Me.Can(Permissions.InvoicesSend))
        {
            problem = "Only members with billing access can create or edit invoices.";
            return;
        }
        if (Id is { } id) await LoadDraftAsync(id);
        else await LoadNewAsync();
        loading = false;
    }

    private async Task LoadNewAsync()
    {
        var query = QueryHelpers.ParseQuery(new Uri(Nav.Uri).Query);
        Guid? Arg(string key) => query.TryGetValue(key, out var v) && Guid.TryParse(v.ToString(), out var g) ? g : null;
        var result = Arg("from") is { } from ? await Invoices.DraftFromInvoiceAsync(from)
            : Arg("project") is { } project ? await Invoices.DraftFromProjectAsync(project)
            : await Invoices.NewDraftAsync(Arg("customer"));
        if (result is not { Succeeded: true, Value: { } input })
        {
            problem = result.Message ?? "The invoice could not be started.";
            return;
        }
        await ApplyAsync(input);
        // A prefilled draft is already something worth keeping; an untouched blank one is not.
        dirty = input.Items.Count > 0;
    }

    private async Task LoadDraftAsync(Guid id)
    {
        var result = await Invoices.GetAsync(id);
        if (result is not { Succeeded: true, Value: { } view })
        {
            problem = result.Message ?? "That invoice was not found.";
            return;
        }
        if (!view.CanEdit)
        {
            problem = $"{view.Number} is {InvoiceFormat.Status(view.Status).ToLowerInvariant()}: only drafts can be edited.";
            return;
        }
        version = view.Version;
        await ApplyAsync(new InvoiceInput
        {
            CustomerId = view.CustomerId, ProjectId = view.ProjectId, Currency = view.Currency,
            IssueDate = view.IssueDate ?? default, DueDate = view.DueDate ?? default,
            Items = view.Items.Select(i => new LineItemInput(i.Description, i.Quantity, i.UnitPrice, i.DiscountPercent, i.TaxRatePercent, i.TaskId)).ToList(),
            Notes = view.Notes, Terms = view.Terms,
        });
    }

    private async Task ApplyAsync(InvoiceInput input)
    {
        currency = input.Currency;
        issueDate = input.IssueDate == default ? null : input.IssueDate;
        dueDate = input.DueDate == default ? null : input.DueDate;
        netDays = issueDate is { } i && dueDate is { } d && (d.DayNumber - i.DayNumber) is 15 or 30 or 60 ? d.DayNumber - i.DayNumber : CustomTerms;
        rows = input.Items.Select(item => LineItemRow.From(item, input.Currency)).ToList();
        notes = input.Notes;
        terms = input.Terms;
        if (input.CustomerId != Guid.Empty && await Customers.GetAsync(input.CustomerId) is { Succeeded: true, Value: { } c})
        {
            customer = c;
            await LoadProjectsAsync();
        }
        projectId = input.ProjectId;
    }

    private async Task LoadProjectsAsync()
    {
        if (customer is null)
        {
            projects = [];
            return;
        }
        var result = await Projects.ListAsync(new ProjectQuery { CustomerId = customer.Id, PageSize = 100 });
        projects = result.Succeeded ? result.Value!.Items : [];
    }

    private void Touch(Action change)
    {
        change();
        dirty = true;
    }

    private async Task CustomerChangedAsync(CustomerView? value)
    {
        customer = value;
        dirty = true;
        await LoadProjectsAsync();
        // A project belongs to one customer: keep it only if the new customer has it.
        if (projects.All(p => p.Id != projectId)) projectId = null;
    }

    private void IssueDateChanged(DateTime? value)
    {
        issueDate = InvoiceFormat.ToDateOnly(value);
        if (netDays != CustomTerms && issueDate is { } i) dueDate = i.AddDays(netDays);
        dirty = true;
    }

    private void TermsChanged(int days)
    {
        netDays = days;
        if (days != CustomTerms && issueDate is { } i) dueDate = i.AddDays(days);
        dirty = true;
    }

    private async Task<IEnumerable<CustomerView>> SearchCustomersAsync(string text, CancellationToken ct)
    {
        var page = await Customers.ListAsync(new CustomerQuery { Search = text, PageSize = 10 }, ct);
        return page.Succeeded ? page.Value!.Items : [];
    }

    private async Task SaveAsync()
    {
        if (saving) return;
        error = null;
        var local = new Dictionary<string, string>(StringComparer.Ordinal);
        if (customer is null) local["customerId"] = "Choose a customer.";
        if (issueDate is null) local["issueDate"] = "Choose the issue date.";
        if (dueDate is null) local["dueDate"] = "Choose the due date.";
        var linesOk = lineEditor?.Validate() ?? true;
        errors = local;
        if (local.Count > 0 || !linesOk) return;

        saving = true;
        try
        {
            var input = new InvoiceInput
            {
                CustomerId = customer!.Id, ProjectId = projectId, Currency = currency, IssueDate = issueDate!.Value, DueDate = dueDate!.Value,
                Items = LineItemForm.ToInputs(rows, currency), Notes = notes, Terms = terms,
            };
            var result = Id is { } id ? await Invoices.UpdateAsync(id, input, version) : await Invoices.CreateAsync(input);
            if (result is { Succeeded: true, Value: { } saved })
            {
                dirty = false;
                Snackbar.Add("Draft saved.", Severity.Success);
                Nav.NavigateTo($"{ListHref}/{saved.Id}");
                return;
            }
            errors = result.FieldErrors;
            lineErrors = result.FieldErrors.Where(e => e.Key.StartsWith("items", StringComparison.Ordinal)).ToDictionary(e => e.Key, e => e.Value);
            error = result.FieldErrors.Count == 0 ? result.Message ?? "The draft could not be saved." : UnshownError(result);
        }
        finally
        {
            saving = false;
        }
    }

    private static readonly HashSet<string> ShownFields = new(StringComparer.Ordinal) { "customerId", "projectId", "currency", "issueDate", "dueDate", "notes", "terms", "items" };

    private static bool IsShown(string key) => ShownFields.Contains(key) || key.StartsWith("items[", StringComparison.Ordinal);

    /// <summary>A message for errors with no field on this page (a conflict, say), so nothing fails silently.</summary>
    private static string? UnshownError(Result result) =>
        result.FieldErrors.Where(e => !IsShown(e.Key)).Select(e => e.Value).FirstOrDefault();

    private async Task OnBeforeNavigateAsync(LocationChangingContext context)
    {
        if (!dirty || saving) return;
        var leave = await Dialogs.ShowMessageBoxAsync("Leave without saving?", "Your changes to this invoice are not saved yet.", yesText: "Leave", cancelText: "Stay");
        if (leave != true) context.PreventNavigation();
    }
}
