using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Account;

/// <summary>TOTP two-factor: enable it with the shared key an authenticator app would scan, then sign in with a code.</summary>
[Collection(GalaxyAppCollection.Name)]
public sealed class TwoFactorTests(GalaxyApp app, ITestOutputHelper output)
{
    [Fact]
    public Task EnableAuthenticator_ThenSignIn_AsksForTheCode_AndRefusesAWrongOne() => BrowserSession.RunAsync(app, output, async session =>
    {
        var page = await session.NewPageAsync();
        var email = await People.NewSignedInPersonAsync(page, app.Mail, "totp");

        await page.GotoAsync("/Account/Manage/EnableAuthenticator");
        var key = (await page.Locator("kbd").First.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.Locator("[id='Input.Code']").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Your authenticator app has been verified.")).ToBeVisibleAsync();

        // A second browser: the password alone is no longer enough.
        var other = await session.NewPageAsync(); // its own browser context, no cookies
        await People.SubmitSignInAsync(other, email, People.Password);
        await other.WaitForURLAsync(new Regex("/Account/LoginWith2fa"));
        var wrong = ((int.Parse(Totp.Code(key, DateTimeOffset.UtcNow), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        await other.Locator("[id='Input.TwoFactorCode']").FillAsync(wrong);
        await other.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(other.GetByText("Invalid authenticator code")).ToBeVisibleAsync();

        // The right code of the next time step (a code may be used once) gets in.
        await Task.Delay(Totp.UntilNextStep(DateTimeOffset.UtcNow));
        await other.Locator("[id='Input.TwoFactorCode']").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await other.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await other.WaitForURLAsync(new Regex("/workspaces/new$"));
    });

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), what an authenticator app computes.</summary>
    private static class Totp
    {
        public static string Code(string base32Key, DateTimeOffset at)
        {
            var counter = at.ToUnixTimeSeconds() / 30;
            var message = BitConverter.GetBytes(counter);
            if (BitConverter.IsLittleEndian) Array.Reverse(message);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; the test must compute what they compute.
            var hash = HMACSHA1.HashData(Base32(base32Key), message);
#pragma warning restore CA5350
            var offset = hash[^1] & 0x0F;
            var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
            return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        }

        public static TimeSpan UntilNextStep(DateTimeOffset now) =>
            TimeSpan.FromSeconds(30 - (now.ToUnixTimeSeconds() % 30)) + TimeSpan.FromMilliseconds(500);

        private static byte[] Base32(string text)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            var bytes = new List<byte>();
            int buffer = 0, bits = 0;
            foreach (var c in text.TrimEnd('='))
            {
                buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
                bits += 5;
                if (bits >= 8)
                {
                    bytes.Add((byte)(buffer >> (bits - 8)));
                    bits -= 8;
                }
            }
            return [.. bytes];
        }
    }
}
