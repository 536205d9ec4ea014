using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>The body every endpoint receives: {"type": name, "timestamp": ISO-8601 UTC, "data": {...}}.</summary>
public static class WebhookEnvelope
{
    public static string Build(string type, DateTime timestamp, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("timestamp", DateTime.SpecifyKind(timestamp, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("data");
            foreach (var (key, value) in data) json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>webhook-id: "msg_" + the event id without dashes; the same for every retry and replay.</summary>
    public static string MessageId(Guid eventId) => "msg_" + eventId.ToString("N");
}
