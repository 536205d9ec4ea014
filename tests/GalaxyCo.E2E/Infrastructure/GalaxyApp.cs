using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace GalaxyCo.E2E.Infrastructure;

/// <summary>
/// The real app for the whole E2E collection: a fresh PostgreSQL database (owned by galaxyco_owner, served to the app
/// as galaxyco_app so RLS binds), GalaxyCo.Web.dll started as a child process on a free port with mail going to a temp
/// outbox folder, and one headless Debian Chromium driven by Playwright. Started once, shared by every test.
/// </summary>
public sealed class GalaxyApp : IAsyncLifetime, IDisposable
{
    /// <summary>Set to 1 to (re)write docs/screenshots; the app then also seeds the demo workspace to photograph.</summary>
    public static bool TakeScreenshots => Environment.GetEnvironmentVariable("GALAXYCO_SCREENSHOTS") == "1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const int LogLinesKept = 400;

    private readonly IReadOnlyDictionary<string, string> extraEnvironment;
    private readonly Queue<string> appLog = new();
    private readonly string runId = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..6];
    private Process? app;
    private IPlaywright? playwright;
    private string? adminConnection;
    private string? databaseName;
    private StreamWriter? appLogFile;
    private (string App, string Owner, string Outbox)? launch;

    /// <summary>The app as the shared collection runs it: no OpenID Connect, mail to a folder.</summary>
    public GalaxyApp() : this(new Dictionary<string, string>()) { }

    /// <summary>
    /// The app with more configuration in its environment (e.g. Authentication__Oidc__Authority), for a collection
    /// of its own. Internal so that xunit still sees exactly one public constructor.
    /// </summary>
    internal GalaxyApp(IReadOnlyDictionary<string, string> extraEnvironment) => this.extraEnvironment = extraEnvironment;

    public Uri BaseUri { get; private set; } = default!;
    private IBrowser? browser;
    private MailOutbox? mail;

    /// <summary>Superuser on the app's database (bypasses RLS): for checking what the app wrote, never for acting as it.</summary>
    public string SuperuserConnectionString =>
        adminConnection is not null && databaseName is not null
            ? new NpgsqlConnectionStringBuilder(adminConnection) { Database = databaseName }.ConnectionString
            : throw new InvalidOperationException("The app's database does not exist.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not running.");
    public MailOutbox Mail => mail ?? throw new InvalidOperationException("The app is not running.");
    public string RepoRoot { get; } = FindRepoRoot();
    /// <summary>Screenshots and page dumps of failed tests, plus the app's log (printed when a test fails).</summary>
    public string ArtifactsDirectory { get; private set; } = "";
    /// <summary>Whether the app seeded its demo workspace (only when taking screenshots: seeding costs time).</summary>
    public bool DemoSeeded { get; } = TakeScreenshots;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not always dispose a fixture whose start failed: don't leave a process or a database behind.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        adminConnection = RequiredEnvironment("GALAXYCO_TEST_PG_ADMIN",
            "a PostgreSQL superuser connection string, e.g. Host=127.0.0.1;Port=56400;Username=postgres;Database=postgres (./test.sh sets it)");
        var chromium = FindChromium();

        ArtifactsDirectory = Environment.GetEnvironmentVariable("GALAXYCO_E2E_ARTIFACTS") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(RepoRoot, "tests", "GalaxyCo.E2E", "TestResults", "e2e-" + runId);
        Directory.CreateDirectory(ArtifactsDirectory);
        appLogFile = new StreamWriter(Path.Combine(ArtifactsDirectory, "app.log"), append: false, Encoding.UTF8) { AutoFlush = true };

        var outbox = Path.Combine(Path.GetTempPath(), "galaxyco-e2e-mail-" + runId);
        Directory.CreateDirectory(outbox);
        mail = new MailOutbox(outbox);

        var (appConnection, ownerConnection) = await CreateDatabaseAsync(adminConnection);
        var port = FreeTcpPort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        launch = (appConnection, ownerConnection, outbox);
        app = Launch(BaseUri, "");
        await WaitUntilHealthyAsync(app, BaseUri);

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        browser = null;
        playwright?.Dispose();
        playwright = null;
        StopApp();
        lock (appLog)
        {
            appLogFile?.Dispose();
            appLogFile = null;
        }
        if (adminConnection is not null && databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(adminConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            databaseName = null;
        }
        if (mail is not null) TryDelete(mail.Directory);
        mail = null;
    }

    /// <summary>Safety net when DisposeAsync could not run to the end: never leave the app process behind.</summary>
    public void Dispose()
    {
        StopApp();
        lock (appLog)
        {
            appLogFile?.Dispose();
            appLogFile = null;
        }
    }

    /// <summary>The last lines the app wrote to stdout/stderr (the full log is app.log in <see cref="ArtifactsDirectory"/>).</summary>
    public string RecentAppLog(int lines = 60)
    {
        lock (appLog) return string.Join('\n', appLog.TakeLast(lines));
    }

    /// <summary>
    /// A second app node: another GalaxyCo.Web process on another free port against the same database and with the
    /// same configuration (it finds the schema migrated and seeds nothing new), as a scaled-out deployment runs it.
    /// Dispose it to stop it; it is stopped with the app in any case.
    /// </summary>
    public async Task<GalaxyNode> StartNodeAsync()
    {
        var uri = new Uri($"http://127.0.0.1:{FreeTcpPort()}/");
        var process = Launch(uri, $"[node {uri.Port}] ");
        var node = new GalaxyNode(uri, process, this);
        lock (nodes) nodes.Add(node);
        try
        {
            await WaitUntilHealthyAsync(process, uri);
        }
        catch
        {
            node.Stop();
            throw;
        }
        return node;
    }

    private readonly List<GalaxyNode> nodes = [];

    /// <summary>A new, isolated browser (own cookies) at 1280x800 whose relative URLs resolve against the app (or <paramref name="baseUri"/>: another node).</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800, Uri? baseUri = null) =>
        Browser.NewContextAsync(new()
        {
            BaseURL = (baseUri ?? BaseUri).ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });

    private async Task<(string App, string Owner)> CreateDatabaseAsync(string admin)
    {
        databaseName = "galaxyco_e2e_" + runId.Replace("-", "_", StringComparison.Ordinal);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await CreateRoleAsync(connection, "CREATE ROLE galaxyco_owner LOGIN PASSWORD 'galaxyco_owner' NOSUPERUSER CREATEDB");
            await CreateRoleAsync(connection, "CREATE ROLE galaxyco_app LOGIN PASSWORD 'galaxyco_app' NOSUPERUSER NOBYPASSRLS");
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\" OWNER galaxyco_owner", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = databaseName };
        builder.Username = "galaxyco_app";
        builder.Password = "galaxyco_app";
        var appConnection = builder.ConnectionString;
        builder.Username = "galaxyco_owner";
        builder.Password = "galaxyco_owner";
        return (appConnection, builder.ConnectionString);
    }

    private static async Task CreateRoleAsync(NpgsqlConnection connection, string sql)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateObject)
        {
            // 42710: the role exists already (another run or ./test.sh made it).
        }
    }

    private Process Launch(Uri baseUri, string logPrefix)
    {
        var (appConnection, ownerConnection, outbox) = launch ?? throw new InvalidOperationException("The app's database does not exist.");
        var configuration = AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var output = Path.Combine(RepoRoot, "GalaxyCo.Web", "bin", configuration, "net10.0");
        var dll = Path.Combine(output, "GalaxyCo.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} does not exist. Build the app first: dotnet build GalaxyCo.Web -c {configuration}");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var env = start.Environment;
        env["ConnectionStrings__Galaxy"] = appConnection;
        env["ConnectionStrings__GalaxyMigrations"] = ownerConnection;
        env["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/');
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Seed__Demo"] = DemoSeeded ? "true" : "false";
        env["Mail__OutboxDirectory"] = outbox;
        // Task attachments land in a throwaway folder, not under the build output.
        env["Storage__Files__Root"] = Path.Combine(Path.GetDirectoryName(outbox)!, Path.GetFileName(outbox).Replace("-mail-", "-files-", StringComparison.Ordinal));
        env["Mail__Smtp__Host"] = "";
        // The webhook journey's receiver listens on loopback, which the SSRF guard refuses unless allow-listed.
        env["Webhooks__AllowedHosts__0"] = "127.0.0.1";
        env["Webhooks__AllowedHosts__1"] = "localhost";
        env["Logging__Console__FormatterName"] = "simple";
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in extraEnvironment) env[name] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Capture(e.Data is null ? null : logPrefix + e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data is null ? null : logPrefix + "[stderr] " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Console.WriteLine($"[e2e] GalaxyCo.Web ({configuration}) pid {process.Id} at {baseUri}; database {databaseName}; artifacts {ArtifactsDirectory}");
        return process;
    }

    private void Capture(string? line)
    {
        if (line is null) return;
        lock (appLog)
        {
            appLog.Enqueue(line);
            while (appLog.Count > LogLinesKept) appLog.Dequeue();
            try { appLogFile?.WriteLine(line); } catch (ObjectDisposedException) { }
        }
    }

    private async Task WaitUntilHealthyAsync(Process process, Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        var last = "no answer yet";
        while (watch.Elapsed < StartTimeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"GalaxyCo.Web at {baseUri} exited with code {process.ExitCode} before it was healthy.\n--- app output ---\n{RecentAppLog(200)}");
            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        if (process == app) StopApp();
        throw new System.TimeoutException($"GalaxyCo.Web at {baseUri} did not answer GET /healthz with 200 within {StartTimeout.TotalSeconds:0} s (last: {last}).\n--- app output ---\n{RecentAppLog(200)}");
    }

    private void StopApp()
    {
        List<GalaxyNode> others;
        lock (nodes) others = [.. nodes];
        foreach (var node in others) node.Stop();
        Stop(app);
        app = null;
    }

    internal void Forget(GalaxyNode node)
    {
        lock (nodes) nodes.Remove(node);
    }

    internal static void Stop(Process? process)
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }

    private static string RequiredEnvironment(string name, string what) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The E2E tests need {name}: {what}.");

    private static string FindChromium()
    {
        if (Environment.GetEnvironmentVariable("GALAXYCO_CHROMIUM") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"GALAXYCO_CHROMIUM={configured} does not exist.");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "chromium");
            if (File.Exists(candidate)) return candidate;
        }
        return File.Exists("/usr/bin/chromium")
            ? "/usr/bin/chromium"
            : throw new InvalidOperationException(
                "The E2E tests need Chromium: set GALAXYCO_CHROMIUM to its path, or install Debian's package (apt-get install chromium). Playwright's own browser download is not used.");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GalaxyCo.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No GalaxyCo.sln above {AppContext.BaseDirectory}.");
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Another app process on its own port against the app's database (see <see cref="GalaxyApp.StartNodeAsync"/>).</summary>
public sealed class GalaxyNode : IAsyncDisposable
{
    private readonly GalaxyApp app;
    private Process? process;

    internal GalaxyNode(Uri baseUri, Process process, GalaxyApp app)
    {
        BaseUri = baseUri;
        this.process = process;
        this.app = app;
    }

    public Uri BaseUri { get; }

    internal void Stop()
    {
        var p = Interlocked.Exchange(ref process, null);
        GalaxyApp.Stop(p);
        app.Forget(this);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class GalaxyAppCollection : ICollectionFixture<GalaxyApp>
{
    public const string Name = "GalaxyCo app";
}
