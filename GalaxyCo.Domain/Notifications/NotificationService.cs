using GalaxyCo.Data;
using GalaxyCo.Data.Notifications;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Notifications;

/// <summary>
/// The signed-in person's own notifications in the current workspace: list, unread count, mark read, dismiss. Every
/// query is keyed on (workspace, person), so another person's or workspace's notification answers NotFound. Dismissed
/// and expired notifications are never listed or counted.
/// </summary>
public sealed class NotificationService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public const int MaxTake = 100;

    /// <summary>Newest first, keyset paged on (created_at desc, id desc) so it walks ix_notifications_person_recent.</summary>
    public async Task<NotificationPage> ListAsync(NotificationQuery query, CancellationToken ct = default)
    {
        if (!member.IsSet) return new NotificationPage([], 0, false);
        var take = Math.Clamp(query.Take, 1, MaxTake);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now;
        var q = Visible(db, query.Category, now);
        if (query.UnreadOnly) q = q.Where(n => !n.IsRead);
        if (query.Before is { } before)
        {
            var beforeUtc = DateTime.SpecifyKind(before, DateTimeKind.Utc);
            if (query.BeforeId is { } beforeId)
                q = q.Where(n => n.CreatedAt < beforeUtc || (n.CreatedAt == beforeUtc && n.Id.CompareTo(beforeId) < 0));
            else
                q = q.Where(n => n.CreatedAt < beforeUtc);
        }
        var rows = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take + 1).AsNoTracking().ToListAsync(ct);
        var unread = await CountUnreadAsync(db, now, ct);
        return new NotificationPage(rows.Take(take).Select(ToItem).ToList(), unread, rows.Count > take);
    }

    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        if (!member.IsSet) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CountUnreadAsync(db, Now, ct);
    }

    public async Task<Result> MarkReadAsync(Guid id, bool read, CancellationToken ct = default)
    {
        if (!member.IsSet) return Result.NotFound("Notification");
        await using var db = await factory.CreateDbContextAsync(ct);
        var n = await Mine(db).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null) return Result.NotFound("Notification");
        if (n.IsRead == read) return Result.Ok();
        n.IsRead = read;
        n.ReadAt = read ? Now : null;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Marks every unread (visible) notification read, or only those of one category; answers how many.</summary>
    public async Task<int> MarkAllReadAsync(string? category, CancellationToken ct = default)
    {
        if (!member.IsSet) return 0;
        if (category is not null && !NotificationCategories.IsKnown(category)) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now;
        var unread = Visible(db, category, now).Where(n => !n.IsRead);
        if (category is not null)
        {
            // The category lives in jsonb metadata (FromSql): pick the ids first, then update them by key.
            var ids = await unread.Select(n => n.Id).ToListAsync(ct);
            if (ids.Count == 0) return 0;
            unread = Mine(db).Where(n => ids.Contains(n.Id) && !n.IsRead);
        }
        return await unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.IsRead, true).SetProperty(n => n.ReadAt, now), ct);
    }

    public Task<Result> DismissAsync(Guid id, CancellationToken ct = default) => SetDismissedAsync(id, true, ct);

    /// <summary>Undoes a dismiss (the snackbar's Undo).</summary>
    public Task<Result> RestoreAsync(Guid id, CancellationToken ct = default) => SetDismissedAsync(id, false, ct);

    public static NotificationItem ToItem(Notification n) => new(
        n.Id, n.Type, NotificationCategories.Of(n), n.Title, n.Message, n.ActionUrl, n.ActionLabel, n.IsRead,
        DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc), n.ExpiresAt is { } e ? DateTime.SpecifyKind(e, DateTimeKind.Utc) : null);

    /// <summary>
    /// A category filter in SQL: the metadata's category, or for rows without one the default of their type (mirrors
    /// <see cref="NotificationCategories.Of"/>). xmin is the row version, a system column "*" leaves out.
    /// </summary>
    internal static IQueryable<Notification> InCategory(GalaxyDbContext db, string category) =>
        db.Notifications.FromSql($"""
            SELECT *, xmin FROM notifications
            WHERE coalesce(metadata ->> 'category', CASE type::text WHEN 'mention' THEN 'mention' WHEN 'assignment' THEN 'assignment'
                                                          WHEN 'reminder' THEN 'reminder' ELSE 'system' END) = {category}
            """);

    private async Task<Result> SetDismissedAsync(Guid id, bool dismissed, CancellationToken ct)
    {
        if (!member.IsSet) return Result.NotFound("Notification");
        await using var db = await factory.CreateDbContextAsync(ct);
        var n = await Mine(db).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null) return Result.NotFound("Notification");
        if (n.IsDismissed == dismissed) return Result.Ok();
        n.IsDismissed = dismissed;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private Task<int> CountUnreadAsync(GalaxyDbContext db, DateTime now, CancellationToken ct)
    {
        var me = member.UserId;
        // Same predicate as the partial index ix_notifications_unread (NOT is_read AND NOT is_dismissed).
        return db.Notifications.Where(n => n.UserId == me && !n.IsRead && !n.IsDismissed && (n.ExpiresAt == null || n.ExpiresAt > now)).CountAsync(ct);
    }

    /// <summary>This person's rows in this workspace (the query filter adds the workspace), dismissed ones included.</summary>
    private IQueryable<Notification> Mine(GalaxyDbContext db)
    {
        var me = member.UserId;
        return db.Notifications.Where(n => n.UserId == me);
    }

    private IQueryable<Notification> Visible(GalaxyDbContext db, string? category, DateTime now)
    {
        var me = member.UserId;
        var source = category is null ? db.Notifications : InCategory(db, category);
        return source.Where(n => n.UserId == me && !n.IsDismissed && (n.ExpiresAt == null || n.ExpiresAt > now));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
