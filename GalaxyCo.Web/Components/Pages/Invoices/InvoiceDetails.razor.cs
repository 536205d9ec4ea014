using GalaxyCo.Domain;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Invoices;

/// <summary>
/// The invoice page. What may be done is decided by the service (CanSend, CanEdit… on the view), so the buttons never
/// promise a transition the server would refuse; every state change confirms first and then shows the new state.
/// </summary>
public sealed partial class InvoiceDetails
{
    [Inject] private InvoiceService Invoices { get; set; } = default!;
    [Inject] private InvoicePaymentService Payments { get; set; } = default!;
    [Inject] private CurrentMember Me { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    /// <summary>The invoice's id.</summary>
    [Parameter, EditorRequired] public Guid Id { get; set; }

    private InvoiceView? invoice;
    private List<BreadcrumbItem> crumbs = [];
    private bool notFound, busy;

    private bool CanBill => Me.Can(Permissions.InvoicesSend);
    private string ListHref => $"/w/{Me.WorkspaceSlug}/invoices";

    protected override async Task OnParametersSetAsync()
    {
        if (invoice?.Id == Id) return;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var result = await Invoices.GetAsync(Id);
        notFound = result.Status == ResultStatus.NotFound;
        if (result.Succeeded) Show(result.Value!);
        else if (!notFound) Snackbar.Add(result.Message ?? "The invoice could not be loaded.", Severity.Error);
    }

    private void Show(InvoiceView view)
    {
        invoice = view;
        crumbs = [new("Invoices", ListHref), new(view.Number, null, disabled: true)];
    }

    /// <summary>Runs one transition; a conflict (someone else changed it) reloads so the page shows the truth.</summary>
    private async Task RunAsync(Func<Task<Result<InvoiceView>>> action, string done)
    {
        if (busy) return;
        busy = true;
        try
        {
            var result = await action();
            if (result is { Succeeded: true, Value: { } view })
            {
                Show(view);
                Snackbar.Add(done, Severity.Success);
            }
            else
            {
                Snackbar.Add(result.Message ?? "That did not work.", Severity.Error);
                if (result.Status is ResultStatus.Conflict or ResultStatus.NotFound) await ReloadAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SendAsync()
    {
        if (invoice is not { } i) return;
        var to = string.IsNullOrWhiteSpace(i.CustomerEmail) ? i.CustomerName : i.CustomerEmail;
        var yes = await Dialogs.ShowMessageBoxAsync("Send this invoice?",
            $"Send {(i.IsNumbered ? i.Number : "this invoice")} to {to}? It gets the next number and can no longer be edited.", yesText: "Send", cancelText: "Cancel");
        if (yes != true) return;
        await RunAsync(() => Invoices.SendAsync(i.Id, i.Version), "Invoice sent.");
    }

    private async Task CancelAsync()
    {
        if (invoice is not { } i) return;
        var yes = await Dialogs.ShowMessageBoxAsync($"Void {i.Number}?",
            "The invoice stays on record with its number, marked void, and no longer counts as owed.", yesText: "Void invoice", cancelText: "Keep it");
        if (yes != true) return;
        await RunAsync(() => Invoices.CancelAsync(i.Id, i.Version), $"{i.Number} is void.");
    }

    private async Task DeleteAsync()
    {
        if (invoice is not { } i) return;
        var yes = await Dialogs.ShowMessageBoxAsync("Delete this draft?", "The draft and its lines are deleted. Drafts have no number, so nothing is skipped.",
            yesText: "Delete", cancelText: "Cancel");
        if (yes != true) return;
        var result = await Invoices.DeleteAsync(i.Id);
        if (result.Succeeded || result.Status == ResultStatus.NotFound)
        {
            Snackbar.Add("Draft deleted.", Severity.Success);
            Nav.NavigateTo(ListHref);
        }
        else Snackbar.Add(result.Message ?? "The draft could not be deleted.", Severity.Error);
    }

    private async Task RecordPaymentAsync()
    {
        if (invoice is not { } i) return;
        var parameters = new DialogParameters<PaymentDialog> { { d => d.Invoice, i } };
        var dialog = await Dialogs.ShowAsync<PaymentDialog>("Record payment", parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: InvoiceView updated })
        {
            Show(updated);
            Snackbar.Add(updated.Status == GalaxyCo.Data.InvoiceStatus.Paid ? "Payment recorded. The invoice is paid." : "Payment recorded.", Severity.Success);
        }
    }

    private async Task ReverseAsync(PaymentView payment)
    {
        if (invoice is not { } i) return;
        var parameters = new DialogParameters<ReverseDialog> { { d => d.Amount, Currencies.Format(payment.Amount, i.Currency) } };
        var dialog = await Dialogs.ShowAsync<ReverseDialog>("Reverse payment", parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string reason }) return;
        await RunAsync(() => Payments.ReverseAsync(i.Id, payment.Id, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()), "Payment reversed.");
    }
}
