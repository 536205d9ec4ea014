using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work;
using GalaxyCo.Domain.Work.Tasks;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Work.Tasks;

/// <summary>A clock the test sets: every service reads "now" from it.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The task services on the real test database, wired as the app wires them (AddWorkspaces + AddWork), with a <see cref="TestClock"/>.</summary>
public sealed class TaskHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;

    public TaskHost(PostgresDatabase db, DateTimeOffset? now = null)
    {
        this.db = db;
        Clock = new TestClock(now ?? new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddMail(configuration);
        services.AddWork();
        services.AddSingleton<TimeProvider>(Clock);
        provider = services.BuildServiceProvider();
    }

    public TestClock Clock { get; }

    public async Task<TaskActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new TaskActor(scope);
    }

    public Task<TaskActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    public async Task<T> ReadAsync<T>(Guid workspaceId, Func<GalaxyDbContext, Task<T>> read)
    {
        await using var ctx = db.CreateContext(PostgresDatabase.Tenant(workspaceId));
        return await read(ctx);
    }

    /// <summary>Sets a person's own time zone (users.preferences.TimeZone).</summary>
    public async Task SetTimeZoneAsync(TestWorkspace w, Guid userId, string zone)
    {
        await using var ctx = db.CreateContext(w.Tenant());
        var user = await ctx.Users.FirstAsync(u => u.Id == userId);
        user.Preferences = new GalaxyCo.Data.Json.UserPreferences { TimeZone = zone, Theme = user.Preferences.Theme, Language = user.Preferences.Language };
        await ctx.SaveChangesAsync();
    }

    public void Dispose() => provider.Dispose();
}

public sealed class TaskActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public TaskService Tasks => scope.ServiceProvider.GetRequiredService<TaskService>();
    public TaskBulkService Bulk => scope.ServiceProvider.GetRequiredService<TaskBulkService>();
    public TaskListService List => scope.ServiceProvider.GetRequiredService<TaskListService>();
    public MyTasksService MyTasks => scope.ServiceProvider.GetRequiredService<MyTasksService>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

internal static class TaskAssert
{
    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, $"{result.Status}: {result.Message} {string.Join("; ", result.FieldErrors.Select(e => $"{e.Key}={e.Value}"))}");
        return result.Value!;
    }

    public static void InvalidField(Result result, string field, string messagePart)
    {
        Assert.Equal(ResultStatus.Invalid, result.Status);
        var message = result.ErrorFor(field);
        Assert.True(message is not null, $"expected an error on '{field}', got: {string.Join("; ", result.FieldErrors.Select(e => $"{e.Key}={e.Value}"))}");
        Assert.Contains(messagePart, message, StringComparison.OrdinalIgnoreCase);
    }
}
