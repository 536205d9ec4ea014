using GalaxyCo.Domain.Work.Board;
using GalaxyCo.Domain.Work.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// The task targets of issue 5 at the bench scale (1M tasks at scale 100k): the signed-in person's My tasks (every
/// bucket counted, the first 20 of each read) and the task board's first render (four columns, 30 cards each).
/// </summary>
public sealed class WorkBench(ILoggerFactory loggerFactory, int warmup, int iterations)
{
    public const string MyTasks = "my tasks (service)";
    public const string BoardService = "task board first load (service)";
    public const string BoardPage = "task board page server render";

    public static IReadOnlyDictionary<string, double> Targets { get; } = new Dictionary<string, double>
    {
        [MyTasks] = 50, [BoardService] = 200, [BoardPage] = 200,
    };

    public async Task RunAsync(IServiceProvider scope, List<Measurement> results, CancellationToken ct)
    {
        var mine = scope.GetRequiredService<MyTasksService>();
        var board = scope.GetRequiredService<TaskBoardService>();

        MyTasks? last = null;
        results.Add(await Measurement.RunAsync(MyTasks, warmup, iterations, async _ => last = (await mine.GetAsync(ct: ct)).Value,
            () => last is null ? "no result" : string.Join(", ", last.Sections.Select(s => $"{s.Bucket} {s.Count:N0}"))));

        var cards = 0;
        results.Add(await Measurement.RunAsync(BoardService, warmup, iterations, async _ =>
            cards = (await board.GetBoardAsync(TaskBoardFilter.None, ct: ct)).Value!.Sum(c => c.Cards.Count),
            () => $"4 columns, counts capped at {TaskBoardService.CountCap:N0}, first {cards} cards"));

        try
        {
            var html = "";
            results.Add(await Measurement.RunAsync(BoardPage, warmup, iterations,
                async _ => html = await StaticRender.RenderAsync<GalaxyCo.Web.Components.Pages.Work.Board.TaskBoard>(scope, loggerFactory),
                () => $"TaskBoard via HtmlRenderer, {html.Length:N0} chars"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.WriteLine($"task board page server render not measured: {e.GetType().Name}: {e.Message}");
        }
    }
}
