using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Workspaces;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// Invoice files for members: GET /w/{slug}/invoices/{id}.pdf (the invoice as a PDF attachment) and
/// GET /w/{slug}/invoices/export.csv?status=&amp;search=&amp;customer=&amp;from=&amp;to=&amp;sort= (the filtered list, streamed).
/// The workspace and membership are resolved as pages resolve them (WorkspaceScope); a workspace the person is not in
/// and another workspace's invoice answer 404, a missing permission 403, both as RFC 7807 problem details.
/// </summary>
internal static class InvoiceEndpoints
{
    public static void MapInvoiceEndpoints(this WebApplication app)
    {
        app.MapGet("/w/{slug}/invoices/{id:guid}.pdf", DownloadPdfAsync).RequireAuthorization();
        app.MapGet("/w/{slug}/invoices/export.csv", ExportCsvAsync).RequireAuthorization();
    }

    private static async Task<IResult> DownloadPdfAsync(string slug, Guid id, HttpContext http, WorkspaceScope scope, TenantContext tenant,
        InvoicePdfService pdfs, CancellationToken ct)
    {
        if (await EnterAsync(slug, http, scope, tenant, ct) is { } failed) return failed;
        var file = await pdfs.RenderAsync(id, ct);
        if (!file.Succeeded)
        {
            return file.Status == ResultStatus.Forbidden
                ? Problem(StatusCodes.Status403Forbidden, "Not allowed", file.Message)
                : Problem(StatusCodes.Status404NotFound, "Invoice not found", "It may have been deleted, or it belongs to another workspace.");
        }
        // A member's own download: never kept by a shared cache.
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(file.Value!.Content, file.Value.ContentType, file.Value.FileName);
    }

    private static async Task<IResult> ExportCsvAsync(string slug, HttpContext http, WorkspaceScope scope, TenantContext tenant,
        InvoiceReportService reports, CancellationToken ct)
    {
        if (await EnterAsync(slug, http, scope, tenant, ct) is { } failed) return failed;
        if (reports.CanExport() is { Succeeded: false } denied) return Problem(StatusCodes.Status403Forbidden, "Export not allowed", denied.Message);
        if (ParseQuery(http.Request.Query) is not { } query)
            return Problem(StatusCodes.Status400BadRequest, "Bad filter", "A filter in the query string could not be read (status, customer id, dates and sort must be valid).");
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Stream(async body => await reports.ExportCsvAsync(query, body, ct), "text/csv; charset=utf-8", reports.ExportFileName());
    }

    /// <summary>The list page's query string: status, search (or q), customer, from, to (yyyy-MM-dd), sort.</summary>
    internal static InvoiceQuery? ParseQuery(IQueryCollection query)
    {
        string? Text(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var ok = true;
        InvoiceStatus? status = null;
        if (Text("status") is { } s && !string.Equals(s, "all", StringComparison.OrdinalIgnoreCase))
        {
            if (string.Equals(s, "void", StringComparison.OrdinalIgnoreCase)) status = InvoiceStatus.Cancelled;
            else if (Enum.TryParse<InvoiceStatus>(s, true, out var parsed) && Enum.IsDefined(parsed)) status = parsed;
            else ok = false;
        }
        Guid? customer = null;
        if (Text("customer") is { } c)
        {
            if (Guid.TryParse(c, out var g)) customer = g;
            else ok = false;
        }
        DateOnly? Day(string key)
        {
            if (Text(key) is not { } d) return null;
            if (DateOnly.TryParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)) return day;
            ok = false;
            return null;
        }
        var from = Day("from");
        var to = Day("to");
        var sort = InvoiceSort.IssueDateDesc;
        if (Text("sort") is { } so && !(Enum.TryParse(so, true, out sort) && Enum.IsDefined(sort))) ok = false;
        return ok ? new InvoiceQuery { Status = status, Search = Text("search") ?? Text("q"), CustomerId = customer, IssuedFrom = from, IssuedTo = to, Sort = sort } : null;
    }

    private static async Task<IResult?> EnterAsync(string slug, HttpContext http, WorkspaceScope scope, TenantContext tenant, CancellationToken ct)
    {
        if (http.User.UserId() is not { } userId) return Results.Unauthorized();
        tenant.Actor = new AuditActor(http.User.Identity?.Name, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
        var entered = await scope.EnterAsync(slug, userId, ct);
        return entered.Succeeded ? null : Problem(StatusCodes.Status404NotFound, "Workspace not found", "It may not exist, or you're not a member of it.");
    }

    private static IResult Problem(int status, string title, string? detail) => Results.Problem(title: title, detail: detail, statusCode: status);
}
