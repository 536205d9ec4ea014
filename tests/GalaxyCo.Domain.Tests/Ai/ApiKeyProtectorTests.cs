using System.Security.Cryptography;
using GalaxyCo.Domain.Ai;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Tests.Ai;

public sealed class ApiKeyProtectorTests
{
    private static ApiKeyProtector Create(string? key = null) =>
        new(new EphemeralDataProtectionProvider(), Options.Create(new ApiKeyProtectionOptions { ApiKeyEncryptionKey = key }));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Protect_RoundTrip_ReturnsKeyOnlyForSameWorkspace(bool configuredKey)
    {
        var protector = Create(configuredKey ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null);
        var workspace = Guid.NewGuid();
        var cipher = protector.Protect(workspace, "sk-secret-value-1234");

        Assert.StartsWith(configuredKey ? "k1:" : "dp1:", cipher, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", cipher, StringComparison.Ordinal);
        Assert.Equal("sk-secret-value-1234", protector.Unprotect(workspace, cipher));
        Assert.Null(protector.Unprotect(Guid.NewGuid(), cipher));
        Assert.NotEqual(cipher, protector.Protect(workspace, "sk-secret-value-1234"));
    }

    [Fact]
    public void Unprotect_TamperedOrForeign_ReturnsNull()
    {
        var protector = Create();
        var workspace = Guid.NewGuid();
        var cipher = protector.Protect(workspace, "sk-abc");
        var tampered = cipher[..^4] + (cipher[^4] == 'A' ? "BAAA" : "AAAA");
        Assert.Null(protector.Unprotect(workspace, tampered));
        Assert.Null(protector.Unprotect(workspace, "garbage"));
        Assert.Null(protector.Unprotect(workspace, "k1:AAAA"));
        // A value sealed by another installation's key ring does not open here.
        Assert.Null(Create().Unprotect(workspace, cipher));
    }

    [Fact]
    public void Constructor_BadConfiguredKey_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Create(Convert.ToBase64String(new byte[16])));
}
