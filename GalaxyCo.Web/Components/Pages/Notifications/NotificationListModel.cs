using System.Globalization;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Notifications;
using GalaxyCo.Web.Components.Layout;

namespace GalaxyCo.Web.Components.Pages.Notifications;

/// <summary>Notifications of one day under their heading ("Today", "Yesterday", "Mon 3 Nov").</summary>
public sealed record NotificationDay(string Label, IReadOnlyList<NotificationItem> Items);

/// <summary>
/// What the panel and the full page share: the loaded notifications under a filter (category, unread only), keyset
/// "load more", and the actions, each of which also refreshes the circuit's unread count. Pushes from other circuits
/// and nodes are merged in with <see cref="Apply"/>.
/// </summary>
public sealed class NotificationListModel(NotificationService service, NotificationState state, TimeProvider clock)
{
    private readonly List<NotificationItem> items = [];

    public IReadOnlyList<NotificationItem> Items => items;
    public string? Category { get; set; }
    public bool UnreadOnly { get; set; }
    public bool Loading { get; private set; }
    public bool LoadingMore { get; private set; }
    public bool HasMore { get; private set; }
    public int PageSize { get; init; } = 30;

    public async Task LoadAsync(CancellationToken ct = default)
    {
        Loading = true;
        try
        {
            var page = await service.ListAsync(new NotificationQuery(Category, UnreadOnly, Take: PageSize), ct);
            items.Clear();
            items.AddRange(page.Items);
            HasMore = page.HasMore;
            state.SetCount(page.UnreadCount);
        }
        finally
        {
            Loading = false;
        }
    }

    public async Task LoadMoreAsync(CancellationToken ct = default)
    {
        if (!HasMore || items.Count == 0) return;
        LoadingMore = true;
        try
        {
            var last = items[^1];
            var page = await service.ListAsync(new NotificationQuery(Category, UnreadOnly, last.CreatedAt, last.Id, PageSize), ct);
            items.AddRange(page.Items.Where(i => items.All(x => x.Id != i.Id)));
            HasMore = page.HasMore;
        }
        finally
        {
            LoadingMore = false;
        }
    }

    /// <summary>Puts pushed notifications that match the filter on top; true when the list changed.</summary>
    public bool Apply(NotificationPush push)
    {
        var fresh = push.Added.Where(Matches).Where(a => items.All(i => i.Id != a.Id)).ToList();
        items.InsertRange(0, fresh.OrderByDescending(a => a.CreatedAt));
        return fresh.Count > 0;
    }

    public async Task<Result> SetReadAsync(NotificationItem item, bool read, CancellationToken ct = default)
    {
        var result = await service.MarkReadAsync(item.Id, read, ct);
        if (result.Succeeded)
        {
            var index = items.FindIndex(i => i.Id == item.Id);
            if (index >= 0)
            {
                if (UnreadOnly && read) items.RemoveAt(index);
                else items[index] = items[index] with { IsRead = read };
            }
            await state.RefreshCountAsync(ct);
        }
        return result;
    }

    /// <summary>Dismisses and hides the item; answers where it was, for <see cref="RestoreAsync"/>.</summary>
    public async Task<(Result Result, int Index)> DismissAsync(NotificationItem item, CancellationToken ct = default)
    {
        var result = await service.DismissAsync(item.Id, ct);
        var index = items.FindIndex(i => i.Id == item.Id);
        if (result.Succeeded)
        {
            if (index >= 0) items.RemoveAt(index);
            await state.RefreshCountAsync(ct);
        }
        return (result, index);
    }

    public async Task<Result> RestoreAsync(NotificationItem item, int index, CancellationToken ct = default)
    {
        var result = await service.RestoreAsync(item.Id, ct);
        if (result.Succeeded)
        {
            if (items.All(i => i.Id != item.Id)) items.Insert(Math.Clamp(index, 0, items.Count), item);
            await state.RefreshCountAsync(ct);
        }
        return result;
    }

    public async Task<int> MarkAllReadAsync(CancellationToken ct = default)
    {
        var marked = await service.MarkAllReadAsync(Category, ct);
        if (UnreadOnly) items.Clear();
        else
        {
            for (var i = 0; i < items.Count; i++) items[i] = items[i] with { IsRead = true };
        }
        await state.RefreshCountAsync(ct);
        return marked;
    }

    /// <summary>The loaded items under day headings in the person's time zone; expired ones drop out as time passes.</summary>
    public IReadOnlyList<NotificationDay> Days()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return GroupByDay(items.Where(i => i.ExpiresAt is null || i.ExpiresAt > now).ToList(), state.Zone, now);
    }

    public static IReadOnlyList<NotificationDay> GroupByDay(IReadOnlyList<NotificationItem> items, TimeZoneInfo zone, DateTime utcNow)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone));
        return items
            .GroupBy(i => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(i.CreatedAt, DateTimeKind.Utc), zone)))
            .OrderByDescending(g => g.Key)
            .Select(g => new NotificationDay(DayLabel(g.Key, today), g.ToList()))
            .ToList();
    }

    public static string DayLabel(DateOnly day, DateOnly today) =>
        day == today ? "Today"
        : day == today.AddDays(-1) ? "Yesterday"
        : day.ToString(day.Year == today.Year ? "ddd d MMM" : "ddd d MMM yyyy", CultureInfo.InvariantCulture);

    private bool Matches(NotificationItem item) => (Category is null || item.Category == Category) && (!UnreadOnly || !item.IsRead);
}
