using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>Resolves host names for the guard; tests swap it to make a name resolve to 127.0.0.1.</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

public sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>A webhook call the guard refused (a private address, a bad scheme, a name that does not resolve).</summary>
public sealed class WebhookBlockedException(string message) : Exception(message);

/// <summary>
/// SSRF rules for endpoint URLs: http(s) only, and never to loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10,
/// fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10), unspecified or multicast addresses,
/// checked after DNS resolution, again when the connection is opened (so a name cannot re-resolve to a private
/// address in between) and on every redirect. <see cref="WebhookOptions.AllowedHosts"/> lists exceptions: exact host
/// names, addresses or CIDR ranges (tests allow their loopback receiver).
/// </summary>
public sealed class WebhookUrlGuard(IOptions<WebhookOptions> options, IWebhookHostResolver resolver)
{
    private readonly WebhookOptions _options = options.Value;

    /// <summary>Checks a URL as an admin typed it (or a redirect's Location): null when fine, else why not.</summary>
    public async Task<string?> CheckUrlAsync(string? url, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return "Enter a full URL, e.g. https://example.com/webhooks.";
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return "The URL must start with https://.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Put credentials in the receiver, not in the URL.";
        if (uri.Scheme == Uri.UriSchemeHttp && !IsHostAllowListed(uri.IdnHost)) return "The URL must use https:// (http is only for allow-listed hosts).";
        try
        {
            await ResolveAllowedAsync(uri.IdnHost, ct);
            return null;
        }
        catch (WebhookBlockedException e)
        {
            return e.Message;
        }
    }

    /// <summary>Checks a redirect target: http(s) only, and its address like the first one (done again on connect).</summary>
    public static string? CheckRedirectScheme(Uri location) =>
        location.Scheme == Uri.UriSchemeHttps || location.Scheme == Uri.UriSchemeHttp ? null : $"Redirect to a {location.Scheme} URL refused.";

    /// <summary>
    /// The addresses of <paramref name="host"/> that may be called (at least one), or <see cref="WebhookBlockedException"/>.
    /// Addresses the rules refuse are dropped, so a name resolving to both a public and a private address is only
    /// ever connected to the public one.
    /// </summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAllowedAsync(string host, CancellationToken ct)
    {
        host = host.Trim('[', ']');
        if (host.Length == 0) throw new WebhookBlockedException("The URL has no host.");
        var hostAllowed = IsHostAllowListed(host);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            addresses = hostAllowed ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : throw new WebhookBlockedException($"{host} is a loopback address; webhooks can't call it.");
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, ct);
            }
            catch (SocketException)
            {
                throw new WebhookBlockedException($"{host} could not be resolved.");
            }
            if (addresses.Length == 0) throw new WebhookBlockedException($"{host} could not be resolved.");
        }
        var allowed = addresses.Where(a => hostAllowed || IsAddressAllowListed(a) || IsPublic(a)).ToList();
        if (allowed.Count == 0)
            throw new WebhookBlockedException($"{host} resolves to a private, loopback or link-local address ({addresses[0]}); webhooks can't call it.");
        return allowed;
    }

    /// <summary>
    /// The handler's ConnectCallback: resolve and vet the host, then connect to a vetted address (never re-resolving),
    /// so DNS rebinding between check and connect can't reach an internal address.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await ResolveAllowedAsync(context.DnsEndPoint.Host, ct);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last ?? new WebhookBlockedException("No address to connect to.");
    }

    public bool IsHostAllowListed(string host) =>
        _options.AllowedHosts.Any(entry => string.Equals(entry.Trim(), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    public bool IsAddressAllowListed(IPAddress address)
    {
        var a = Normalize(address);
        foreach (var raw in _options.AllowedHosts)
        {
            var entry = raw.Trim();
            if (IPAddress.TryParse(entry, out var ip) && Normalize(ip).Equals(a)) return true;
            if (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var network) && network.Contains(a)) return true;
        }
        return false;
    }

    /// <summary>False for every address a webhook must not reach unless allow-listed.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var a = Normalize(address);
        if (IPAddress.IsLoopback(a) || a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any) || a.Equals(IPAddress.None) || a.Equals(IPAddress.IPv6None)) return false;
        if (a.AddressFamily == AddressFamily.InterNetwork) return !Blocked4.Any(n => n.Contains(a));
        if (a.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast || a.IsIPv4MappedToIPv6) return false;
            return !Blocked6.Any(n => n.Contains(a));
        }
        return false;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static readonly IPNetwork[] Blocked4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork[] Blocked6 =
    [
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
        // NAT64 and 6to4 embed an IPv4 address that could be private.
        IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("2002::/16"),
    ];
}
