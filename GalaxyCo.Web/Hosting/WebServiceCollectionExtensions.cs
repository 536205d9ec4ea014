using System.Security.Claims;
using GalaxyCo.Data;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Web.Components.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;

namespace GalaxyCo.Web.Hosting;

internal static class WebServiceCollectionExtensions
{
    /// <summary>ASP.NET Core Identity (cookie, lockout, confirmed email, TOTP) plus optional OpenID Connect.</summary>
    public static IServiceCollection AddGalaxyIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = IdentityConstants.ApplicationScheme;
            options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        authentication.AddIdentityCookies();

        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        services.AddSingleton(oidc);
        if (oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc.DisplayName, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
                o.ClaimActions.MapUniqueJsonKey(oidc.OrganizationClaim, oidc.OrganizationClaim);
                // What ExternalLogin reads beyond the defaults when a provider sends it from userinfo only.
                o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
                o.ClaimActions.MapUniqueJsonKey(Domain.Workspaces.ExternalIdentity.OrganizationNameClaim, Domain.Workspaces.ExternalIdentity.OrganizationNameClaim);
                o.TokenValidationParameters.NameClaimType = "name";
            });
        }

        services.AddIdentityCore<User>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Password.RequiredLength = 8;
            })
            .AddEntityFrameworkStores<GalaxyDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSingleton<IEmailSender<User>, IdentityMailSender>();

        // Keys in PostgreSQL: sign-ins, antiforgery tokens and invitation links survive restarts and work on every node.
        services.AddDataProtection().SetApplicationName("GalaxyCo").PersistKeysToDbContext<GalaxyDbContext>();
        return services;
    }

    public static IServiceCollection AddGalaxyWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddScoped<ClientInfo>();
        services.AddScoped<Components.Layout.NotificationState>();
        services.AddHttpContextAccessor();
        return services;
    }

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
