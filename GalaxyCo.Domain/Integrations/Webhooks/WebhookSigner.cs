using System.Security.Cryptography;
using StandardWebhooks;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>
/// Standard Webhooks signatures (the StandardWebhooks package): "v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;".
/// During a rotation's overlap the previous secret signs too, as a second space-separated signature, so a receiver
/// holding either secret accepts the message.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>A new secret: "whsec_" + base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>"whsec_…Ab3x": enough to tell secrets apart, never enough to use one.</summary>
    public static string Hint(string secret) => string.IsNullOrEmpty(secret) || secret.Length < 8 ? SecretPrefix + "…" : SecretPrefix + "…" + secret[^4..];

    /// <summary>The webhook-signature header value for one message.</summary>
    public static string Sign(string messageId, DateTimeOffset timestamp, string body, string secret, string? previousSecret = null)
    {
        var signature = new StandardWebhook(secret).Sign(messageId, timestamp, body);
        return string.IsNullOrEmpty(previousSecret) ? signature : signature + " " + new StandardWebhook(previousSecret).Sign(messageId, timestamp, body);
    }
}
