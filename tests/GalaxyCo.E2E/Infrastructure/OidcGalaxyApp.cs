namespace GalaxyCo.E2E.Infrastructure;

/// <summary>
/// The single sign-on arrangement: the loopback OpenID Connect provider, and a second GalaxyCo app (own database, own
/// browser) configured under Authentication:Oidc to use it. A collection of its own, because the shared app runs
/// without OIDC; it costs one more app start (a few seconds) and only the SSO tests pay it.
/// </summary>
public sealed class OidcGalaxyApp : IAsyncLifetime
{
    public const string DisplayName = "Acme SSO";

    public LoopbackOidcProvider Provider { get; } = new();

    public GalaxyApp App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Provider.StartAsync();
        App = new GalaxyApp(new Dictionary<string, string>
        {
            ["Authentication__Oidc__Authority"] = Provider.Authority.ToString(),
            ["Authentication__Oidc__ClientId"] = LoopbackOidcProvider.ClientId,
            ["Authentication__Oidc__ClientSecret"] = LoopbackOidcProvider.ClientSecret,
            ["Authentication__Oidc__RequireHttpsMetadata"] = "false",
            ["Authentication__Oidc__DisplayName"] = DisplayName,
        });
        try
        {
            // The provider's slow first answer overlaps the app's start (database, migrations) instead of a test.
            await Task.WhenAll(App.InitializeAsync(), Provider.WarmUpAsync());
        }
        catch
        {
            // xunit does not always dispose a fixture whose start failed: leave no process, database or port behind.
            await App.DisposeAsync();
            App.Dispose();
            await Provider.DisposeAsync();
            throw;
        }
        // The app's port is known only now; the OIDC handler's default callback path is /signin-oidc.
        Provider.RedirectUri = new Uri(App.BaseUri, "signin-oidc");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (App is not null) await App.DisposeAsync();
        }
        finally
        {
            App?.Dispose();
            await Provider.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OidcGalaxyAppCollection : ICollectionFixture<OidcGalaxyApp>
{
    public const string Name = "GalaxyCo app with OIDC sign-in";
}
