using GalaxyCo.Domain.Integrations.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace GalaxyCo.Domain.Tests.Integrations.Webhooks;

public sealed class WebhookSignerTests
{
    private const string Body = """{"type":"invoice.paid","timestamp":"2026-12-01T15:04:05.000Z","data":{"invoiceId":"1"}}""";

    private static HeaderDictionary Headers(string id, DateTimeOffset at, string signature) => new()
    {
        [WebhookSigner.IdHeader] = id,
        [WebhookSigner.TimestampHeader] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        [WebhookSigner.SignatureHeader] = signature,
    };

    [Fact]
    public void NewSecret_Always_IsWhsecPrefixedBase64OfAtLeast24Bytes()
    {
        var secret = WebhookSigner.NewSecret();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(secret["whsec_".Length..]).Length >= 24);
        Assert.NotEqual(secret, WebhookSigner.NewSecret());
        Assert.DoesNotContain(secret[6..^4], WebhookSigner.Hint(secret), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_OneSecret_VerifiesWithTheStandardWebhooksVerifier()
    {
        var secret = WebhookSigner.NewSecret();
        var now = DateTimeOffset.UtcNow;
        var signature = WebhookSigner.Sign("msg_abc", now, Body, secret);
        Assert.StartsWith("v1,", signature, StringComparison.Ordinal);
        new StandardWebhook(secret).Verify(Body, Headers("msg_abc", now, signature));
    }

    [Fact]
    public void Sign_TamperedBodyOrOtherSecret_FailsVerification()
    {
        var secret = WebhookSigner.NewSecret();
        var now = DateTimeOffset.UtcNow;
        var signature = WebhookSigner.Sign("msg_abc", now, Body, secret);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(Body.Replace("1", "2", StringComparison.Ordinal), Headers("msg_abc", now, signature)));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSigner.NewSecret()).Verify(Body, Headers("msg_abc", now, signature)));
    }

    [Fact]
    public void Sign_DuringRotationOverlap_BothSecretsVerify()
    {
        var (oldSecret, newSecret) = (WebhookSigner.NewSecret(), WebhookSigner.NewSecret());
        var now = DateTimeOffset.UtcNow;
        var signature = WebhookSigner.Sign("msg_rot", now, Body, newSecret, oldSecret);
        Assert.Equal(2, signature.Split(' ').Length);
        Assert.True(VerifiesAny(newSecret, now, signature));
        Assert.True(VerifiesAny(oldSecret, now, signature));
        Assert.False(VerifiesAny(WebhookSigner.NewSecret(), now, signature));
        // The header's first signature is the current secret's, so the package's verifier accepts the whole header.
        new StandardWebhook(newSecret).Verify(Body, Headers("msg_rot", now, signature));
    }

    /// <summary>
    /// Verifies each space-separated signature with the package's verifier, as the spec asks receivers to. (StandardWebhooks
    /// 1.1.2's Verify never checks the last of several signatures: its loop re-reads the whole header on the last pass.)
    /// </summary>
    private static bool VerifiesAny(string secret, DateTimeOffset at, string header) => header.Split(' ').Any(one =>
    {
        try
        {
            new StandardWebhook(secret).Verify(Body, Headers("msg_rot", at, one));
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    });

    [Fact]
    public void Sign_AfterOverlapExpired_OnlyTheNewSecretVerifies()
    {
        var (oldSecret, newSecret) = (WebhookSigner.NewSecret(), WebhookSigner.NewSecret());
        var now = DateTimeOffset.UtcNow;
        // The job passes no previous secret once PreviousSecretExpiresAt has passed.
        var signature = WebhookSigner.Sign("msg_rot", now, Body, newSecret, previousSecret: null);
        new StandardWebhook(newSecret).Verify(Body, Headers("msg_rot", now, signature));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(oldSecret).Verify(Body, Headers("msg_rot", now, signature)));
    }
}
