using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Work.Attachments;
using GalaxyCo.Domain.Workspaces;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// What the Work area serves outside pages: task attachment upload, download and delete.
/// The workspace and membership are resolved as pages resolve them (WorkspaceScope); a workspace the person is not in,
/// and a task or file of another workspace, answer 404; a missing permission 403; all as RFC 7807 problem details.
/// Uploads are streamed (multipart read section by section, never buffered whole) and need the antiforgery token in the
/// RequestVerificationToken header, so another site cannot post files with the person's cookie.
/// Downloads are served with nosniff and a sandbox CSP, and only raster images inline: an uploaded page never runs here.
/// </summary>
internal static class WorkEndpoints
{
    public const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>Room for the multipart boundaries and headers around the file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static void MapWorkEndpoints(this WebApplication app)
    {
        var attachments = app.MapGroup("/w/{slug}/work/tasks/{taskId:guid}/attachments").RequireAuthorization();
        attachments.MapPost("", UploadAsync).DisableAntiforgery(); // validated below from the header, before the body is read
        attachments.MapGet("/{fileId}", DownloadAsync);
        attachments.MapDelete("/{fileId}", DeleteAsync).DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(string slug, Guid taskId, HttpContext http, WorkspaceScope scope, TenantContext tenant,
        TaskAttachmentService attachments, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (await EnterAsync(slug, http, scope, tenant, ct) is { } denied) return denied;
        if (await CheckAntiforgeryAsync(http, antiforgery) is { } forged) return forged;
        if (!attachments.CanWrite) return Problem(StatusCodes.Status403Forbidden, "Upload not allowed", "You can't add files to tasks in this workspace.");

        var limit = attachments.MaxFileBytes;
        if (http.Request.ContentLength is { } length && length > limit + MultipartOverhead)
            return Problem(StatusCodes.Status413PayloadTooLarge, "File too big", $"Files can be up to {TaskAttachmentService.FormatSize(limit)}.");
        // Kestrel's own cap follows ours, so a body longer than it claims is cut off too.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + MultipartOverhead;

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send multipart/form-data", "Post the file as multipart/form-data with one file part.");

        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()) continue;
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                var result = await attachments.UploadAsync(taskId, fileName, section.Body, ct);
                if (!result.Succeeded) return FromResult(result);
                return Results.Created(result.Value!.DownloadUrl, result.Value);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "File too big", $"Files can be up to {TaskAttachmentService.FormatSize(limit)}.");
        }
        catch (InvalidDataException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unreadable upload", e.Message);
        }
        return Problem(StatusCodes.Status400BadRequest, "No file", "The request has no file part.");
    }

    private static async Task<IResult> DownloadAsync(string slug, Guid taskId, string fileId, HttpContext http, WorkspaceScope scope,
        TenantContext tenant, TaskAttachmentService attachments, CancellationToken ct)
    {
        if (await EnterAsync(slug, http, scope, tenant, ct) is { } denied) return denied;
        var opened = await attachments.OpenAsync(taskId, fileId, ct);
        if (!opened.Succeeded) return FromResult(opened);
        var file = opened.Value!;
        var inline = file.Inline && !string.Equals(http.Request.Query["download"], "1", StringComparison.Ordinal);

        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers[HeaderNames.CacheControl] = "private, no-cache";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return Results.File(file.Content, file.ContentType, enableRangeProcessing: true);
    }

    private static async Task<IResult> DeleteAsync(string slug, Guid taskId, string fileId, HttpContext http, WorkspaceScope scope,
        TenantContext tenant, TaskAttachmentService attachments, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (await EnterAsync(slug, http, scope, tenant, ct) is { } denied) return denied;
        if (await CheckAntiforgeryAsync(http, antiforgery) is { } forged) return forged;
        var deleted = await attachments.DeleteAsync(taskId, fileId, ct);
        return deleted.Succeeded ? Results.NoContent() : FromResult(deleted);
    }

    private static async Task<IResult?> EnterAsync(string slug, HttpContext http, WorkspaceScope scope, TenantContext tenant, CancellationToken ct)
    {
        if (http.User.UserId() is not { } userId) return Results.Unauthorized();
        tenant.Actor = new AuditActor(http.User.Identity?.Name, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
        var entered = await scope.EnterAsync(slug, userId, ct);
        return entered.Succeeded ? null : Problem(StatusCodes.Status404NotFound, "Workspace not found", "It may not exist, or you're not a member of it.");
    }

    /// <summary>The token must come in the header: reading a form field would mean buffering the upload first.</summary>
    private static async Task<IResult?> CheckAntiforgeryAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (string.IsNullOrEmpty(http.Request.Headers[AntiforgeryHeader]))
            return Problem(StatusCodes.Status400BadRequest, "Antiforgery token missing", $"Send the page's antiforgery token in the {AntiforgeryHeader} header.");
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Antiforgery token invalid", "Reload the page and try again.");
        }
    }

    private static IResult FromResult(Result result) => result.Status switch
    {
        ResultStatus.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", result.Message),
        ResultStatus.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", result.Message),
        ResultStatus.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", result.Message),
        _ => Results.ValidationProblem(
            result.FieldErrors.ToDictionary(e => e.Key, e => new[] { e.Value }),
            detail: result.Message, title: "The file was not accepted"),
    };

    private static IResult Problem(int status, string title, string? detail) => Results.Problem(title: title, detail: detail, statusCode: status);
}
