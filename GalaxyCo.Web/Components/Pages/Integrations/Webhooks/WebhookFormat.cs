using System.Globalization;
using System.Text.Json;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Domain.Integrations.Webhooks;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Integrations.Webhooks;

/// <summary>How the webhook pages show statuses, times and request bodies.</summary>
public static class WebhookFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Status(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "Pending",
        WebhookDeliveryStatus.Sending => "Sending",
        WebhookDeliveryStatus.Succeeded => "Succeeded",
        _ => "Failed",
    };

    public static Color StatusColor(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Succeeded => Color.Success,
        WebhookDeliveryStatus.Failed => Color.Error,
        WebhookDeliveryStatus.Sending => Color.Info,
        _ => Color.Default,
    };

    /// <summary>Pending and Sending rows still change on their own, so the log keeps refreshing while any is shown.</summary>
    public static bool InFlight(WebhookDeliveryStatus status) => status is WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Sending;

    /// <summary>"just now", "5 min ago", "3 h ago", "in 10 min", then the date.</summary>
    public static string Relative(DateTime utc, DateTime nowUtc)
    {
        var span = nowUtc - utc;
        var future = span < TimeSpan.Zero;
        var a = future ? -span : span;
        string text;
        if (a < TimeSpan.FromMinutes(1)) return future ? $"in {Math.Max(1, (int)a.TotalSeconds)} s" : "just now";
        if (a < TimeSpan.FromHours(1)) text = $"{(int)a.TotalMinutes} min";
        else if (a < TimeSpan.FromDays(1)) text = $"{(int)a.TotalHours} h";
        else if (a < TimeSpan.FromDays(14)) text = $"{(int)a.TotalDays} day{((int)a.TotalDays == 1 ? "" : "s")}";
        else return When(utc);
        return future ? $"in {text}" : $"{text} ago";
    }

    /// <summary>Exact UTC time, for tooltips and the opened delivery (receivers log in UTC too).</summary>
    public static string When(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("d MMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The body as sent, indented for reading; anything that isn't JSON is shown as it is.</summary>
    public static string PrettyJson(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        try
        {
            using var document = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>The envelope a receiver gets for one catalogue event, with its example data.</summary>
    public static string ExampleEnvelope(WebhookEventType type) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = type.Name,
            ["timestamp"] = "2026-12-01T15:04:05.123Z",
            ["data"] = type.ExampleData,
        }, Indented);

    public static string Duration(int? ms) => ms is { } d ? (d < 1000 ? $"{d} ms" : string.Create(CultureInfo.InvariantCulture, $"{d / 1000.0:0.0} s")) : "—";
}
