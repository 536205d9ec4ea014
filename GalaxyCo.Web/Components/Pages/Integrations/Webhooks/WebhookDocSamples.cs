namespace GalaxyCo.Web.Components.Pages.Integrations.Webhooks;

/// <summary>The signature verification examples on the docs page (kept in sync with the README's section).</summary>
public static class WebhookDocSamples
{
    public const string CSharp = """
        // dotnet add package StandardWebhooks
        using StandardWebhooks;
        using StandardWebhooks.Diagnostics;

        var webhook = new StandardWebhook(builder.Configuration["GalaxyCo:WebhookSecret"]!); // "whsec_…"

        app.MapPost("/webhooks/galaxyco", async (HttpRequest request) =>
        {
            // Verify the raw body exactly as received, before parsing it.
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            try
            {
                webhook.Verify(body, request.Headers); // signature + timestamp within 5 minutes
            }
            catch (WebhookVerificationException)
            {
                return Results.Unauthorized();
            }
            var messageId = request.Headers["webhook-id"].ToString(); // remember it: retries repeat it
            // … handle the event (quickly; queue slow work) …
            return Results.Ok();
        });
        """;

    public const string Node = """
        import crypto from "node:crypto";

        // rawBody: the request body as received (e.g. express.raw({ type: "application/json" })).
        export function verifyGalaxyCo(secret, headers, rawBody) {
          const id = headers["webhook-id"];
          const timestamp = headers["webhook-timestamp"];
          const signatures = headers["webhook-signature"];
          if (!id || !timestamp || !signatures) return false;
          // Refuse old or future messages (5 minutes either way): replayed requests fail here.
          if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
          const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
          const expected = crypto.createHmac("sha256", key)
            .update(`${id}.${timestamp}.${rawBody}`)
            .digest();
          // The header may carry several signatures ("v1,<base64> v1,<base64>") while a secret is rotated.
          return signatures.split(" ").some((entry) => {
            const [version, value] = entry.split(",");
            if (version !== "v1" || !value) return false;
            const given = Buffer.from(value, "base64");
            return given.length === expected.length && crypto.timingSafeEqual(given, expected);
          });
        }
        """;

    public const string Python = """
        import base64, hashlib, hmac, time

        def verify_galaxyco(secret: str, headers, body: bytes) -> bool:
            msg_id = headers.get("webhook-id")
            timestamp = headers.get("webhook-timestamp")
            signatures = headers.get("webhook-signature")
            if not (msg_id and timestamp and signatures):
                return False
            # Refuse old or future messages (5 minutes either way).
            if abs(time.time() - int(timestamp)) > 300:
                return False
            key = base64.b64decode(secret.removeprefix("whsec_"))
            signed = f"{msg_id}.{timestamp}.".encode() + body
            expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            # Several space-separated signatures are sent while a secret is rotated.
            for entry in signatures.split(" "):
                version, _, value = entry.partition(",")
                if version == "v1" and hmac.compare_digest(value, expected):
                    return True
            return False
        """;

    public const string Headers = """
        POST /webhooks/galaxyco HTTP/1.1
        content-type: application/json
        webhook-id: msg_0195f3a27c1e7b7a9f3e2d1c0b9a8e71
        webhook-timestamp: 1796223845
        webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
        """;
}
