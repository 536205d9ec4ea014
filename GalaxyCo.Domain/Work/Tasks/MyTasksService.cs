using GalaxyCo.Domain.Calendar;
using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Work.Tasks;

/// <summary>The sections of "My tasks", in the order shown.</summary>
public enum MyTasksBucket { Overdue, Today, ThisWeek, Later, NoDueDate }

/// <summary>
/// Where the buckets start and end, as UTC instants of the person's local midnights: overdue is due before today,
/// today is due today, this week is the six days after today, later is after that. Computed from local dates, so a
/// 23-hour or 25-hour DST day is still one day.
/// </summary>
public sealed record MyTasksWindow(DateTime TodayStart, DateTime TomorrowStart, DateTime WeekEnd)
{
    public static MyTasksWindow For(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        DateTime Midnight(DateOnly day) => CalendarTime.ToUtc(day.ToDateTime(TimeOnly.MinValue), zone);
        return new MyTasksWindow(Midnight(today), Midnight(today.AddDays(1)), Midnight(today.AddDays(7)));
    }

    /// <summary>The bucket of an open task due at <paramref name="due"/> (UTC).</summary>
    public MyTasksBucket BucketOf(DateTime? due) => due switch
    {
        null => MyTasksBucket.NoDueDate,
        { } d when d < TodayStart => MyTasksBucket.Overdue,
        { } d when d < TomorrowStart => MyTasksBucket.Today,
        { } d when d < WeekEnd => MyTasksBucket.ThisWeek,
        _ => MyTasksBucket.Later,
    };
}

/// <summary>One section of "My tasks": its total and its first tasks in due order.</summary>
/// <param name="Count">Counted up to <see cref="CountCap"/> + 1: more than the cap reads "1,000+".</param>
public sealed record MyTasksSection(MyTasksBucket Bucket, int Count, IReadOnlyList<TaskView> Tasks)
{
    public const int CountCap = 1_000;

    public bool CountCapped => Count > CountCap;

    /// <summary>The count as people read it: "1,000+" past the cap.</summary>
    public string CountText => CountCapped ? $"{CountCap:N0}+" : Count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);

    public bool HasMore => Tasks.Count < Count;
}

public sealed record MyTasks(IReadOnlyList<MyTasksSection> Sections, MyTasksWindow Window, TimeZoneInfo Zone)
{
    public MyTasksSection this[MyTasksBucket bucket] => Sections.First(s => s.Bucket == bucket);
}

/// <summary>
/// The signed-in person's open tasks by when they are due, in their time zone. Each bucket is one range of the
/// (workspace_id, assigned_to, is_open, due_date, id) index: no sort, no scan of other people's tasks.
/// </summary>
public sealed class MyTasksService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public const int DefaultTake = 20;
    public const int MaxTake = 200;

    /// <summary>Every bucket with its count and its first <paramref name="take"/> tasks.</summary>
    public async Task<Result<MyTasks>> GetAsync(int take = DefaultTake, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<MyTasks>.From(Result.Forbidden("You can't see tasks in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var zone = await PersonTimeZone.ResolveAsync(db, member.UserId, ct);
        var window = MyTasksWindow.For(clock.GetUtcNow(), zone);
        // Each bucket is counted up to CountCap + 1 along its own index range: a person with 75k open tasks would
        // otherwise cost a pass over all of them on every visit (~40 ms) to print "45,116" where "1,000+" says it.
        var sections = new List<MyTasksSection>();
        foreach (var bucket in Enum.GetValues<MyTasksBucket>())
        {
            var q = InBucket(db, bucket, window);
            var count = await q.Take(MyTasksSection.CountCap + 1).CountAsync(ct);
            var tasks = count == 0 ? [] : await TaskRules.ViewsAsync(db, Ordered(q).Take(Math.Clamp(take, 1, MaxTake)), ct);
            sections.Add(new MyTasksSection(bucket, count, tasks));
        }
        return new MyTasks(sections, window, zone);
    }

    /// <summary>More of one bucket: the tasks after the first <paramref name="skip"/>.</summary>
    public async Task<Result<IReadOnlyList<TaskView>>> GetBucketAsync(MyTasksBucket bucket, int skip, int take = DefaultTake, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<TaskView>>.From(Result.Forbidden("You can't see tasks in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var zone = await PersonTimeZone.ResolveAsync(db, member.UserId, ct);
        var window = MyTasksWindow.For(clock.GetUtcNow(), zone);
        var tasks = await TaskRules.ViewsAsync(db, Ordered(InBucket(db, bucket, window)).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxTake)), ct);
        return tasks;
    }

    private IQueryable<WorkTask> InBucket(GalaxyDbContext db, MyTasksBucket bucket, MyTasksWindow w)
    {
        var me = member.UserId;
        var mine = db.Tasks.AsNoTracking().Where(t => t.AssignedTo == me && t.IsOpen);
        return bucket switch
        {
            MyTasksBucket.Overdue => mine.Where(t => t.DueDate < w.TodayStart),
            MyTasksBucket.Today => mine.Where(t => t.DueDate >= w.TodayStart && t.DueDate < w.TomorrowStart),
            MyTasksBucket.ThisWeek => mine.Where(t => t.DueDate >= w.TomorrowStart && t.DueDate < w.WeekEnd),
            MyTasksBucket.Later => mine.Where(t => t.DueDate >= w.WeekEnd),
            _ => mine.Where(t => t.DueDate == null),
        };
    }

    private static IQueryable<WorkTask> Ordered(IQueryable<WorkTask> q) => q.OrderBy(t => t.DueDate).ThenBy(t => t.Id);
}
