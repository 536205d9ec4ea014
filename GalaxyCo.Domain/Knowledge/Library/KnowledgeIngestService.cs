using System.Buffers;
using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Domain.Integrations.Webhooks;
using GalaxyCo.Domain.Knowledge.Extraction;
using GalaxyCo.Domain.Knowledge.Ingestion;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Knowledge.Library;

/// <summary>
/// Adds items to the library: uploaded files, Markdown written in the app and web pages. Each is checked up front
/// (size, empty, real type sniffed from the bytes, SSRF rules for URLs), saved as "processing" with its original in one
/// transaction, and handed to the background pipeline after the commit. The same content twice (SHA-256) answers the
/// existing item instead of saving a copy.
/// </summary>
public sealed class KnowledgeIngestService(
    IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, IKnowledgeIngestionQueue queue, WebhookUrlGuard guard,
    IOptions<KnowledgeOptions> options)
{
    public const int MaxUrlLength = 2000;

    private const string ForbiddenMessage = "You can't add to the library in this workspace.";

    private static readonly HashSet<string> DocumentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/markdown", "text/html", "text/plain",
    };

    private readonly KnowledgeOptions _options = options.Value;

    public async Task<Result<AddedItem>> UploadAsync(UploadFile file, NewItemOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        if (!member.Can(Permissions.RecordsWrite)) return Result<AddedItem>.From(Result.Forbidden(ForbiddenMessage));
        var fileName = CleanFileName(file.FileName);
        var limit = _options.MaxUploadBytes;
        if (file.Length > limit) return TooLarge(fileName);
        // Never trust the declared length: read at most one byte past the limit, so a lying or endless stream costs
        // no more memory than an accepted file.
        var bytes = await ReadAtMostAsync(file.Content, limit + 1, file.Length, ct);
        if (bytes.Length > limit) return TooLarge(fileName);
        if (bytes.Length == 0) return Invalid("file", $"{fileName} is empty.");
        var contentType = DocumentExtractor.DetectContentType(bytes.AsSpan(0, Math.Min(bytes.Length, 8192)), fileName);
        var type = contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? KnowledgeItemType.Image
            : DocumentTypes.Contains(BaseType(contentType)) ? KnowledgeItemType.Document
            : (KnowledgeItemType?)null;
        if (type is null)
            return Invalid("file", $"{fileName}: this type of file is not supported. Add PDF, Word (.docx), Markdown, HTML, text or image files.");

        var hash = KnowledgeLibraryRules.Sha256Hex(bytes);
        await using var db = await factory.CreateDbContextAsync(ct);
        var (tags, invalid) = await CheckOptionsAsync(db, options, ct);
        if (invalid is not null) return Result<AddedItem>.From(invalid);
        if (await KnowledgeLibraryRules.FindDuplicateAsync(db, hash, ct) is { } existing)
            return new AddedItem(KnowledgeLibraryRules.ToSummary(existing, existing.Collection?.Name), IsDuplicate: true);

        var item = new KnowledgeItem
        {
            Title = KnowledgeLibraryRules.Clip(options.Title?.Trim() is { Length: > 0 } title ? title : TitleFromFileName(fileName), KnowledgeLibraryRules.MaxTitleLength),
            Type = type.Value, Status = KnowledgeItemStatus.Processing, FileName = fileName, FileSize = bytes.Length,
            ContentType = contentType, ContentHash = hash, CollectionId = options.CollectionId, Tags = tags, CreatedBy = member.UserId,
        };
        db.KnowledgeItems.Add(item);
        db.KnowledgeItemFiles.Add(new KnowledgeItemFile { Id = item.Id, Content = bytes, ContentType = contentType, FileName = fileName });
        // One SaveChanges is one transaction: the item never exists without its original.
        await db.SaveChangesAsync(ct);
        queue.Enqueue(member.WorkspaceId, item.Id);
        return new AddedItem(await KnowledgeLibraryRules.SummaryAsync(db, item, ct), IsDuplicate: false);
    }

    public async Task<Result<AddedItem>> AddTextAsync(TextItemInput input, NewItemOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (!member.Can(Permissions.RecordsWrite)) return Result<AddedItem>.From(Result.Forbidden(ForbiddenMessage));
        var errors = new Dictionary<string, string>();
        if (KnowledgeLibraryRules.CheckTitle(input.Title) is { } titleError) errors["title"] = titleError;
        var markdown = (input.Markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(markdown)) errors["markdown"] = "Write some text.";
        else if (markdown.Length > _options.MaxExtractedChars) errors["markdown"] = $"The text is longer than {_options.MaxExtractedChars:N0} characters.";
        if (errors.Count > 0) return Result<AddedItem>.From(Result.Invalid(errors));

        var hash = KnowledgeLibraryRules.Sha256Hex(Encoding.UTF8.GetBytes(markdown));
        await using var db = await factory.CreateDbContextAsync(ct);
        var (tags, invalid) = await CheckOptionsAsync(db, options, ct);
        if (invalid is not null) return Result<AddedItem>.From(invalid);
        if (await KnowledgeLibraryRules.FindDuplicateAsync(db, hash, ct) is { } existing)
            return new AddedItem(KnowledgeLibraryRules.ToSummary(existing, existing.Collection?.Name), IsDuplicate: true);
        var item = new KnowledgeItem
        {
            Title = input.Title.Trim(), Type = KnowledgeItemType.Text, Status = KnowledgeItemStatus.Processing, Content = markdown,
            ContentType = "text/markdown", ContentHash = hash, CollectionId = options.CollectionId, Tags = tags, CreatedBy = member.UserId,
            FileSize = Encoding.UTF8.GetByteCount(markdown),
        };
        db.KnowledgeItems.Add(item);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(member.WorkspaceId, item.Id);
        return new AddedItem(await KnowledgeLibraryRules.SummaryAsync(db, item, ct), IsDuplicate: false);
    }

    public async Task<Result<AddedItem>> AddUrlAsync(string url, NewItemOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!member.Can(Permissions.RecordsWrite)) return Result<AddedItem>.From(Result.Forbidden(ForbiddenMessage));
        var (clean, urlError) = await CheckUrlAsync(url, ct);
        if (urlError is not null) return Invalid("url", urlError);
        if (options.Title is not null && KnowledgeLibraryRules.CheckTitle(options.Title) is { } titleError) return Invalid("title", titleError);

        await using var db = await factory.CreateDbContextAsync(ct);
        var (tags, invalid) = await CheckOptionsAsync(db, options, ct);
        if (invalid is not null) return Result<AddedItem>.From(invalid);
        var existing = await db.KnowledgeItems.AsNoTracking().Include(i => i.Collection)
            .Where(i => i.Type == KnowledgeItemType.Url && i.SourceUrl == clean && i.Status != KnowledgeItemStatus.Failed)
            .OrderBy(i => i.CreatedAt).FirstOrDefaultAsync(ct);
        if (existing is not null) return new AddedItem(KnowledgeLibraryRules.ToSummary(existing, existing.Collection?.Name), IsDuplicate: true);
        var item = new KnowledgeItem
        {
            // The page's own title replaces the address once fetched, unless one was given here.
            Title = options.Title?.Trim() is { Length: > 0 } title ? title : KnowledgeLibraryRules.Clip(clean, KnowledgeLibraryRules.MaxTitleLength),
            Type = KnowledgeItemType.Url, Status = KnowledgeItemStatus.Processing, SourceUrl = clean, CollectionId = options.CollectionId,
            Tags = tags, CreatedBy = member.UserId,
        };
        db.KnowledgeItems.Add(item);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(member.WorkspaceId, item.Id);
        return new AddedItem(await KnowledgeLibraryRules.SummaryAsync(db, item, ct), IsDuplicate: false);
    }

    /// <summary>Processes a failed item again (after a fix in the pipeline, a provider back online, ...).</summary>
    public Task<Result<KnowledgeItemSummary>> RetryAsync(Guid id, CancellationToken ct = default) =>
        RequeueAsync(id, i => i.Status == KnowledgeItemStatus.Failed ? null : "Only items that failed can be retried.", ct);

    /// <summary>Fetches a url item's page again and re-indexes it.</summary>
    public Task<Result<KnowledgeItemSummary>> ResyncAsync(Guid id, CancellationToken ct = default) =>
        RequeueAsync(id, i => i.Type != KnowledgeItemType.Url ? "Only web pages can be re-synced."
            : i.Status == KnowledgeItemStatus.Processing ? "This page is being processed already." : null, ct);

    private async Task<Result<KnowledgeItemSummary>> RequeueAsync(Guid id, Func<KnowledgeItem, string?> check, CancellationToken ct)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<KnowledgeItemSummary>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.KnowledgeItems.Include(i => i.Collection).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return Result<KnowledgeItemSummary>.From(Result.NotFound("Item"));
        if (check(item) is { } refused) return Result<KnowledgeItemSummary>.From(Result.Conflict(refused));
        item.Status = KnowledgeItemStatus.Processing;
        item.ProcessingError = null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<KnowledgeItemSummary>.From(Result.Conflict("The item changed in the meantime. Reload, then try again."));
        }
        queue.Enqueue(member.WorkspaceId, item.Id);
        return KnowledgeLibraryRules.ToSummary(item, item.Collection?.Name);
    }

    private static async Task<(List<string> Tags, Result? Invalid)> CheckOptionsAsync(GalaxyDbContext db, NewItemOptions options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (tags, tagError) = KnowledgeLibraryRules.NormalizeTags(options.Tags);
        if (tagError is not null) errors["tags"] = tagError;
        if (options.Title is { Length: > KnowledgeLibraryRules.MaxTitleLength }) errors["title"] = $"The title is at most {KnowledgeLibraryRules.MaxTitleLength} characters.";
        if (await KnowledgeLibraryRules.CheckCollectionAsync(db, options.CollectionId, ct) is { } collectionError) errors["collectionId"] = collectionError;
        return (tags, errors.Count == 0 ? null : Result.Invalid(errors));
    }

    /// <summary>http(s), no credentials, and an address the SSRF rules allow (checked again, per redirect, when fetched).</summary>
    private async Task<(string Url, string? Error)> CheckUrlAsync(string? url, CancellationToken ct)
    {
        var trimmed = url?.Trim() ?? "";
        if (trimmed.Length == 0 || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return (trimmed, "Enter a full address, e.g. https://example.com/page.");
        if (trimmed.Length > MaxUrlLength) return (trimmed, $"The address is at most {MaxUrlLength} characters.");
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return (trimmed, "Only http:// and https:// addresses can be added.");
        if (!string.IsNullOrEmpty(uri.UserInfo)) return (trimmed, "Addresses with a user name or password can't be added.");
        try
        {
            await guard.ResolveAllowedAsync(uri.IdnHost, ct);
        }
        catch (WebhookBlockedException)
        {
            return (trimmed, $"That address is on a private network or this server ({uri.Host}); the library only fetches public pages.");
        }
        return (uri.GetComponents(UriComponents.HttpRequestUrl | UriComponents.Fragment, UriFormat.UriEscaped), null);
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream stream, long max, long declared, CancellationToken ct)
    {
        using var buffer = new MemoryStream(declared > 0 && declared < max ? (int)declared : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (buffer.Length < max)
            {
                var want = (int)Math.Min(chunk.Length, max - buffer.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, want), ct);
                if (read == 0) break;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        // The declared length was right (the usual case): hand over the buffer itself instead of a second copy.
        return buffer.Length == buffer.Capacity && buffer.TryGetBuffer(out var whole) && whole.Offset == 0 && whole.Array!.Length == buffer.Length
            ? whole.Array : buffer.ToArray();
    }

    private Result<AddedItem> TooLarge(string fileName) =>
        Invalid("file", $"{fileName} is larger than {_options.MaxUploadBytes / (1024 * 1024)} MB; split it or add a smaller file.");

    private static Result<AddedItem> Invalid(string field, string message) => Result<AddedItem>.From(Result.Invalid(field, message));

    private static string BaseType(string contentType) => contentType.Split(';', 2)[0].Trim();

    private static string CleanFileName(string? name)
    {
        var clean = Path.GetFileName((name ?? "").Replace('\\', '/')).Trim();
        clean = new string(clean.Where(c => !char.IsControl(c)).ToArray());
        if (clean.Length == 0) return "file";
        return clean.Length <= 255 ? clean : clean[..200] + Path.GetExtension(clean)[..Math.Min(Path.GetExtension(clean).Length, 20)];
    }

    internal static string TitleFromFileName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName).Trim();
        return stem.Length == 0 ? fileName : stem;
    }
}
