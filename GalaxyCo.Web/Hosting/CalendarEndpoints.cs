using System.Text;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Workspaces;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// What the calendar serves outside pages: an event's .ics download for members (GET /w/{slug}/calendar/events/{id}.ics),
/// and the private subscription feed (GET /calendar/feed/{token}.ics), anonymous and authenticated by its secret token
/// alone, which calendar apps poll. Import happens in the calendar settings page. Errors are RFC 7807 problem details;
/// another workspace's event, and an unknown or revoked token, are 404 with nothing more said.
/// </summary>
internal static class CalendarEndpoints
{
    /// <summary>How long a calendar app (or a proxy in between) may reuse a feed before asking again.</summary>
    public static readonly TimeSpan FeedMaxAge = TimeSpan.FromMinutes(15);

    public static void MapCalendarEndpoints(this WebApplication app)
    {
        app.MapGet("/w/{slug}/calendar/events/{id:guid}.ics", DownloadEventAsync).RequireAuthorization();
        app.MapGet("/calendar/feed/{token}.ics", FeedAsync).AllowAnonymous();
    }

    private static async Task<IResult> DownloadEventAsync(string slug, Guid id, HttpContext http, WorkspaceScope scope, TenantContext tenant,
        CalendarIcsService ics, CancellationToken ct)
    {
        if (http.User.UserId() is not { } userId) return Results.Unauthorized();
        tenant.Actor = new AuditActor(http.User.Identity?.Name, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
        var entered = await scope.EnterAsync(slug, userId, ct);
        if (!entered.Succeeded) return Problem(StatusCodes.Status404NotFound, "Workspace not found", "It may not exist, or you're not a member of it.");
        var file = await ics.ExportEventAsync(id, ct);
        if (!file.Succeeded)
        {
            return file.Status == ResultStatus.Forbidden
                ? Problem(StatusCodes.Status403Forbidden, "Not allowed", file.Message)
                : Problem(StatusCodes.Status404NotFound, "Event not found", "It may have been deleted, or it belongs to another workspace.");
        }
        // A member's own download: never kept by a shared cache.
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(Encoding.UTF8.GetBytes(file.Value!.Content), IcsFile.ContentType, file.Value.FileName);
    }

    private static async Task<IResult> FeedAsync(string token, HttpContext http, CalendarFeedService feeds, CancellationToken ct)
    {
        // The secret is the whole credential: keep it out of referrers and search engines.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return FeedNotFound();
        var feed = await feeds.RenderFeedAsync(token, ct);
        if (!feed.Succeeded) return FeedNotFound();

        var bytes = Encoding.UTF8.GetBytes(feed.Value!.Content);
        var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..32]}\"";
        // Private: the feed is one person's calendar; a short max-age lets apps poll without hammering the database.
        http.Response.Headers.CacheControl = $"private, max-age={(int)FeedMaxAge.TotalSeconds}";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v == etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(bytes, IcsFile.ContentType);
    }

    /// <summary>Unknown, malformed and revoked tokens look the same.</summary>
    private static IResult FeedNotFound() => Problem(StatusCodes.Status404NotFound, "Feed not found", "This calendar address does not exist or was revoked.");

    private static IResult Problem(int status, string title, string? detail) => Results.Problem(title: title, detail: detail, statusCode: status);
}
