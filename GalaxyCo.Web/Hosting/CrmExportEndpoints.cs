using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Crm.Export;
using GalaxyCo.Domain.Workspaces;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// GET /w/{slug}/crm/{customers|contacts|prospects}/export.csv?search=&amp;tag=&amp;... : the CSV of a list with its
/// filters, streamed. The workspace and membership are resolved exactly as pages resolve them (WorkspaceScope);
/// a workspace the person is not in answers 404, a missing permission 403, both as RFC 7807 problem details.
/// </summary>
internal static class CrmExportEndpoints
{
    public static void MapCrmExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/w/{slug}/crm/{records}/export.csv", ExportAsync).RequireAuthorization();

    private static async Task<IResult> ExportAsync(string slug, string records, HttpContext http, WorkspaceScope scope, TenantContext tenant,
        CrmExportService exports, CancellationToken ct)
    {
        CrmRecordType? type = records switch
        {
            "customers" => CrmRecordType.Customer,
            "contacts" => CrmRecordType.Contact,
            "prospects" => CrmRecordType.Prospect,
            _ => null,
        };
        if (type is null) return Problem(StatusCodes.Status404NotFound, "Not found", "Exports exist for customers, contacts and prospects.");
        if (http.User.UserId() is not { } userId) return Results.Unauthorized();
        var ip = http.Connection.RemoteIpAddress?.ToString();
        tenant.Actor = new AuditActor(http.User.Identity?.Name, ip, http.Request.Headers.UserAgent.ToString());
        var entered = await scope.EnterAsync(slug, userId, ct);
        if (!entered.Succeeded) return Problem(StatusCodes.Status404NotFound, "Workspace not found", "It may not exist, or you're not a member of it.");
        if (exports.CanExport() is { Succeeded: false } denied) return Problem(StatusCodes.Status403Forbidden, "Export not allowed", denied.Message);
        if (ParseFilter(http.Request.Query) is not { } filter)
            return Problem(StatusCodes.Status400BadRequest, "Bad filter", "A filter in the query string could not be read (numbers, ids, dates and stages must be valid).");

        return Results.Stream(async body =>
        {
            await exports.WriteCsvAsync(type.Value, filter, body, ct);
        }, "text/csv; charset=utf-8", exports.FileName(type.Value));
    }

    /// <summary>The list pages' query string: search, tag, owner, mine, status, customer, stage, source, scoreMin/Max, valueMin/Max (in main units), followUp, sort, dir.</summary>
    internal static CrmExportFilter? ParseFilter(IQueryCollection query)
    {
        string? Text(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var ok = true;
        T? Parse<T>(string key, Func<string, (bool, T)> parse) where T : struct
        {
            if (Text(key) is not { } text) return null;
            var (parsed, value) = parse(text);
            if (!parsed) ok = false;
            return parsed ? value : null;
        }
        static (bool, TEnum) Enum<TEnum>(string s) where TEnum : struct, System.Enum => (System.Enum.TryParse<TEnum>(s, true, out var e) && System.Enum.IsDefined(e), e);
        static (bool, int) Int(string s) => (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i), i);
        static (bool, long) Cents(string s) => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) < 90_000_000_000_000m
            ? (true, (long)Math.Round(d * 100)) : (false, 0);
        static (bool, Guid) Id(string s) => (Guid.TryParse(s, out var g), g);

        var filter = new CrmExportFilter
        {
            Search = Text("search") ?? Text("q"),
            Tag = Text("tag"),
            AssignedTo = Parse("owner", Id),
            Mine = string.Equals(Text("mine"), "true", StringComparison.OrdinalIgnoreCase),
            Status = Parse("status", Enum<CustomerStatus>),
            CustomerId = Parse("customer", Id),
            Stage = Parse("stage", Enum<ProspectStage>),
            Source = Text("source"),
            ScoreMin = Parse("scoreMin", Int),
            ScoreMax = Parse("scoreMax", Int),
            ValueMin = Parse("valueMin", Cents),
            ValueMax = Parse("valueMax", Cents),
            FollowUp = Parse("followUp", Enum<FollowUpDue>) ?? FollowUpDue.Any,
            Sort = Text("sort"),
            Direction = string.Equals(Text("dir"), "desc", StringComparison.OrdinalIgnoreCase) ? SortDirection.Descending : SortDirection.Ascending,
        };
        return ok ? filter : null;
    }

    private static IResult Problem(int status, string title, string? detail) => Results.Problem(title: title, detail: detail, statusCode: status);
}
