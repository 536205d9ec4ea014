using GalaxyCo.Domain.Notifications;
using GalaxyCo.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Notifications;

/// <summary>
/// What the bell's panel and the notifications page share: a <see cref="NotificationListModel"/> kept current by the
/// circuit's pushes, and the actions (open, mark read/unread, dismiss with undo, mark all read) with their snackbars.
/// </summary>
public abstract class NotificationListBase : ComponentBase, IDisposable
{
    [Inject] protected NotificationService Service { get; set; } = default!;
    [Inject] protected NotificationState State { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;

    protected NotificationListModel Model { get; private set; } = default!;
    protected bool Busy { get; set; }
    protected CancellationTokenSource Cts { get; } = new();

    protected DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    protected virtual int PageSize => 30;

    protected override async Task OnInitializedAsync()
    {
        Model = new NotificationListModel(Service, State, Clock) { PageSize = PageSize };
        State.Pushed += OnPushed;
        await State.AttachAsync(Cts.Token);
        await Model.LoadAsync(Cts.Token);
    }

    private void OnPushed(NotificationPush push) => _ = InvokeAsync(() =>
    {
        if (Model.Apply(push)) StateHasChanged();
    });

    protected async Task SetCategoryAsync(string? category)
    {
        Model.Category = category;
        await Model.LoadAsync(Cts.Token);
    }

    /// <summary>Marks the notification read and follows its link, if it has one.</summary>
    protected async Task OpenAsync(NotificationItem item)
    {
        if (!item.IsRead) await Model.SetReadAsync(item, true, Cts.Token);
        OnOpened();
        if (!string.IsNullOrWhiteSpace(item.ActionUrl)) Nav.NavigateTo(item.ActionUrl);
    }

    /// <summary>Called before navigating to an opened notification (the panel closes itself).</summary>
    protected virtual void OnOpened()
    {
    }

    protected async Task ToggleReadAsync(NotificationItem item)
    {
        var result = await Model.SetReadAsync(item, !item.IsRead, Cts.Token);
        if (!result.Succeeded) Snackbar.Add(result.Message ?? "That notification is gone.", Severity.Warning);
    }

    protected async Task DismissAsync(NotificationItem item)
    {
        var (result, index) = await Model.DismissAsync(item, Cts.Token);
        if (!result.Succeeded)
        {
            Snackbar.Add(result.Message ?? "That notification is gone.", Severity.Warning);
            return;
        }
        Snackbar.Add("Notification dismissed.", Severity.Normal, config =>
        {
            config.Action = "Undo";
            config.ActionColor = Color.Primary;
            config.ShowCloseIcon = true;
            config.OnClick = _ => InvokeAsync(async () =>
            {
                var restored = await Model.RestoreAsync(item, index, Cts.Token);
                if (!restored.Succeeded) Snackbar.Add(restored.Message ?? "Could not undo.", Severity.Warning);
                StateHasChanged();
            });
        }, key: $"notification-dismiss-{item.Id}");
    }

    protected async Task MarkAllReadAsync()
    {
        Busy = true;
        try
        {
            var marked = await Model.MarkAllReadAsync(Cts.Token);
            Snackbar.Add(marked == 0 ? "Nothing unread." : $"Marked {marked} as read.", Severity.Normal);
        }
        finally
        {
            Busy = false;
        }
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        State.Pushed -= OnPushed;
        Cts.Cancel();
        Cts.Dispose();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
