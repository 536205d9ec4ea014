using GalaxyCo.Domain.Integrations.Webhooks;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Integrations.Webhooks;

/// <summary>
/// The endpoint actions the list and the endpoint page share: each asks first when it is destructive, calls the
/// service, and says what happened. They return the endpoint as it is now (null when nothing changed).
/// </summary>
internal sealed class WebhookActions(WebhookService webhooks, IDialogService dialogs, ISnackbar snackbar)
{
    public async Task<WebhookSecretShown?> AddAsync()
    {
        var dialog = await dialogs.ShowAsync<WebhookEditorDialog>("Add an endpoint", EditorOptions);
        if (await dialog.Result is not { Canceled: false, Data: WebhookSecretShown shown }) return null;
        snackbar.Add($"\"{shown.Webhook.Name}\" added.", Severity.Success);
        await ShowSecretAsync(shown, rotated: false);
        return shown;
    }

    public async Task<WebhookSummary?> EditAsync(WebhookSummary webhook)
    {
        var parameters = new DialogParameters<WebhookEditorDialog> { { d => d.Existing, webhook } };
        var dialog = await dialogs.ShowAsync<WebhookEditorDialog>($"Edit {webhook.Name}", parameters, EditorOptions);
        if (await dialog.Result is not { Canceled: false, Data: WebhookSummary saved }) return null;
        snackbar.Add($"\"{saved.Name}\" saved.", Severity.Success);
        return saved;
    }

    public async Task<WebhookSummary?> RotateAsync(WebhookSummary webhook)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync(
            $"Rotate the secret of \"{webhook.Name}\"?",
            "A new secret is generated and shown once. Deliveries are signed with both the new and the old secret for a while (the old one's expiry is shown next), so you can update your receiver without missing events.",
            yesText: "Rotate secret", cancelText: "Cancel");
        if (confirmed != true) return null;
        var result = await webhooks.RotateSecretAsync(webhook.Id);
        if (result is not { Succeeded: true, Value: { } shown })
        {
            snackbar.Add(result.Message ?? "The secret could not be rotated.", Severity.Error);
            return null;
        }
        await ShowSecretAsync(shown, rotated: true);
        return shown.Webhook;
    }

    public async Task<WebhookSummary?> SetActiveAsync(WebhookSummary webhook, bool active)
    {
        if (!active)
        {
            var confirmed = await dialogs.ShowMessageBoxAsync(
                $"Disable \"{webhook.Name}\"?",
                "No events are sent to it while it is disabled, and events that happen meanwhile are not delivered later. You can re-enable it at any time.",
                yesText: "Disable", cancelText: "Cancel");
            if (confirmed != true) return null;
        }
        var result = await webhooks.SetActiveAsync(webhook.Id, active);
        if (result is not { Succeeded: true, Value: { } saved })
        {
            snackbar.Add(result.Message ?? "The endpoint could not be changed.", Severity.Error);
            return null;
        }
        snackbar.Add(active ? $"\"{saved.Name}\" re-enabled." : $"\"{saved.Name}\" disabled.", Severity.Success);
        return saved;
    }

    public async Task<bool> DeleteAsync(WebhookSummary webhook)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync(
            $"Delete \"{webhook.Name}\"?",
            "The endpoint and its delivery log are deleted and nothing more is sent to it. This can't be undone.",
            yesText: "Delete endpoint", cancelText: "Cancel");
        if (confirmed != true) return false;
        var result = await webhooks.DeleteAsync(webhook.Id);
        if (!result.Succeeded)
        {
            snackbar.Add(result.Message ?? "The endpoint could not be deleted.", Severity.Error);
            return false;
        }
        snackbar.Add($"\"{webhook.Name}\" deleted.", Severity.Success);
        return true;
    }

    public async Task ShowSecretAsync(WebhookSecretShown shown, bool rotated)
    {
        var parameters = new DialogParameters<WebhookSecretDialog> { { d => d.Shown, shown }, { d => d.Rotated, rotated } };
        var dialog = await dialogs.ShowAsync<WebhookSecretDialog>(rotated ? "New signing secret" : "Signing secret", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false });
        await dialog.Result;
    }

    private static DialogOptions EditorOptions => new() { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false };
}
