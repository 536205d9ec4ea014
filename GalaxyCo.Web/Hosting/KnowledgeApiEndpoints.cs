using System.Text.Json;
using System.Text.Json.Serialization;
using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Integrations.AccessTokens;
using GalaxyCo.Domain.Knowledge;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Knowledge.Search;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// The knowledge library's JSON API under /api/w/{slug}/knowledge, for scripts and other tools. Authenticated only by a
/// personal access token (Authorization: Bearer gxp_…; cookies are ignored, so no antiforgery), acting as the token's
/// member with their role, capped by the token's scope. Errors are RFC 7807 problems: 401 missing/bad/revoked/expired
/// token, 403 a read-only token or a role that may not write, 404 a workspace the token is not valid in or another
/// workspace's item, 400 validation (field errors), 413 a body over Knowledge:MaxUploadBytes.
/// </summary>
internal static class KnowledgeApiEndpoints
{
    public const int MaxTake = 200;
    public const int MaxK = 50;

    /// <summary>Multipart framing around the files (boundaries, part headers, small fields) on top of the file limit.</summary>
    private const long MultipartOverhead = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void MapKnowledgeApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/w/{slug}/knowledge").DisableAntiforgery().AllowAnonymous();
        api.MapPost("/items", AddAsync);
        api.MapGet("/items", ListAsync);
        api.MapGet("/items/{id:guid}", GetAsync);
        api.MapGet("/search", SearchAsync);
        api.MapPost("/ask", AskAsync);
    }

    private static async Task<IResult> AddAsync(string slug, HttpContext http, AccessTokenAuthenticator tokens, TenantContext tenant,
        KnowledgeIngestService ingest, IOptions<KnowledgeOptions> options, CancellationToken ct)
    {
        if (await AuthenticateAsync(slug, http, tokens, tenant, needsWrite: true, ct) is { } denied) return denied;
        var limit = options.Value.MaxUploadBytes;
        var request = http.Request;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + MultipartOverhead;
        if (request.ContentLength > limit + MultipartOverhead) return TooLarge(limit);
        try
        {
            if (request.HasFormContentType) return await AddFilesAsync(http, ingest, limit, ct);
            if (request.HasJsonContentType()) return await AddJsonAsync(http, ingest, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The multipart reader's own length limits.
            return TooLarge(limit);
        }
        return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
            "Send multipart/form-data with one or more files, or JSON {\"title\", \"markdown\"} or {\"url\"}.");
    }

    private static async Task<IResult> AddFilesAsync(HttpContext http, KnowledgeIngestService ingest, long limit, CancellationToken ct)
    {
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
        {
            MultipartBodyLengthLimit = limit + MultipartOverhead,
            ValueCountLimit = 100,
        }));
        var form = await http.Request.ReadFormAsync(ct);
        var errors = new Dictionary<string, string[]>();
        Guid? collectionId = null;
        if (form["collectionId"].ToString() is { Length: > 0 } c)
        {
            if (Guid.TryParse(c, out var g)) collectionId = g;
            else errors["collectionId"] = ["Not a collection id."];
        }
        if (form.Files.Count == 0) errors["file"] = ["Attach at least one file (form field \"file\")."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        if (form.Files.Any(f => f.Length > limit)) return TooLarge(limit);
        var tags = SplitTags(form["tags"]);
        var title = form.Files.Count == 1 && form["title"].ToString() is { Length: > 0 } t ? t : null;

        var results = new List<ApiFileResult>();
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            var added = await ingest.UploadAsync(new UploadFile(file.FileName, file.ContentType, stream, file.Length), new NewItemOptions(collectionId, tags, title), ct);
            if (added.Succeeded)
                results.Add(new ApiFileResult(file.FileName, added.Value!.IsDuplicate ? "duplicate" : "added", ToApi(added.Value.Item), null));
            else if (added.Status is ResultStatus.Forbidden or ResultStatus.NotFound && results.Count == 0 && form.Files.Count == 1)
                return FromFailure(added);
            else
                results.Add(new ApiFileResult(file.FileName, "refused", null, added.Message));
        }
        if (results.All(r => r.Status == "refused"))
        {
            var refused = results.Select((r, i) => (Key: form.Files.Count == 1 ? "file" : $"file[{i}]", r.Error ?? "Refused."))
                .ToDictionary(p => p.Key, p => new[] { p.Item2 });
            return Results.ValidationProblem(refused, title: "No file was added");
        }
        var body = new ApiUploadResponse(results);
        return results.Any(r => r.Status == "added") ? Results.Json(body, Json, statusCode: StatusCodes.Status201Created) : Results.Json(body, Json);
    }

    private static async Task<IResult> AddJsonAsync(HttpContext http, KnowledgeIngestService ingest, CancellationToken ct)
    {
        ApiNewItem? input;
        try
        {
            input = await http.Request.ReadFromJsonAsync<ApiNewItem>(Json, ct);
        }
        catch (JsonException)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is not valid JSON."] });
        }
        if (input is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON object."] });
        var options = new NewItemOptions(input.CollectionId, input.Tags, input.Title);
        Result<AddedItem> added;
        if (!string.IsNullOrWhiteSpace(input.Url) && input.Markdown is null) added = await ingest.AddUrlAsync(input.Url, options, ct);
        else if (input.Markdown is not null && string.IsNullOrWhiteSpace(input.Url)) added = await ingest.AddTextAsync(new TextItemInput(input.Title ?? "", input.Markdown), options, ct);
        else return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send either {\"title\", \"markdown\"} or {\"url\"}."] });
        if (!added.Succeeded) return FromFailure(added);
        return Results.Json(new ApiAdded(ToApi(added.Value!.Item), added.Value.IsDuplicate), Json,
            statusCode: added.Value.IsDuplicate ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(string slug, HttpContext http, AccessTokenAuthenticator tokens, TenantContext tenant,
        KnowledgeItemService items, CancellationToken ct)
    {
        if (await AuthenticateAsync(slug, http, tokens, tenant, needsWrite: false, ct) is { } denied) return denied;
        var q = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var collection = ParseGuid(q, "collection", errors);
        var type = ParseEnum<KnowledgeItemType>(q, "type", errors);
        var status = ParseEnum<KnowledgeItemStatus>(q, "status", errors);
        var favorite = ParseBool(q, "favorite", errors);
        var archived = Text(q, "archived")?.ToLowerInvariant();
        if (archived is not (null or "include" or "only" or "exclude")) errors["archived"] = ["Use include, only or exclude."];
        var sort = ParseEnum<KnowledgeSort>(q, "sort", errors) ?? KnowledgeSort.Updated;
        var descending = ParseBool(q, "desc", errors) ?? true;
        var skip = ParseInt(q, "skip", 0, 0, int.MaxValue, errors);
        var take = ParseInt(q, "take", 50, 1, MaxTake, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var page = await items.ListAsync(new KnowledgeItemQuery(collection, type, status, Text(q, "tag"), favorite,
            IncludeArchived: archived is "include" or "only", ArchivedOnly: archived == "only", Search: Text(q, "q"),
            Sort: sort, Descending: descending, Skip: skip, Take: take), ct);
        return Results.Json(new ApiItemPage(page.Items.Select(ToApi).ToList(), page.Total, skip, take), Json);
    }

    private static async Task<IResult> GetAsync(string slug, Guid id, HttpContext http, AccessTokenAuthenticator tokens, TenantContext tenant,
        KnowledgeItemService items, CancellationToken ct)
    {
        if (await AuthenticateAsync(slug, http, tokens, tenant, needsWrite: false, ct) is { } denied) return denied;
        var found = await items.GetAsync(id, ct);
        if (!found.Succeeded) return FromFailure(found, "Item not found");
        var d = found.Value!;
        return Results.Json(new ApiItemDetails(ToApi(d.Item), d.Content, d.Summary, d.SummaryIsExtract, d.ContentType, d.Language,
            d.EmbeddingsModel, d.ProcessedAt, d.DuplicateOf, d.HasOriginal), Json);
    }

    private static async Task<IResult> SearchAsync(string slug, HttpContext http, AccessTokenAuthenticator tokens, TenantContext tenant,
        KnowledgeSearchService search, CancellationToken ct)
    {
        if (await AuthenticateAsync(slug, http, tokens, tenant, needsWrite: false, ct) is { } denied) return denied;
        var q = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var k = ParseInt(q, "k", 10, 1, MaxK, errors);
        var mode = ParseEnum<RetrievalMode>(q, "mode", errors) ?? RetrievalMode.Hybrid;
        var filter = ParseFilter(q, errors);
        if (Text(q, "q") is not { } query) errors["q"] = ["Enter what to search for (?q=…)."];
        else if (errors.Count == 0)
        {
            var found = await search.SearchAsync(new KnowledgeSearchRequest(query, k, filter, mode), ct);
            if (!found.Succeeded) return FromFailure(found);
            var r = found.Value!;
            return Results.Json(new ApiSearchResults(r.Query, r.Mode, r.EmbeddingsModel, r.ChunksSearched, Math.Round(r.Elapsed.TotalMilliseconds, 1),
                r.Hits.Select(ToApi).ToList()), Json);
        }
        return Results.ValidationProblem(errors);
    }

    private static async Task<IResult> AskAsync(string slug, HttpContext http, AccessTokenAuthenticator tokens, TenantContext tenant,
        KnowledgeAskService ask, CancellationToken ct)
    {
        if (await AuthenticateAsync(slug, http, tokens, tenant, needsWrite: false, ct) is { } denied) return denied;
        if (!http.Request.HasJsonContentType())
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Send JSON {\"question\": \"…\", \"k\": 6}.");
        ApiAskRequest? input;
        try
        {
            input = await http.Request.ReadFromJsonAsync<ApiAskRequest>(Json, ct);
        }
        catch (JsonException)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is not valid JSON."] });
        }
        if (input is null || string.IsNullOrWhiteSpace(input.Question))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["question"] = ["Ask a question."] });
        if (input.K is < 1 or > MaxK) return Results.ValidationProblem(new Dictionary<string, string[]> { ["k"] = [$"Use 1 to {MaxK}."] });
        var filter = input.CollectionId is null && input.Tag is null ? null : new KnowledgeFilter(CollectionId: input.CollectionId, Tag: input.Tag);
        var answered = await ask.AskAsync(new KnowledgeAskRequest(input.Question, input.K ?? 6, filter), ct);
        if (!answered.Succeeded) return FromFailure(answered);
        var a = answered.Value!;
        return Results.Json(new ApiAnswer(a.Question, a.Answer, a.IsExtractive, a.Model,
            a.Citations.Select(c => new ApiCitation(c.Number, ToApi(c.Hit))).ToList()), Json);
    }

    /// <summary>Null when the token is good (tenant and member set), else the problem to answer.</summary>
    private static async Task<IResult?> AuthenticateAsync(string slug, HttpContext http, AccessTokenAuthenticator tokens, TenantContext tenant,
        bool needsWrite, CancellationToken ct)
    {
        // The API never answers from a shared cache: each answer is for one token's member.
        http.Response.Headers.CacheControl = "private, no-store";
        tenant.Actor = new AuditActor(null, http.Connection.RemoteIpAddress?.ToString(), Truncate(http.Request.Headers.UserAgent.ToString(), 300));
        string? bearer = null;
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) bearer = header["Bearer ".Length..].Trim();
        var result = await tokens.AuthenticateAsync(slug, bearer, needsWrite, ct);
        if (result.Succeeded) return null;
        if (result.Status == ResultStatus.Invalid)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"GalaxyCo\"";
            return Problem(StatusCodes.Status401Unauthorized, "Authentication required", result.Message);
        }
        return FromFailure(result, "Workspace not found");
    }

    private static IResult FromFailure(Result failure, string notFoundTitle = "Not found") => failure.Status switch
    {
        ResultStatus.Invalid => Results.ValidationProblem(failure.FieldErrors.ToDictionary(e => e.Key, e => new[] { e.Value }), detail: failure.Message),
        ResultStatus.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", failure.Message),
        ResultStatus.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", failure.Message),
        _ => Problem(StatusCodes.Status404NotFound, notFoundTitle, failure.Message),
    };

    private static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"Each upload may be at most {limit / (1024 * 1024)} MB.");

    private static IResult Problem(int status, string title, string? detail) => Results.Problem(title: title, detail: detail, statusCode: status);

    private static string? Text(IQueryCollection q, string key) =>
        q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

    private static Guid? ParseGuid(IQueryCollection q, string key, Dictionary<string, string[]> errors)
    {
        if (Text(q, key) is not { } s) return null;
        if (Guid.TryParse(s, out var g)) return g;
        errors[key] = ["Not a valid id."];
        return null;
    }

    private static T? ParseEnum<T>(IQueryCollection q, string key, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (Text(q, key) is not { } s) return null;
        if (!int.TryParse(s, out _) && Enum.TryParse<T>(s.Replace("-", "", StringComparison.Ordinal), true, out var value)) return value;
        errors[key] = [$"Use one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}."];
        return null;
    }

    private static bool? ParseBool(IQueryCollection q, string key, Dictionary<string, string[]> errors)
    {
        if (Text(q, key) is not { } s) return null;
        if (bool.TryParse(s, out var b)) return b;
        errors[key] = ["Use true or false."];
        return null;
    }

    private static int ParseInt(IQueryCollection q, string key, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (Text(q, key) is not { } s) return fallback;
        if (int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors[key] = [$"Use a whole number from {min} to {max}."];
        return fallback;
    }

    private static KnowledgeFilter? ParseFilter(IQueryCollection q, Dictionary<string, string[]> errors)
    {
        var collection = ParseGuid(q, "collection", errors);
        var type = ParseEnum<KnowledgeItemType>(q, "type", errors);
        var favorite = ParseBool(q, "favorite", errors);
        var tag = Text(q, "tag");
        return collection is null && type is null && favorite is null && tag is null ? null : new KnowledgeFilter(collection, type, tag, favorite);
    }

    private static List<string>? SplitTags(Microsoft.Extensions.Primitives.StringValues values)
    {
        var tags = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return tags.Count == 0 ? null : tags;
    }

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;

    private static ApiItem ToApi(KnowledgeItemSummary i) => new(i.Id, i.Title, i.Type, i.Status, i.FileName, i.FileSize, i.SourceUrl,
        i.CollectionId, i.CollectionName, i.Tags, i.IsFavorite, i.IsArchived, i.ProcessingError, i.ChunkCount, i.CreatedAt, i.UpdatedAt);

    private static ApiHit ToApi(KnowledgeHit h) => new(h.ItemId, h.ChunkId, h.Title, h.FileName, h.Type, h.HeadingPath, h.PageNumber, h.Position,
        h.Passage, new ApiScores(h.FusedRank, h.FusedScore, h.FullTextRank, h.FullTextScore, h.VectorRank, h.VectorSimilarity));

    // The API's own shapes: stable for clients whatever the services' records gain, enums as camelCase strings.
    internal sealed record ApiItem(
        Guid Id, string Title, KnowledgeItemType Type, KnowledgeItemStatus Status, string? FileName, int? FileSize, string? SourceUrl,
        Guid? CollectionId, string? CollectionName, IReadOnlyList<string> Tags, bool IsFavorite, bool IsArchived, string? ProcessingError,
        int ChunkCount, DateTime CreatedAt, DateTime UpdatedAt);

    internal sealed record ApiItemDetails(
        ApiItem Item, string? Content, string? Summary, bool SummaryIsExtract, string? ContentType, string Language, string? EmbeddingsModel,
        DateTime? ProcessedAt, Guid? DuplicateOf, bool HasOriginal);

    internal sealed record ApiItemPage(IReadOnlyList<ApiItem> Items, int Total, int Skip, int Take);

    internal sealed record ApiFileResult(string FileName, string Status, ApiItem? Item, string? Error);

    internal sealed record ApiUploadResponse(IReadOnlyList<ApiFileResult> Results);

    internal sealed record ApiAdded(ApiItem Item, bool Duplicate);

    internal sealed record ApiNewItem(string? Title, string? Markdown, string? Url, Guid? CollectionId, List<string>? Tags);

    internal sealed record ApiScores(int FusedRank, double FusedScore, int? FullTextRank, double? FullTextScore, int? VectorRank, double? VectorSimilarity);

    internal sealed record ApiHit(
        Guid ItemId, Guid ChunkId, string Title, string? FileName, KnowledgeItemType Type, string? HeadingPath, int? PageNumber, int Position,
        string Passage, ApiScores Scores);

    internal sealed record ApiSearchResults(string Query, RetrievalMode Mode, string EmbeddingsModel, int ChunksSearched, double ElapsedMs, IReadOnlyList<ApiHit> Results);

    internal sealed record ApiAskRequest(string? Question, int? K, Guid? CollectionId, string? Tag);

    internal sealed record ApiCitation(int Number, ApiHit Passage);

    internal sealed record ApiAnswer(string Question, string Answer, bool IsExtractive, string? Model, IReadOnlyList<ApiCitation> Citations);
}
