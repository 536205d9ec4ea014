using GalaxyCo.Domain.Calendar;
using GalaxyCo.Data;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work.Tasks;

namespace GalaxyCo.Domain.Tests.Work.Tasks;

[Collection(PostgresCollection.Name)]
public sealed class MyTasksServiceTests(PostgresDatabase db) : IDisposable
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    // Saturday 2026-03-07, 23:30 in Chicago (CST, UTC-6); clocks spring forward at 02:00 the next night.
    private static readonly DateTimeOffset BeforeMidnight = new(2026, 3, 8, 5, 30, 0, TimeSpan.Zero);

    private readonly TaskHost host = new(db, BeforeMidnight);

    public void Dispose() => host.Dispose();

    private static DateTime Local(int month, int day, int hour, int minute = 0) =>
        CalendarTime.ToUtc(new DateTime(2026, month, day, hour, minute, 0), Chicago);

    [Fact]
    public async Task GetAsync_AroundLocalMidnight_BucketsByThePersonsDay()
    {
        var w = await db.CreateWorkspaceAsync("My Tasks Midnight");
        await host.SetTimeZoneAsync(w, w.OwnerUserId, "America/Chicago");
        var colleague = await db.AddMemberAsync(w, UserRole.Member);
        await using var owner = await host.OwnerOfAsync(w);
        var me = w.OwnerUserId;
        async Task<Guid> Add(string title, DateTime? due, WorkTaskStatus status = WorkTaskStatus.Todo, Guid? to = null) =>
            TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = title, DueDate = due, Status = status, AssignedTo = to ?? me })).Id;

        var yesterday = await Add("yesterday", Local(3, 6, 9));
        var tonight = await Add("tonight 23:45", Local(3, 7, 23, 45));
        var afterMidnight = await Add("sunday 00:15", Local(3, 8, 0, 15));
        var sundayAfternoon = await Add("sunday 15:00", Local(3, 8, 15));
        var friday = await Add("friday", Local(3, 13, 12));
        var nextSaturday = await Add("next saturday", Local(3, 14, 0));
        var someday = await Add("someday", null);
        await Add("done", Local(3, 7, 12), WorkTaskStatus.Done);
        await Add("cancelled", null, WorkTaskStatus.Cancelled);
        await Add("colleague's", Local(3, 7, 12), to: colleague.UserId);

        var saturday = TaskAssert.Ok(await owner.MyTasks.GetAsync());
        Assert.Equal([yesterday], saturday[MyTasksBucket.Overdue].Tasks.Select(t => t.Id));
        Assert.Equal([tonight], saturday[MyTasksBucket.Today].Tasks.Select(t => t.Id));
        Assert.Equal([afterMidnight, sundayAfternoon, friday], saturday[MyTasksBucket.ThisWeek].Tasks.Select(t => t.Id));
        Assert.Equal([nextSaturday], saturday[MyTasksBucket.Later].Tasks.Select(t => t.Id));
        Assert.Equal([someday], saturday[MyTasksBucket.NoDueDate].Tasks.Select(t => t.Id));

        // An hour later it is Sunday 00:30 there (still CST): yesterday's evening task is overdue, Sunday's are today.
        host.Clock.Now = BeforeMidnight.AddHours(1);
        await using var later = await host.OwnerOfAsync(w);
        var sunday = TaskAssert.Ok(await later.MyTasks.GetAsync());
        Assert.Equal([yesterday, tonight], sunday[MyTasksBucket.Overdue].Tasks.Select(t => t.Id));
        Assert.Equal([afterMidnight, sundayAfternoon], sunday[MyTasksBucket.Today].Tasks.Select(t => t.Id));
        Assert.Equal([friday, nextSaturday], sunday[MyTasksBucket.ThisWeek].Tasks.Select(t => t.Id));
        Assert.Equal(0, sunday[MyTasksBucket.Later].Count);
        Assert.Equal("America/Chicago", sunday.Zone.Id);
    }

    [Fact]
    public async Task GetAsync_TakesNPerBucketAndCountsAll_GetBucketAsyncPagesOn()
    {
        var w = await db.CreateWorkspaceAsync("My Tasks Paging");
        await using var owner = await host.OwnerOfAsync(w);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add(TaskAssert.Ok(await owner.Tasks.CreateAsync(new TaskInput { Title = $"Old {i}", DueDate = new DateTime(2026, 1, 1 + i, 0, 0, 0, DateTimeKind.Utc), AssignedTo = w.OwnerUserId })).Id);

        var mine = TaskAssert.Ok(await owner.MyTasks.GetAsync(take: 2));
        var rest = TaskAssert.Ok(await owner.MyTasks.GetBucketAsync(MyTasksBucket.Overdue, skip: 2, take: 10));

        Assert.Equal(5, mine[MyTasksBucket.Overdue].Count);
        Assert.True(mine[MyTasksBucket.Overdue].HasMore);
        Assert.Equal(ids.Take(2), mine[MyTasksBucket.Overdue].Tasks.Select(t => t.Id));
        Assert.Equal(ids.Skip(2), rest.Select(t => t.Id));
    }

    [Fact]
    public void Window_OnTheDayClocksSpringForward_TodayIs23HoursLong()
    {
        var window = MyTasksWindow.For(new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero), Chicago);

        Assert.Equal(new DateTime(2026, 3, 8, 6, 0, 0, DateTimeKind.Utc), window.TodayStart);
        Assert.Equal(new DateTime(2026, 3, 9, 5, 0, 0, DateTimeKind.Utc), window.TomorrowStart);
        Assert.Equal(new DateTime(2026, 3, 15, 5, 0, 0, DateTimeKind.Utc), window.WeekEnd);
    }

    [Fact]
    public void Window_OnTheDayClocksFallBack_TodayIs25HoursLong()
    {
        var window = MyTasksWindow.For(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), Chicago);

        Assert.Equal(new DateTime(2026, 11, 1, 5, 0, 0, DateTimeKind.Utc), window.TodayStart);
        Assert.Equal(new DateTime(2026, 11, 2, 6, 0, 0, DateTimeKind.Utc), window.TomorrowStart);
        Assert.Equal(MyTasksBucket.Today, window.BucketOf(new DateTime(2026, 11, 2, 5, 30, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("Europe/Berlin", "America/Chicago", "Europe/Berlin")]
    [InlineData("UTC", "America/Chicago", "America/Chicago")]
    [InlineData("Not/AZone", "America/Chicago", "America/Chicago")]
    [InlineData("UTC", null, "UTC")]
    [InlineData(null, "bogus", "UTC")]
    public void PersonTimeZone_Pick_PrefersThePersonThenTheWorkspace(string? person, string? workspace, string expected)
    {
        Assert.Equal(expected, PersonTimeZone.Pick(person, workspace).Id);
    }
}
