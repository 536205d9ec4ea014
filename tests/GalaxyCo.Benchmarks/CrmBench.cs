using System.Diagnostics;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// The CRM targets of issue 4 at the bench scale: the board's first load, a filtered and sorted list page, search by
/// name/email/company, a committed card move, and that move arriving at a second app node through LISTEN/NOTIFY.
/// </summary>
public sealed class CrmBench(string appConnectionString, ILoggerFactory loggerFactory, int warmup, int iterations)
{
    public const string BoardService = "board first load (service)";
    public const string BoardPage = "board page server render";
    public const string ListService = "prospect list filter+sort";
    public const string SearchService = "prospect search";
    public const string ContactSearchService = "contact search";
    public const string MoveService = "card move committed";
    public const string SecondNode = "move seen on second node";

    public static IReadOnlyDictionary<string, double> Targets { get; } = new Dictionary<string, double>
    {
        [BoardService] = 300, [BoardPage] = 300, [ListService] = 100, [SearchService] = 50, [ContactSearchService] = 50,
        [MoveService] = 30, [SecondNode] = 250,
    };

    public async Task RunAsync(IServiceProvider scope, List<Measurement> results, CancellationToken ct)
    {
        var board = scope.GetRequiredService<ProspectBoardService>();
        var prospects = scope.GetRequiredService<ProspectService>();
        var contacts = scope.GetRequiredService<ContactService>();
        var stages = Enum.GetValues<ProspectStage>();

        var cards = 0;
        results.Add(await Measurement.RunAsync(BoardService, warmup, iterations, async _ =>
            cards = (await board.GetBoardAsync(ProspectFilter.None, ProspectBoardService.FirstSlice, ct)).Value!.Sum(c => c.Cards.Count),
            () => $"{stages.Length} columns: one grouped count+sum, first {cards} cards"));

        try
        {
            var html = "";
            results.Add(await Measurement.RunAsync(BoardPage, warmup, iterations,
                async _ => html = await StaticRender.RenderAsync<GalaxyCo.Web.Components.Pages.Crm.Board.ProspectBoard>(scope, loggerFactory),
                () => $"ProspectBoard via HtmlRenderer, {html.Length:N0} chars, {StaticRender.Occurrences(html, "card-name")} cards"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.WriteLine($"board page server render not measured: {e.GetType().Name}: {e.Message}");
        }

        var words = await SampleSearchWordsAsync(scope, ct);
        CrmPage<ProspectView>? page = null;
        string[] tags = ["hot", "enterprise", "inbound", "champion"];
        results.Add(await Measurement.RunAsync(ListService, warmup, iterations, async i =>
            page = (await prospects.ListAsync(new ProspectQuery
            {
                Tag = tags[i % tags.Length], Sort = ProspectSort.EstimatedValue, Direction = SortDirection.Descending, Page = 1 + i % 5,
            }, ct)).Value, () => $"tag filter, value desc, 50 per page; total {page?.Total:N0}"));

        results.Add(await Measurement.RunAsync(SearchService, warmup, iterations, async i =>
            page = (await prospects.ListAsync(new ProspectQuery { Search = words[i % words.Count], Sort = ProspectSort.Name }, ct)).Value,
            () => $"{words.Count} sampled word prefixes (e.g. '{words[0]}'); last total {page?.Total:N0}"));

        CrmPage<ContactView>? contactPage = null;
        results.Add(await Measurement.RunAsync(ContactSearchService, warmup, iterations, async i =>
            contactPage = (await contacts.ListAsync(new ContactQuery { Search = words[(i + 7) % words.Count] }, ct)).Value,
            () => $"same prefixes on contacts; last total {contactPage?.Total:N0}"));

        // A second "app node": its own feed and listener on its own connection.
        var secondFeed = new ChangeFeed(loggerFactory.CreateLogger<ChangeFeed>());
        using var listener = new DatabaseChangeListener(new LiveChangesOptions(appConnectionString), secondFeed, loggerFactory.CreateLogger<DatabaseChangeListener>());
        await listener.StartAsync(ct);
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var workspaceId = scope.GetRequiredService<GalaxyCo.Domain.Workspaces.CurrentMember>().WorkspaceId;
        TaskCompletionSource<Guid>? arrival = null;
        using var subscription = secondFeed.Subscribe(workspaceId, change =>
        {
            if (change.Ids is { Count: > 0 } ids) arrival?.TrySetResult(ids[0]);
            return Task.CompletedTask;
        });

        var moveSamples = new List<double>();
        var seenSamples = new List<double>();
        var random = new Random(42);
        for (var i = 0; i < warmup + iterations; i++)
        {
            var from = stages[random.Next(stages.Length)];
            var to = stages[random.Next(stages.Length)];
            var source = (await board.GetColumnAsync(from, random.Next(0, 500), 1, ct)).Value!.Cards;
            var target = (await board.GetColumnAsync(to, random.Next(0, 500), 2, ct)).Value!.Cards;
            if (source.Count == 0 || target.Count < 2 || target.Any(c => c.Id == source[0].Id)) { i--; continue; }
            arrival = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = Stopwatch.GetTimestamp();
            var moved = await board.MoveAsync(source[0].Id, to, target[1].Id, target[0].Id, source[0].Version, ct);
            var committed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!moved.Succeeded) throw new InvalidOperationException($"move failed: {moved.Message}");
            var id = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
            // What the second circuit does on arrival: fetch the card it must redraw.
            await prospects.GetAsync(id, ct);
            var seen = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i < warmup) continue;
            moveSamples.Add(committed);
            seenSamples.Add(seen);
        }
        results.Add(Report(MoveService, moveSamples, "MoveAsync between two neighbours of another column: one UPDATE + outbox row, committed"));
        results.Add(Report(SecondNode, seenSamples, "from the move call to NOTIFY delivery on a second listener + re-fetch of the card"));
        await listener.StopAsync(ct);
    }

    private static Measurement Report(string name, List<double> samples, string rows)
    {
        samples.Sort();
        var m = new Measurement(name, samples, rows);
        Console.WriteLine($"{name,-34} p50 {m.P50,8:N2}  p95 {m.P95,8:N2}  p99 {m.P99,8:N2}  max {m.Max,8:N2} ms   ({samples.Count} runs; {rows})");
        return m;
    }

    /// <summary>Three-letter prefixes of real words of the workspace's prospects and contacts, as people type them.</summary>
    private static async Task<List<string>> SampleSearchWordsAsync(IServiceProvider scope, CancellationToken ct)
    {
        await using var db = await scope.GetRequiredService<IDbContextFactory<GalaxyDbContext>>().CreateDbContextAsync(ct);
        var names = await db.Prospects.OrderBy(p => p.Id).Take(200).Select(p => p.Name + " " + (p.Company ?? "")).ToListAsync(ct);
        return names.SelectMany(n => CrmSearch.Words(n)).Where(w => w.Length >= 3).Select(w => w[..Math.Min(w.Length, 4)]).Distinct().Take(60).ToList();
    }
}
