using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using GalaxyCo.Data;
using GalaxyCo.Domain.Ai;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Knowledge.Search;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GalaxyCo.Benchmarks.Knowledge;

/// <summary>
/// The knowledge library's figures: retrieval quality (recall@5, MRR) of full-text, vector and hybrid search over the
/// Python 3.11 manual; ingestion time of the Git manual (HTML, ~1,000 pages) and of a 100-page PDF while a page is
/// timed alongside; search latency with 100k chunks in one workspace and other workspaces present. Corpora come from
/// the OS package archive (Knowledge/fetch-corpus.sh). Ingestion goes through the product's own path: upload service,
/// then the ingestion job, in this process (as a Hangfire worker would run it).
/// </summary>
public sealed class KnowledgeBench(BenchDatabase database, Guid ownerId, string corpusDirectory, int iterations)
{
    public const string RetrievalSlug = "bench-kb-python";
    public const string IngestSlug = "bench-kb-ingest";
    public const string ScaleSlug = "bench-kb-100k";
    public const int ScaleChunks = 100_000;

    public static readonly IReadOnlyDictionary<string, double> Targets = new Dictionary<string, double>
    {
        ["knowledge search hybrid @100k chunks"] = 100,
    };

    private readonly BenchIngestionQueue queue = new();

    public async Task RunAsync(IReadOnlySet<string> parts, List<Measurement> results, List<string> notes, CancellationToken ct)
    {
        var (pythonRoot, gitRoot) = await FetchCorpusAsync(ct);
        var outbox = Directory.CreateTempSubdirectory("galaxyco-bench-kb-mail-");
        try
        {
            if (parts.Count == 0 || parts.Contains("retrieval"))
            {
                // Ingesting the corpus once is not what this part measures: let the model use both cores.
                await using var provider = Build(outbox.FullName, embeddingThreads: Environment.ProcessorCount);
                await RunRetrievalAsync(provider, pythonRoot, notes, ct);
            }
            if (parts.Contains("tune"))
            {
                await using var provider = Build(outbox.FullName, embeddingThreads: Environment.ProcessorCount);
                await TuneAsync(provider, pythonRoot, ct);
            }
            if (parts.Count == 0 || parts.Contains("ingest") || parts.Contains("pdf"))
            {
                await using var provider = Build(outbox.FullName, embeddingThreads: new KnowledgeOptions().EmbeddingThreads);
                await RunIngestAsync(provider, gitRoot, manual: parts.Count == 0 || parts.Contains("ingest"), results, notes, ct);
            }
            if (parts.Count == 0 || parts.Contains("search"))
            {
                await using var provider = Build(outbox.FullName, embeddingThreads: new KnowledgeOptions().EmbeddingThreads);
                await RunSearchScaleAsync(provider, results, notes, ct);
            }
        }
        finally
        {
            outbox.Delete(recursive: true);
        }
    }

    private ServiceProvider Build(string outbox, int embeddingThreads) =>
        BenchServices.Build(database.AppConnectionString, outbox, services =>
        {
            services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
            services.AddAi();
            services.AddKnowledge();
            services.Configure<KnowledgeOptions>(o => o.EmbeddingThreads = embeddingThreads);
            services.AddSingleton<IKnowledgeIngestionQueue>(queue);
            services.AddHttpClient();
        });

    // --- corpus ------------------------------------------------------------------------------------------------------

    private async Task<(string Python, string Git)> FetchCorpusAsync(CancellationToken ct)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Knowledge", "fetch-corpus.sh");
        var start = new ProcessStartInfo("bash", [script, corpusDirectory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"fetch-corpus.sh failed ({process.ExitCode}): {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (lines[^2], lines[^1]);
    }

    /// <summary>The Python manual's pages: everything under the html root but the generated indexes and the release notes.</summary>
    private static List<string> PythonPages(string root) =>
        Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith('_') && !p.StartsWith("whatsnew/", StringComparison.Ordinal) && !p.StartsWith("genindex", StringComparison.Ordinal)
                && p is not ("search.html" or "py-modindex.html"))
            .Order(StringComparer.Ordinal).ToList();

    // --- retrieval quality ---------------------------------------------------------------------------------------------

    private async Task RunRetrievalAsync(ServiceProvider provider, string root, List<string> notes, CancellationToken ct)
    {
        var pages = PythonPages(root);
        var workspaceId = await PrepareWorkspaceAsync(RetrievalSlug, ct);
        var mapFile = Path.Combine(corpusDirectory, RetrievalSlug + ".items.json");
        var paths = File.Exists(mapFile) ? JsonSerializer.Deserialize<Dictionary<Guid, string>>(await File.ReadAllTextAsync(mapFile, ct))! : [];
        var ready = await CountReadyAsync(workspaceId, ct);
        if (ready != pages.Count || paths.Count != pages.Count)
        {
            Console.WriteLine($"retrieval corpus: ingesting {pages.Count} pages of the Python manual into '{RetrievalSlug}' (once; reused by later runs)");
            await ClearWorkspaceAsync(workspaceId, ct);
            var (ingested, seconds, _) = await IngestAsync(provider, RetrievalSlug, root, pages, "Python 3.11 manual", workers: 2, probe: null, ct);
            paths = ingested;
            await File.WriteAllTextAsync(mapFile, JsonSerializer.Serialize(paths), ct);
            Console.WriteLine($"retrieval corpus ingested in {seconds:N0} s");
        }
        var questions = RetrievalQuestions.All;
        Console.WriteLine($"retrieval: {questions.Length} questions over {pages.Count} pages ({await CountChunksAsync(workspaceId, ct):N0} chunks)");
        var missing = questions.SelectMany(q => q.Relevant).Distinct().Where(r => !pages.Contains(r)).ToList();
        if (missing.Count > 0) notes.Add("retrieval: relevant pages missing from the corpus: " + string.Join(", ", missing));

        await using var scope = await EnterAsync(provider, RetrievalSlug, ct);
        var search = scope.ServiceProvider.GetRequiredService<KnowledgeSearchService>();
        var scores = new Dictionary<RetrievalMode, (double Recall, double Hit, double Mrr)>();
        foreach (var mode in new[] { RetrievalMode.FullText, RetrievalMode.Vector, RetrievalMode.Hybrid })
        {
            var score = await ScoreAsync(search, paths, mode, printMisses: mode == RetrievalMode.Hybrid, ct);
            scores[mode] = score;
            Console.WriteLine($"retrieval {mode,-8} recall@5 {score.Recall:N3}  hit@5 {score.Hit:N3}  MRR {score.Mrr:N3}");
        }
        var best = Math.Max(scores[RetrievalMode.FullText].Recall, scores[RetrievalMode.Vector].Recall);
        var h = scores[RetrievalMode.Hybrid];
        var verdict = h.Recall >= 0.85 && h.Recall >= best ? "PASS" : "FAIL";
        notes.Add($"retrieval over {pages.Count} Python manual pages, {questions.Length} questions: recall@5 full-text {scores[RetrievalMode.FullText].Recall:N3} / vector {scores[RetrievalMode.Vector].Recall:N3} / hybrid {h.Recall:N3}; " +
            $"MRR {scores[RetrievalMode.FullText].Mrr:N3} / {scores[RetrievalMode.Vector].Mrr:N3} / {h.Mrr:N3}; hit@5 {scores[RetrievalMode.FullText].Hit:N3} / {scores[RetrievalMode.Vector].Hit:N3} / {h.Hit:N3} " +
            $"(target hybrid recall@5 >= 0.85 and >= the better alone) {verdict}");
    }

    /// <summary>
    /// --only knowledge-tune: hybrid recall@5 / MRR over a grid of fusion and field weights, on the ingested retrieval
    /// corpus (run knowledge-retrieval first). Prints the grid; the defaults in KnowledgeRanking come from it.
    /// </summary>
    private async Task TuneAsync(ServiceProvider provider, string root, CancellationToken ct)
    {
        var mapFile = Path.Combine(corpusDirectory, RetrievalSlug + ".items.json");
        var paths = JsonSerializer.Deserialize<Dictionary<Guid, string>>(await File.ReadAllTextAsync(mapFile, ct))!;
        var workspaceId = (await database.LookUpAsync(RetrievalSlug, ct)).WorkspaceId;
        await using var scope = await EnterAsync(provider, RetrievalSlug, ct);
        var search = scope.ServiceProvider.GetRequiredService<KnowledgeSearchService>();
        var index = scope.ServiceProvider.GetRequiredService<KnowledgeSearchIndex>();
        var defaults = (KnowledgeRanking.FullTextWeight, KnowledgeRanking.VectorWeight, KnowledgeRanking.RrfK, KnowledgeRanking.TitleWeight, KnowledgeRanking.HeadingWeight);
        Console.WriteLine($"tuning over {RetrievalQuestions.All.Length} questions, {paths.Count} pages ({PythonPages(root).Count} in the corpus)");
        Console.WriteLine("title  heading  rrfK  ftWeight   recall@5  hit@5   MRR");
        foreach (var title in new[] { 2.5f })
        {
            foreach (var heading in new[] { 2f })
            {
                KnowledgeRanking.TitleWeight = title;
                KnowledgeRanking.HeadingWeight = heading;
                index.Invalidate(workspaceId);
                foreach (var rrfK in new[] { 30.0, 60.0, 120.0 })
                {
                    foreach (var ft in new[] { 0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4 })
                    {
                        KnowledgeRanking.RrfK = rrfK;
                        KnowledgeRanking.FullTextWeight = ft;
                        KnowledgeRanking.VectorWeight = 1;
                        var (recall, hit, mrr) = await ScoreAsync(search, paths, RetrievalMode.Hybrid, false, ct);
                        Console.WriteLine($"{title,5:N1}  {heading,7:N1}  {rrfK,4:N0}  {ft,8:N2}   {recall,8:N3}  {hit,5:N3}  {mrr,5:N3}");
                    }
                }
                var (ftRecall, _, ftMrr) = await ScoreAsync(search, paths, RetrievalMode.FullText, false, ct);
                Console.WriteLine($"{title,5:N1}  {heading,7:N1}  full-text alone          {ftRecall,8:N3}         {ftMrr,5:N3}");
            }
        }
        (KnowledgeRanking.FullTextWeight, KnowledgeRanking.VectorWeight, KnowledgeRanking.RrfK, KnowledgeRanking.TitleWeight, KnowledgeRanking.HeadingWeight) = defaults;
    }

    private static async Task<(double Recall, double Hit, double Mrr)> ScoreAsync(
        KnowledgeSearchService search, Dictionary<Guid, string> paths, RetrievalMode mode, bool printMisses, CancellationToken ct)
    {
        double recall = 0, hit = 0, mrr = 0;
        foreach (var question in RetrievalQuestions.All)
        {
            var found = await search.SearchAsync(new KnowledgeSearchRequest(question.Text, K: 50, Mode: mode), ct);
            if (!found.Succeeded) throw new InvalidOperationException($"search failed: {found.Message}");
            var ranked = found.Value!.Hits.Select(h => h.ItemId).Distinct().Select(id => paths.GetValueOrDefault(id, "?")).ToList();
            var top5 = ranked.Take(5).ToHashSet();
            recall += question.Relevant.Count(top5.Contains) / (double)question.Relevant.Length;
            hit += question.Relevant.Any(top5.Contains) ? 1 : 0;
            var first = ranked.FindIndex(p => question.Relevant.Contains(p));
            mrr += first >= 0 ? 1.0 / (first + 1) : 0;
            if (printMisses && (first < 0 || first >= 5))
            {
                Console.WriteLine($"  {mode} miss: \"{question.Text}\" -> first relevant at {(first < 0 ? "none" : (first + 1).ToString())}; top 3: {string.Join(", ", ranked.Take(3))}");
            }
        }
        var n = RetrievalQuestions.All.Length;
        return (recall / n, hit / n, mrr / n);
    }

    // --- ingestion ---------------------------------------------------------------------------------------------------

    private async Task RunIngestAsync(ServiceProvider provider, string gitRoot, bool manual, List<Measurement> results, List<string> notes, CancellationToken ct)
    {
        var pages = Directory.EnumerateFiles(gitRoot, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(gitRoot, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var words = pages.Sum(p => CountWords(File.ReadAllText(Path.Combine(gitRoot, p))));
        var workspaceId = await PrepareWorkspaceAsync(IngestSlug, ct);

        // The page timed alongside: the library list a member has open while the manual is being ingested.
        async Task Probe(CancellationToken token)
        {
            await using var scope = await EnterAsync(provider, IngestSlug, token);
            await scope.ServiceProvider.GetRequiredService<KnowledgeItemService>().ListAsync(new KnowledgeItemQuery(Take: 50), token);
        }
        await ClearWorkspaceAsync(workspaceId, ct);
        if (manual) await IngestManualAsync(provider, gitRoot, pages, words, workspaceId, Probe, results, notes, ct);

        // A 100-page PDF made from the same manual's text.
        var pdf = BenchPdf.Build(pages.Select(p => File.ReadAllText(Path.Combine(gitRoot, p))), pageCount: 100);
        var pdfPath = Path.Combine(corpusDirectory, "git-manual-100-pages.pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf, ct);
        var (_, pdfSeconds, _) = await IngestAsync(provider, IngestSlug, corpusDirectory, ["git-manual-100-pages.pdf"], "PDF", workers: 1, probe: null, ct);
        var pdfWords = await ScalarAsync("SELECT coalesce(sum(array_length(regexp_split_to_array(trim(content), '\\s+'), 1)), 0) FROM knowledge_items WHERE workspace_id = @w AND file_name LIKE '%.pdf'", workspaceId, ct);
        notes.Add($"ingest a 100-page PDF ({pdf.Length / 1024:N0} KB, 12 pt A4, {pdfWords:N0} words = {pdfWords / 100:N0} a page): {pdfSeconds:N1} s (target < 120 s) {(pdfSeconds < 120 ? "PASS" : "FAIL")}");
    }

    private async Task IngestManualAsync(ServiceProvider provider, string gitRoot, List<string> pages, int words, Guid workspaceId,
        Func<CancellationToken, Task> Probe, List<Measurement> results, List<string> notes, CancellationToken ct)
    {
        var idle = await ProbeAsync(Probe, TimeSpan.FromSeconds(15), ct);
        Console.WriteLine($"ingest: library page while idle p50 {idle.P50:N1} ms p95 {idle.P95:N1} ms ({idle.SortedMs.Count} samples)");

        Console.WriteLine($"ingest: the Git manual, {pages.Count} HTML pages, {words:N0} words (~{words / 450:N0} printed pages)");
        var (_, seconds, busy) = await IngestAsync(provider, IngestSlug, gitRoot, pages, "Git manual", workers: 2, probe: Probe, ct);
        var tokens = await SumTokensAsync(workspaceId, ct);
        var verdict = seconds < 15 * 60 ? "PASS" : "FAIL";
        var ratio = busy is null ? double.NaN : busy.P95 / idle.P95;
        notes.Add($"ingest Git manual ({pages.Count} HTML pages, {words:N0} words, {tokens:N0} chunk tokens): {seconds:N0} s = {tokens / seconds:N0} tokens/s (target < 900 s) {verdict}; " +
            $"library page p95 idle {idle.P95:N1} ms, during ingestion {busy?.P95:N1} ms = {ratio:N2}x (target <= 2x) {(ratio <= 2 ? "PASS" : "FAIL")}");
        if (busy is not null) results.Add(busy with { Name = "library page during ingestion" });
    }

    private async Task<(Dictionary<Guid, string> Paths, double Seconds, Measurement? Busy)> IngestAsync(
        ServiceProvider provider, string slug, string root, IReadOnlyList<string> files, string collectionName, int workers,
        Func<CancellationToken, Task>? probe, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var paths = new Dictionary<Guid, string>();
        await using (var scope = await EnterAsync(provider, slug, ct))
        {
            var collections = scope.ServiceProvider.GetRequiredService<KnowledgeCollectionService>();
            var existing = (await collections.ListAsync(ct)).FirstOrDefault(c => c.Name == collectionName);
            var collectionId = existing?.Id ?? (await collections.CreateAsync(new CollectionInput(collectionName), ct)).Value!.Id;
            var ingest = scope.ServiceProvider.GetRequiredService<KnowledgeIngestService>();
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(root, file), ct);
                using var stream = new MemoryStream(bytes);
                var added = await ingest.UploadAsync(new UploadFile(file, null, stream, bytes.Length), new NewItemOptions(collectionId), ct);
                if (!added.Succeeded) throw new InvalidOperationException($"upload of {file} refused: {added.Message}");
                paths[added.Value!.Item.Id] = file;
            }
        }
        Console.WriteLine($"  uploaded {files.Count} files in {clock.Elapsed.TotalSeconds:N1} s; processing with {workers} workers");

        using var probing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var probeTask = probe is null ? Task.FromResult<Measurement?>(null) : ProbeUntilCancelledAsync(probe, probing.Token);
        var failures = new ConcurrentBag<string>();
        var done = 0;
        var progress = Stopwatch.StartNew();
        await Parallel.ForEachAsync(queue.Drain(), new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, async (job, token) =>
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<KnowledgeIngestionJob>().ProcessAsync(job.WorkspaceId, job.ItemId, token);
            var n = Interlocked.Increment(ref done);
            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                progress.Restart();
                Console.WriteLine($"  processed {n}/{files.Count} after {clock.Elapsed.TotalSeconds:N0} s");
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        await probing.CancelAsync();
        var busy = await probeTask;
        var workspaceId = (await database.LookUpAsync(slug, ct)).WorkspaceId;
        await foreach (var failed in FailedAsync(workspaceId, ct)) failures.Add(failed);
        if (!failures.IsEmpty) Console.WriteLine($"  {failures.Count} items failed: {string.Join("; ", failures.Take(5))}");
        return (paths, seconds, busy);
    }

    // --- search at scale ---------------------------------------------------------------------------------------------

    private async Task RunSearchScaleAsync(ServiceProvider provider, List<Measurement> results, List<string> notes, CancellationToken ct)
    {
        var workspaceId = await PrepareWorkspaceAsync(ScaleSlug, ct);
        var sourceId = (await database.LookUpAsync(RetrievalSlug, ct)).WorkspaceId;
        var chunks = await CountChunksAsync(workspaceId, ct);
        if (chunks < ScaleChunks)
        {
            var clock = Stopwatch.StartNew();
            await ScaleChunksSynthesizer.FillAsync(database.SuperuserConnectionString, sourceId, workspaceId, ownerId, ScaleChunks, ct);
            Console.WriteLine($"search: synthesised {ScaleChunks:N0} chunks in '{ScaleSlug}' from '{RetrievalSlug}' in {clock.Elapsed.TotalSeconds:N0} s");
        }
        var total = await CountAllChunksAsync(ct);
        await using var scope = await EnterAsync(provider, ScaleSlug, ct);
        var search = scope.ServiceProvider.GetRequiredService<KnowledgeSearchService>();
        var cold = Stopwatch.StartNew();
        var first = await search.SearchAsync(new KnowledgeSearchRequest("warm the index", K: 10), ct);
        if (!first.Succeeded) throw new InvalidOperationException(first.Message);
        var coldMs = cold.Elapsed.TotalMilliseconds;
        var questions = RetrievalQuestions.All;
        var searched = 0;
        foreach (var mode in new[] { RetrievalMode.Hybrid, RetrievalMode.Vector, RetrievalMode.FullText })
        {
            var name = mode == RetrievalMode.Hybrid ? "knowledge search hybrid @100k chunks" : $"knowledge search {mode.ToString().ToLowerInvariant()} @100k chunks";
            results.Add(await Measurement.RunAsync(name, Math.Min(20, questions.Length), Math.Max(iterations, questions.Length), async i =>
            {
                var found = await search.SearchAsync(new KnowledgeSearchRequest(questions[i % questions.Length].Text, K: 10, Mode: mode), ct);
                searched = found.Value!.ChunksSearched;
            }, () => $"{searched:N0} chunks in the workspace, {total:N0} chunks in all workspaces; query embedding included"));
        }
        notes.Add($"search index cold load of {searched:N0} chunks (first search after start): {coldMs:N0} ms; {GC.GetTotalMemory(false) / 1024 / 1024:N0} MB managed heap after loading");
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private async Task<Guid> PrepareWorkspaceAsync(string slug, CancellationToken ct)
    {
        await database.SeedAsync(slug, 10, ct);
        var (id, _) = await database.LookUpAsync(slug, ct);
        await new BenchMembers(database.AppConnectionString).EnsureOwnerAsync(id, ownerId, ct);
        return id;
    }

    private async Task<AsyncServiceScope> EnterAsync(ServiceProvider provider, string slug, CancellationToken ct)
    {
        var scope = provider.CreateAsyncScope();
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, ownerId, ct);
        if (!entered.Succeeded) throw new InvalidOperationException($"cannot enter '{slug}': {entered.Message}");
        return scope;
    }

    private static async Task<Measurement> ProbeAsync(Func<CancellationToken, Task> probe, TimeSpan duration, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(duration);
        return (await ProbeUntilCancelledAsync(probe, stop.Token))!;
    }

    /// <summary>Times <paramref name="probe"/> every 200 ms until cancelled, like a person clicking around.</summary>
    private static async Task<Measurement?> ProbeUntilCancelledAsync(Func<CancellationToken, Task> probe, CancellationToken ct)
    {
        var samples = new List<double>();
        while (!ct.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await probe(ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            samples.Add(clock.Elapsed.TotalMilliseconds);
            try
            {
                await Task.Delay(200, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        samples.Sort();
        return samples.Count == 0 ? null : new Measurement("library page", samples, $"{samples.Count} samples");
    }

    /// <summary>Words of the page's text (inline style and script blocks, which these manuals carry, left out).</summary>
    private static int CountWords(string html)
    {
        var visible = System.Text.RegularExpressions.Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ",
            System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var text = System.Text.RegularExpressions.Regex.Replace(visible, "<[^>]*>", " ");
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private async Task<long> ScalarAsync(string sql, Guid? workspaceId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        if (workspaceId is { } id) command.Parameters.AddWithValue("w", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<long> CountReadyAsync(Guid workspaceId, CancellationToken ct) =>
        ScalarAsync("SELECT count(*) FROM knowledge_items WHERE workspace_id = @w AND status = 'ready'", workspaceId, ct);

    private Task<long> CountChunksAsync(Guid workspaceId, CancellationToken ct) =>
        ScalarAsync("SELECT count(*) FROM knowledge_chunks WHERE workspace_id = @w", workspaceId, ct);

    private Task<long> CountAllChunksAsync(CancellationToken ct) => ScalarAsync("SELECT count(*) FROM knowledge_chunks", null, ct);

    private Task<long> SumTokensAsync(Guid workspaceId, CancellationToken ct) =>
        ScalarAsync("SELECT coalesce(sum(token_count), 0) FROM knowledge_chunks WHERE workspace_id = @w", workspaceId, ct);

    private Task<long> ClearWorkspaceAsync(Guid workspaceId, CancellationToken ct) =>
        ScalarAsync("WITH d AS (DELETE FROM knowledge_items WHERE workspace_id = @w RETURNING 1) SELECT count(*) FROM d", workspaceId, ct);

    private async IAsyncEnumerable<string> FailedAsync(Guid workspaceId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT coalesce(file_name, title) || ': ' || coalesce(processing_error, '') FROM knowledge_items WHERE workspace_id = @w AND status = 'failed'", connection);
        command.Parameters.AddWithValue("w", workspaceId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return reader.GetString(0);
    }

    /// <summary>Collects what the upload service enqueues, for this process's workers to run.</summary>
    private sealed class BenchIngestionQueue : IKnowledgeIngestionQueue
    {
        private ConcurrentQueue<(Guid WorkspaceId, Guid ItemId)> pending = new();

        public void Enqueue(Guid workspaceId, Guid itemId) => pending.Enqueue((workspaceId, itemId));

        public void EnqueueReembed(Guid workspaceId)
        {
        }

        public IEnumerable<(Guid WorkspaceId, Guid ItemId)> Drain()
        {
            var taken = Interlocked.Exchange(ref pending, new ConcurrentQueue<(Guid, Guid)>());
            return taken.ToArray();
        }
    }
}
