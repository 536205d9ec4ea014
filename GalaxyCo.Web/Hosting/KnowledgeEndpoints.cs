using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Knowledge.Library;
using GalaxyCo.Domain.Workspaces;
using Microsoft.Net.Http.Headers;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// The knowledge library's downloads for signed-in people (cookie auth): the original file of an item. The workspace and
/// membership are resolved as pages resolve them; another workspace's item answers 404. The file is always served with
/// nosniff and a sandbox CSP, as an attachment — only raster images may be shown inline (the item page's picture), so an
/// uploaded HTML page or SVG can never run in our origin.
/// </summary>
internal static class KnowledgeEndpoints
{
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase) { "image/png", "image/jpeg", "image/gif", "image/webp" };

    public static void MapKnowledgeEndpoints(this WebApplication app) =>
        app.MapGet("/w/{slug}/knowledge/items/{id:guid}/original", DownloadAsync).RequireAuthorization();

    private static async Task<IResult> DownloadAsync(string slug, Guid id, HttpContext http, WorkspaceScope scope, TenantContext tenant,
        KnowledgeItemService items, CancellationToken ct)
    {
        if (http.User.UserId() is not { } userId) return Results.Unauthorized();
        tenant.Actor = new AuditActor(http.User.Identity?.Name, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
        var entered = await scope.EnterAsync(slug, userId, ct);
        if (!entered.Succeeded) return Problem(StatusCodes.Status404NotFound, "Workspace not found", "It may not exist, or you're not a member of it.");

        var original = await items.GetOriginalAsync(id, ct);
        if (original is not { Succeeded: true, Value: { } file })
        {
            return original.Status == ResultStatus.Forbidden
                ? Problem(StatusCodes.Status403Forbidden, "Not allowed", original.Message)
                : Problem(StatusCodes.Status404NotFound, "Not found", original.Message ?? "This item has no original to download.");
        }

        var inline = InlineTypes.Contains(file.ContentType) && string.Equals(http.Request.Query["inline"], "1", StringComparison.Ordinal);
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers[HeaderNames.CacheControl] = "private, no-cache";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return Results.File(file.Content, file.ContentType);
    }

    private static IResult Problem(int status, string title, string? detail) => Results.Problem(title: title, detail: detail, statusCode: status);
}
