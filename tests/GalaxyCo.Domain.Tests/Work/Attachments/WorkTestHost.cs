using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work;
using GalaxyCo.Domain.Work.Attachments;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Work.Attachments;

/// <summary>
/// The Work services on the real test database, wired as the web app wires them (AddWorkspaces + AddWork + AddMail),
/// with attachments in a throwaway folder and a clock the test moves.
/// </summary>
public sealed class WorkTestHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly PostgresDatabase db;

    public WorkTestHost(PostgresDatabase db, long maxFileBytes = 25L * 1024 * 1024)
    {
        this.db = db;
        FilesRoot = Path.Combine(Path.GetTempPath(), "galaxyco-attachments-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Files:Root"] = FilesRoot,
            ["Storage:Files:MaxFileBytes"] = maxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:OutboxDirectory"] = Path.Combine(FilesRoot, "mail"),
        }).Build();
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

    public string FilesRoot { get; }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));

    public AttachmentFileStore Store => provider.GetRequiredService<AttachmentFileStore>();

    /// <summary>A person acting in a workspace: a fresh scope (one request or circuit) entered into the slug.</summary>
    public async Task<AsyncServiceScope> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return scope;
    }

    /// <summary>A scope with no request, as Hangfire runs a job.</summary>
    public AsyncServiceScope JobScope() => provider.CreateAsyncScope();

    public Task<AsyncServiceScope> OwnerOfAsync(TestWorkspace w) => ActAsync(w.Slug, w.OwnerUserId);

    public GalaxyDbContext Context(Guid workspaceId) => db.CreateContext(PostgresDatabase.Tenant(workspaceId));

    public async Task<T> ReadAsync<T>(Guid workspaceId, Func<GalaxyDbContext, Task<T>> read)
    {
        await using var ctx = Context(workspaceId);
        return await read(ctx);
    }

    /// <summary>Writes a task into the workspace (as its owner) and returns it.</summary>
    public async Task<WorkTask> AddTaskAsync(TestWorkspace w, Action<WorkTask>? shape = null)
    {
        var task = new WorkTask { Title = "Task " + Guid.NewGuid().ToString("N")[..6], CreatedBy = w.OwnerUserId };
        shape?.Invoke(task);
        await using var ctx = db.CreateContext(w.Tenant());
        ctx.Tasks.Add(task);
        await ctx.SaveChangesAsync();
        return task;
    }

    public void Dispose()
    {
        provider.Dispose();
        try
        {
            if (Directory.Exists(FilesRoot)) Directory.Delete(FilesRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>A clock that stands still until the test moves it.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset to) => now = to;
}
