using System.Diagnostics;
using GalaxyCo.Benchmarks;
using GalaxyCo.Data;
using GalaxyCo.Domain.Home;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Members;
using GalaxyCo.Web.Components.Pages.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var (options, error) = BenchOptions.Parse(args, Environment.GetEnvironmentVariable(BenchOptions.AdminEnvironmentVariable));
if (options is null)
{
    Console.Error.WriteLine(error);
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
int warmup = options.Warmup, n = options.Iterations;

// --- database, seed, fixtures -------------------------------------------------------------------------------------
var database = new BenchDatabase(options.AdminConnectionString);
await database.PrepareAsync(options.Fresh, ct);
var seeding = Stopwatch.StartNew();
await database.SeedAsync(BenchDatabase.MainSlug, options.Scale, ct);
await database.SeedAsync(BenchDatabase.OtherSlug, BenchDatabase.OtherScale(options.Scale), ct);
Console.WriteLine($"seeding phase (both workspaces): {seeding.Elapsed.TotalSeconds:N1} s");

var (benchId, ownerId) = await database.LookUpAsync(BenchDatabase.MainSlug, ct);
var (otherId, _) = await database.LookUpAsync(BenchDatabase.OtherSlug, ct);
var fixtures = new BenchMembers(database.AppConnectionString);
var addedMembers = await fixtures.FillAsync(benchId, ownerId, ct);
var addedOwner = await fixtures.EnsureOwnerAsync(otherId, ownerId, ct);
Console.WriteLine($"fixtures: {addedMembers} members added to '{BenchDatabase.MainSlug}'; bench owner {(addedOwner ? "added to" : "already a member of")} '{BenchDatabase.OtherSlug}'");

string[] tables = ["workspace_members", "customers", "contacts", "prospects", "projects", "tasks", "calendar_events", "invoices", "audit_logs"];
foreach (var (slug, id) in new[] { (BenchDatabase.MainSlug, benchId), (BenchDatabase.OtherSlug, otherId) })
{
    var counts = await database.CountRowsAsync(id, tables, ct);
    Console.WriteLine($"rows in '{slug}': {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}"))}");
}

// --- measurements ---------------------------------------------------------------------------------------------------
var outbox = Directory.CreateTempSubdirectory("galaxyco-bench-mail-");
await using var provider = BenchServices.Build(database.AppConnectionString, outbox.FullName);
var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
var results = new List<Measurement>();
var notes = new List<string>();
var importFailed = false;
Console.WriteLine();
Console.WriteLine($"measuring: {warmup} warm-up + {n} timed runs each, sequential, on the app role (RLS on); {LoadAverage()}");

await using (var scope = await EnterAsync(BenchDatabase.MainSlug))
{
    var figures = scope.ServiceProvider.GetRequiredService<WorkspaceFiguresService>();
    WorkspaceFigures? last = null;
    results.Add(await Measurement.RunAsync("home figures (service)", warmup, n, async _ => last = await figures.GetAsync(ct),
        () => $"13 queries; {Describe(last)}"));
}

await using (var scope = await EnterAsync(BenchDatabase.MainSlug))
{
    try
    {
        var html = "";
        results.Add(await Measurement.RunAsync("home page server render", warmup, n,
            async _ => html = await StaticRender.RenderAsync<WorkspaceFiguresPanel>(scope.ServiceProvider, loggerFactory),
            () => $"WorkspaceFiguresPanel via HtmlRenderer, {html.Length:N0} chars, {StaticRender.Occurrences(html, "figure-value")} figures"));
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        notes.Add($"home page server render not measured: {e.GetType().Name}: {e.Message}");
        Console.Error.WriteLine(e);
        Console.WriteLine(notes[^1]);
    }
}

results.Add(await Measurement.RunAsync("workspace switch", warmup, n, async i =>
{
    await using var scope = await EnterAsync(i % 2 == 0 ? BenchDatabase.MainSlug : BenchDatabase.OtherSlug);
}, () => $"fresh scope + EnterAsync, {BenchDatabase.MainSlug} <-> {BenchDatabase.OtherSlug}, 1 membership row each"));

await using (var scope = await EnterAsync(BenchDatabase.MainSlug))
{
    var members = scope.ServiceProvider.GetRequiredService<MemberService>();
    IReadOnlyList<MemberRow> rows = [];
    results.Add(await Measurement.RunAsync("member list (service)", warmup, n, async _ => rows = await members.ListAsync(ct),
        () => $"{rows.Count:N0} members"));
}

await using (var scope = await EnterAsync(BenchDatabase.MainSlug))
{
    try
    {
        var html = "";
        results.Add(await Measurement.RunAsync("member list page server render", warmup, n,
            async _ => html = await StaticRender.RenderAsync<MemberDirectory>(scope.ServiceProvider, loggerFactory),
            () => $"MemberDirectory via HtmlRenderer, {html.Length:N0} chars, {StaticRender.Occurrences(html, "<tr")} table rows"));
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        notes.Add($"member list page server render not measured: {e.GetType().Name}: {e.Message}");
        Console.WriteLine(notes[^1]);
    }
}

if (options.Runs("crm"))
{
    await using var scope = await EnterAsync(BenchDatabase.MainSlug);
    await new CrmBench(database.AppConnectionString, loggerFactory, warmup, n).RunAsync(scope.ServiceProvider, results, ct);
}

if (options.Runs("work"))
{
    await using var scope = await EnterAsync(BenchDatabase.MainSlug);
    await new WorkBench(loggerFactory, warmup, n).RunAsync(scope.ServiceProvider, results, ct);
}

if (options.Runs("calendar"))
{
    await using var scope = await EnterAsync(BenchDatabase.MainSlug);
    await new CalendarBench(warmup, n).RunAsync(scope.ServiceProvider, results, ct);
}

if (options.Runs("invoices"))
{
    await using var scope = await EnterAsync(BenchDatabase.MainSlug);
    await new InvoiceBench(warmup, n).RunAsync(scope.ServiceProvider, results, ct);
}

if (options.Runs("live"))
{
    await new LiveBench(database, benchId, ownerId, n).RunAsync(results, notes, ct);
}

var knowledgeParts = options.Only.Where(o => o.StartsWith("knowledge-", StringComparison.OrdinalIgnoreCase)).Select(o => o["knowledge-".Length..]).ToHashSet();
if (options.Runs("knowledge") || knowledgeParts.Count > 0)
{
    // Corpora are downloaded once from the OS package archive and kept next to the app's data (GALAXYCO_BENCH_CORPUS overrides).
    var corpus = Environment.GetEnvironmentVariable("GALAXYCO_BENCH_CORPUS") is { Length: > 0 } dir ? dir : Path.Combine(Directory.GetCurrentDirectory(), ".galaxyco", "bench-corpus");
    await new GalaxyCo.Benchmarks.Knowledge.KnowledgeBench(database, ownerId, corpus, n).RunAsync(knowledgeParts, results, notes, ct);
}

if (options.Runs("import"))
{
    await using var scope = await EnterAsync(BenchDatabase.MainSlug);
    var (importSeconds, _, importNote) = await new CrmImportBench().RunAsync(scope.ServiceProvider, ct);
    var verdict = importSeconds < CrmImportBench.TargetSeconds ? "PASS" : "FAIL";
    notes.Add($"{CrmImportBench.ImportScenario}: {importSeconds:N1} s (target < {CrmImportBench.TargetSeconds:N0} s) {verdict}; {importNote}");
    Console.WriteLine(notes[^1]);
    if (verdict == "FAIL") importFailed = true;
}

// --- query plans ----------------------------------------------------------------------------------------------------
Console.WriteLine();
var planFile = Path.Combine(Path.GetTempPath(), "galaxyco-bench-plans.txt");
await using (var scope = await EnterAsync(BenchDatabase.MainSlug))
{
    var sp = scope.ServiceProvider;
    var captured = new List<(string Label, CapturedCommand Command)>();
    using (var capture = new QueryCapture())
    {
        await sp.GetRequiredService<WorkspaceFiguresService>().GetAsync(ct);
        captured.AddRange(capture.Commands.Select((c, i) => (i < FigureLabels.Length && capture.Commands.Count == FigureLabels.Length ? $"figures: {FigureLabels[i]}" : $"figures: query {i + 1}", c)));
        capture.Commands.Clear();
        await sp.GetRequiredService<MemberService>().ListAsync(ct);
        captured.AddRange(capture.Commands.Select(c => ("member list", c)));
        capture.Commands.Clear();
        await using var switchScope = provider.CreateAsyncScope();
        await switchScope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(BenchDatabase.OtherSlug, ownerId, ct);
        captured.AddRange(capture.Commands.Select(c => ("workspace switch: membership", c)));
    }
    var plans = await QueryPlans.ExplainAsync(sp.GetRequiredService<IDbContextFactory<GalaxyDbContext>>(), captured.Select(c => c.Command), ct);
    await using var file = new StreamWriter(planFile);
    Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS), app role in '{BenchDatabase.MainSlug}' (full plans: {planFile}):");
    for (var i = 0; i < plans.Count; i++)
    {
        var (label, plan) = (captured[i].Label, plans[i]);
        var verdict = plan.BigSeqScans.Count > 0 ? "SEQ SCAN on big table" : plan.Scans.Any(s => s.Contains("Seq Scan", StringComparison.Ordinal)) ? "seq scan, small table" : "index";
        Console.WriteLine($"  {label,-38} {plan.ExecutionMs,8:N2} ms  {verdict,-22} {string.Join("; ", plan.Scans)}");
        foreach (var suggestion in plan.Suggestions) Console.WriteLine($"      fix? {suggestion}");
        await file.WriteLineAsync($"-- {label}\n{plan.Sql}\n{string.Join('\n', plan.Lines)}\n");
    }
}

// --- summary --------------------------------------------------------------------------------------------------------
var targets = new Dictionary<string, double>
{
    ["home figures (service)"] = 150, ["home page server render"] = 150,
    ["member list (service)"] = 100, ["member list page server render"] = 100,
};
foreach (var (name, target) in CrmBench.Targets.Concat(WorkBench.Targets).Concat(CalendarBench.Targets).Concat(InvoiceBench.Targets).Concat(LiveBench.Targets).Concat(GalaxyCo.Benchmarks.Knowledge.KnowledgeBench.Targets)) targets[name] = target;
Console.WriteLine();
Console.WriteLine($"GalaxyCo benchmark, scale {options.Scale:N0} ('{BenchDatabase.MainSlug}'; '{BenchDatabase.OtherSlug}' at {BenchDatabase.OtherScale(options.Scale):N0}), {n} runs after {warmup} warm-up, ms");
Console.WriteLine($"{"scenario",-32} {"p50",8} {"p95",8} {"p99",8} {"max",8}  {"target",-13} result");
var failed = false;
foreach (var r in results)
{
    var target = targets.TryGetValue(r.Name, out var t) ? $"p95 < {t:N0} ms" : "none";
    var verdict = targets.ContainsKey(r.Name) ? r.P95 < t ? "PASS" : "FAIL" : "-";
    failed |= verdict == "FAIL";
    Console.WriteLine($"{r.Name,-32} {r.P50,8:N2} {r.P95,8:N2} {r.P99,8:N2} {r.Max,8:N2}  {target,-13} {verdict}");
}
foreach (var note in notes) Console.WriteLine(note);
Console.WriteLine($"{Environment.ProcessorCount} cores, {LoadAverage()}");
outbox.Delete(recursive: true);
return failed || importFailed ? 1 : 0;

async Task<AsyncServiceScope> EnterAsync(string slug)
{
    var scope = provider.CreateAsyncScope();
    var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, ownerId, ct);
    if (!entered.Succeeded)
    {
        await scope.DisposeAsync();
        throw new InvalidOperationException($"the bench owner cannot enter '{slug}': {entered.Message}");
    }
    return scope;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average unknown";

static string Describe(WorkspaceFigures? f) => f is null ? "no figures (no permission?)" :
    $"members {f.Members:N0}, customers {f.Customers:N0}, contacts {f.Contacts:N0}, open prospects {f.OpenProspects:N0}, open tasks {f.OpenTasks:N0}, " +
    $"overdue tasks {f.OverdueTasks:N0}, events 7d {f.UpcomingEvents:N0}, overdue invoices {f.OverdueInvoices:N0}";

public partial class Program
{
    private static readonly string[] FigureLabels =
    [
        "members", "customers", "contacts", "open prospects", "pipeline value", "open tasks", "overdue tasks",
        "upcoming events", "outstanding invoices", "overdue invoices", "active agents", "knowledge items", "unread notifications",
    ];
}
