using System.Net;
using GalaxyCo.Domain.Integrations.Webhooks;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Tests.Integrations.Webhooks;

public sealed class WebhookUrlGuardTests
{
    private sealed class FakeResolver(Dictionary<string, IPAddress[]> names) : IWebhookHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            names.TryGetValue(host, out var a) ? Task.FromResult(a) : throw new System.Net.Sockets.SocketException(11001);
    }

    private static WebhookUrlGuard Guard(params string[] allowed) => new(
        Options.Create(new WebhookOptions { AllowedHosts = [.. allowed] }),
        new FakeResolver(new()
        {
            ["public.example"] = [IPAddress.Parse("93.184.216.34")],
            ["rebind.example"] = [IPAddress.Parse("127.0.0.1")],
            ["mixed.example"] = [IPAddress.Parse("10.1.2.3"), IPAddress.Parse("93.184.216.35")],
            ["v6loop.example"] = [IPAddress.IPv6Loopback],
        }));

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.8.9.10/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://172.16.3.4/hook")]
    [InlineData("https://172.31.255.255/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://169.254.1.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::]/hook")]
    [InlineData("https://[fc00::1]/hook")]
    [InlineData("https://[fd12:3456::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://rebind.example/hook")]
    [InlineData("https://v6loop.example/hook")]
    public async Task CheckUrlAsync_PrivateLoopbackOrMetadataTarget_IsRefused(string url) =>
        Assert.NotNull(await Guard().CheckUrlAsync(url, default));

    [Theory]
    [InlineData("ftp://public.example/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://public.example/hook")]
    [InlineData("https://user:pass@public.example/hook")]
    [InlineData("not a url")]
    [InlineData("https://unknown.example/hook")]
    public async Task CheckUrlAsync_BadSchemeCredentialsOrUnresolvable_IsRefused(string url) =>
        Assert.NotNull(await Guard().CheckUrlAsync(url, default));

    [Fact]
    public async Task CheckUrlAsync_PublicHttpsHost_IsAccepted() =>
        Assert.Null(await Guard().CheckUrlAsync("https://public.example/hook", default));

    [Fact]
    public async Task ResolveAllowedAsync_NameWithPrivateAndPublicAddresses_KeepsOnlyThePublicOne()
    {
        var addresses = await Guard().ResolveAllowedAsync("mixed.example", default);
        Assert.Equal([IPAddress.Parse("93.184.216.35")], addresses);
    }

    [Theory]
    [InlineData("127.0.0.1", "http://127.0.0.1:5000/hook")]
    [InlineData("127.0.0.0/8", "https://127.0.0.1/hook")]
    [InlineData("localhost", "http://localhost:5000/hook")]
    [InlineData("rebind.example", "https://rebind.example/hook")]
    [InlineData("10.0.0.0/8", "https://10.9.8.7/hook")]
    public async Task CheckUrlAsync_AllowListedHostOrRange_IsAccepted(string allowed, string url) =>
        Assert.Null(await Guard(allowed).CheckUrlAsync(url, default));

    [Fact]
    public async Task CheckUrlAsync_AllowListedLoopback_DoesNotOpenOtherPrivateRanges() =>
        Assert.NotNull(await Guard("127.0.0.1").CheckUrlAsync("https://10.0.0.1/hook", default));

    [Fact]
    public void IsPublic_OrdinaryPublicAddresses_AreTrue()
    {
        Assert.True(WebhookUrlGuard.IsPublic(IPAddress.Parse("8.8.8.8")));
        Assert.True(WebhookUrlGuard.IsPublic(IPAddress.Parse("2606:4700:4700::1111")));
        Assert.True(WebhookUrlGuard.IsPublic(IPAddress.Parse("172.15.255.255")));
    }
}
