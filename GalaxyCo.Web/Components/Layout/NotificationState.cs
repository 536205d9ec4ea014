using GalaxyCo.Domain.Notifications;
using GalaxyCo.Domain.Workspaces;

namespace GalaxyCo.Web.Components.Layout;

/// <summary>
/// One circuit's view of the signed-in person's notifications: the unread count the bell shows and the pushes the
/// node's <see cref="NotificationHub"/> hands this circuit, so the bell, the panel and the full page stay in step.
/// It follows the workspace the circuit is in (<see cref="AttachAsync"/> again after a switch). Events are raised on
/// whichever thread the push arrived on: components re-render through InvokeAsync.
/// </summary>
public sealed class NotificationState(NotificationHub hub, NotificationService notifications, ProfileService profiles, CurrentMember member) : IDisposable
{
    private IDisposable? subscription;
    private (Guid Workspace, Guid User) attached;

    /// <summary>Unread, not dismissed, not expired notifications of the person in the current workspace.</summary>
    public int UnreadCount { get; private set; }

    /// <summary>The person's time zone (profile), for "Today" and "Yesterday".</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool IsAttached => subscription is not null;

    /// <summary>Raised when <see cref="UnreadCount"/> changes.</summary>
    public event Action? OnChange;

    /// <summary>Raised for every push this circuit receives (new notifications, or only a new count).</summary>
    public event Action<NotificationPush>? Pushed;

    /// <summary>Subscribes this circuit to the person's pushes in the current workspace and loads the count; no-op when already there.</summary>
    public async Task AttachAsync(CancellationToken ct = default)
    {
        if (!member.IsSet || attached == (member.WorkspaceId, member.UserId)) return;
        subscription?.Dispose();
        attached = (member.WorkspaceId, member.UserId);
        subscription = hub.Subscribe(member.WorkspaceId, member.UserId, OnPushAsync);
        if (await profiles.GetAsync(member.UserId, ct) is { } profile && TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out var zone)) Zone = zone;
        await RefreshCountAsync(ct);
    }

    /// <summary>Recounts after this circuit changed something (the hub's push follows, this one is immediate).</summary>
    public async Task RefreshCountAsync(CancellationToken ct = default)
    {
        SetCount(await notifications.UnreadCountAsync(ct));
    }

    public void SetCount(int count)
    {
        if (UnreadCount == count) return;
        UnreadCount = count;
        NotifyOnChange();
    }

    private Task OnPushAsync(NotificationPush push)
    {
        if ((push.WorkspaceId, push.UserId) != attached) return Task.CompletedTask;
        UnreadCount = push.UnreadCount;
        NotifyOnChange();
        Pushed?.Invoke(push);
        return Task.CompletedTask;
    }

    private void NotifyOnChange() => OnChange?.Invoke();

    public void Dispose()
    {
        subscription?.Dispose();
        subscription = null;
    }
}
