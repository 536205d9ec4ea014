using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work;
using GalaxyCo.Domain.Work.Board;
using GalaxyCo.Domain.Work.Projects;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Work.Projects;

/// <summary>A clock the test sets.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The project and task board services on the real test database, wired as the app wires them (AddWork).</summary>
public sealed class ProjectsHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;

    public ProjectsHost(PostgresDatabase db)
    {
        this.db = db;
        Clock = new FixedClock(new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero));
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

    public FixedClock Clock { get; }

    public async Task<ProjectsActor> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return new ProjectsActor(scope);
    }

    public Task<ProjectsActor> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    /// <summary>A context as the app role inside the workspace, for arranging and checking rows.</summary>
    public GalaxyDbContext Context(TestWorkspace w) => db.CreateContext(w.Tenant());

    public async Task<T> ReadAsync<T>(TestWorkspace w, Func<GalaxyDbContext, Task<T>> read)
    {
        await using var ctx = Context(w);
        return await read(ctx);
    }

    /// <summary>Adds tasks straight through EF (the way any writer does): the triggers count them.</summary>
    public async Task<List<WorkTask>> AddTasksAsync(TestWorkspace w, Guid? projectId, params WorkTaskStatus[] statuses)
    {
        await using var ctx = Context(w);
        var tasks = statuses.Select((s, i) => new WorkTask
        {
            Title = $"Task {i + 1}", Status = s, ProjectId = projectId, BoardPosition = (i + 1) * 1024,
            CompletedAt = s == WorkTaskStatus.Done ? DateTime.UtcNow : null,
        }).ToList();
        ctx.Tasks.AddRange(tasks);
        await ctx.SaveChangesAsync();
        return tasks;
    }

    /// <summary>A project written straight through EF, with no tasks.</summary>
    public async Task<Project> AddProjectAsync(TestWorkspace w, string name = "Apollo")
    {
        await using var ctx = Context(w);
        var project = new Project { Name = name, Status = ProjectStatus.InProgress };
        ctx.Projects.Add(project);
        await ctx.SaveChangesAsync();
        return project;
    }

    /// <summary>The stored counts of a project next to a fresh count of its tasks, by the triggers' rule.</summary>
    public async Task<(int Total, int Done, int Progress, int FreshTotal, int FreshDone, int FreshProgress)> CountsAsync(TestWorkspace w, Guid projectId)
    {
        await using var ctx = Context(w);
        var p = await ctx.Projects.AsNoTracking().SingleAsync(x => x.Id == projectId);
        var total = await ctx.Tasks.CountAsync(t => t.ProjectId == projectId && t.Status != WorkTaskStatus.Cancelled);
        var done = await ctx.Tasks.CountAsync(t => t.ProjectId == projectId && t.Status == WorkTaskStatus.Done);
        var progress = total == 0 ? 0 : (int)Math.Round(100m * done / total, MidpointRounding.AwayFromZero);
        return (p.TotalTasks, p.CompletedTasks, p.Progress, total, done, progress);
    }

    public void Dispose() => provider.Dispose();
}

public sealed class ProjectsActor(AsyncServiceScope scope) : IAsyncDisposable
{
    public ProjectService Projects => scope.ServiceProvider.GetRequiredService<ProjectService>();
    public TaskBoardService Board => scope.ServiceProvider.GetRequiredService<TaskBoardService>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

internal static class WorkAssert
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

    /// <summary>Stored counts equal a fresh count.</summary>
    public static void CountsAgree((int Total, int Done, int Progress, int FreshTotal, int FreshDone, int FreshProgress) c) =>
        Assert.Equal((c.FreshTotal, c.FreshDone, c.FreshProgress), (c.Total, c.Done, c.Progress));
}
