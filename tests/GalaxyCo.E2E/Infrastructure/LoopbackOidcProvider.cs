using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace GalaxyCo.E2E.Infrastructure;

/// <summary>A person as the test OpenID Connect provider describes them; <see cref="OrganizationId"/> becomes org_id.</summary>
public sealed record OidcPerson(
    string Subject, string? Email, string GivenName, string FamilyName, string? OrganizationId, string? OrganizationName, bool EmailVerified = true);

/// <summary>
/// A real OpenID Connect provider on 127.0.0.1 (OpenIddict server, Kestrel, plain HTTP) for the single sign-on tests:
/// authorization code flow with PKCE, one confidential client, ephemeral keys, and no stores (degraded mode, so the
/// client id, secret and redirect URI are checked by the handlers below). Its authorization endpoint has no UI: it
/// signs in <see cref="NextPerson"/> at once, as a provider would after the person typed their password.
/// </summary>
public sealed class LoopbackOidcProvider : IAsyncDisposable
{
    public const string ClientId = "galaxyco";
    public const string ClientSecret = "galaxyco-e2e-client-secret";

    private const int LogLinesKept = 200;
    private readonly ConcurrentQueue<string> log = new();
    private WebApplication? app;

    /// <summary>The issuer, e.g. http://127.0.0.1:41234/ — what the app's Authentication:Oidc:Authority points at.</summary>
    public Uri Authority { get; private set; } = default!;

    /// <summary>The one redirect URI the client may use (the app's /signin-oidc); set once the app's port is known.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Who the authorization endpoint signs in next (tests run one at a time in their collection).</summary>
    public OidcPerson? NextPerson { get; set; }

    /// <summary>How many authorization requests the provider has answered, to prove the browser really went there.</summary>
    public int AuthorizationCount => authorizationCount;
    private int authorizationCount;

    public async Task StartAsync()
    {
        Authority = new Uri($"http://127.0.0.1:{FreeTcpPort()}/");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(Authority.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new QueueLoggerProvider(log, LogLinesKept));
        builder.Logging.SetMinimumLevel(LogLevel.Information);

        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(Authority);
            server.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetUserInfoEndpointUris("connect/userinfo");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.Email, Scopes.Profile);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.EnableDegradedMode();
            server.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough();

            // Degraded mode has no application store: these handlers are the client registration.
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                    context.Reject(Errors.InvalidClient, $"Unknown client_id '{context.ClientId}'.");
                else if (RedirectUri is null || context.RedirectUri != RedirectUri.ToString())
                    context.Reject(Errors.InvalidRequest, $"redirect_uri '{context.RedirectUri}' is not registered (expected '{RedirectUri}').");
                return ValueTask.CompletedTask;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong client secret.");
                return ValueTask.CompletedTask;
            }));
        });

        app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize);
        // Cast to Delegate: bound as a RequestDelegate, the returned IResult would be ignored.
        app.MapPost("connect/token", (Delegate)Token);
        app.MapMethods("connect/userinfo", [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfo);
        await app.StartAsync();
    }

    /// <summary>
    /// Answers discovery and the key set once. The first request builds OpenIddict's options and materialises the
    /// ephemeral RSA keys, which can take many seconds on a busy 2-core box: better here, beside the app's start, than
    /// inside a test's navigation timeout.
    /// </summary>
    public async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = Authority, Timeout = TimeSpan.FromMinutes(2) };
        foreach (var path in new[] { ".well-known/openid-configuration", ".well-known/jwks" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>The provider's recent log lines (OpenIddict says why it rejected a request here).</summary>
    public string RecentLog(int lines = 40) => string.Join('\n', log.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
        app = null;
    }

    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (NextPerson is not { } person)
            return Results.Forbid(Properties(Errors.AccessDenied, "The test did not say who signs in."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        Interlocked.Increment(ref authorizationCount);

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(Claims.Subject, person.Subject);
        identity.AddClaim(Claims.Name, $"{person.GivenName} {person.FamilyName}");
        identity.AddClaim(Claims.GivenName, person.GivenName);
        identity.AddClaim(Claims.FamilyName, person.FamilyName);
        if (person.Email is not null)
        {
            identity.AddClaim(Claims.Email, person.Email);
            identity.AddClaim(Claims.EmailVerified, person.EmailVerified);
        }
        if (person.OrganizationId is not null) identity.AddClaim("org_id", person.OrganizationId);
        if (person.OrganizationName is not null) identity.AddClaim("org_name", person.OrganizationName);
        identity.SetScopes(request.GetScopes());
        // Everything goes into the id_token (and the access token, so userinfo can answer from it).
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType())
            return Results.Forbid(Properties(Errors.UnsupportedGrantType, "Only the authorization code flow."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        // OpenIddict has checked the code, the client, the redirect URI and the PKCE verifier; reissue what it carried.
        var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return code.Principal is { } principal
            ? Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : Results.Forbid(Properties(Errors.InvalidGrant, "The authorization code is no longer valid."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfo(HttpContext http)
    {
        var token = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (token.Principal is not { } principal)
            return Results.Challenge(Properties(Errors.InvalidToken, "The access token is not valid."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var type in new[] { Claims.Subject, Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.Email, "org_id", "org_name" })
            if (principal.GetClaim(type) is { } value) claims[type] = value;
        if (principal.GetClaim(Claims.EmailVerified) is { } verified) claims[Claims.EmailVerified] = bool.Parse(verified);
        return Results.Ok(claims);
    }

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Keeps the provider's last log lines in memory, for the failure report.</summary>
    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines, int kept) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, lines, kept);

        public void Dispose() { }

        private sealed class QueueLogger(string category, ConcurrentQueue<string> lines, int kept) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel)) return;
                lines.Enqueue($"[oidc {logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
                while (lines.Count > kept) lines.TryDequeue(out _);
            }
        }
    }
}
