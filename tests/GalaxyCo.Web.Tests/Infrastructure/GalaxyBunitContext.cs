using System.Security.Claims;
using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace GalaxyCo.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context wired like one circuit of the app: the real data and domain services on the test database (as the
/// app role, so RLS binds), MudBlazor, and a signed-in person whose NameIdentifier claim is their user id.
/// </summary>
public sealed class GalaxyBunitContext : BunitContext
{
    public const string ClientIp = "203.0.113.9";
    public const string ClientUserAgent = "bUnit test browser";

    /// <param name="configureServices">
    /// Extra registrations (a mail outbox, say), applied before anything is resolved: bUnit refuses new services
    /// once the provider is built, which this constructor does when it sets up the tenant.
    /// </param>
    public GalaxyBunitContext(PostgresDatabase database, Guid userId, string email, Action<IServiceCollection>? configureServices = null)
    {
        // Every render here waits on real PostgreSQL, on a box shared with parallel builds: give it time.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddGalaxyData(database.AppConnectionString);
        Services.AddWorkspaces();
        Services.AddAudit();
        // Pages that embed the AI provider form or knowledge components resolve these; nothing here runs ingestion,
        // so the queue only records what a page would have handed to the background jobs.
        Services.AddDataProtection();
        // Options bound from configuration (Knowledge, Security) read an empty one: the defaults.
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddSingleton<RecordingIngestionQueue>();
        Services.AddSingleton<GalaxyCo.Domain.Knowledge.Ingestion.IKnowledgeIngestionQueue>(sp => sp.GetRequiredService<RecordingIngestionQueue>());
        GalaxyCo.Domain.Ai.AiServiceCollectionExtensions.AddAi(Services);
        GalaxyCo.Domain.Knowledge.KnowledgeServiceCollectionExtensions.AddKnowledge(Services);
        Services.AddMudServices();
        configureServices?.Invoke(Services);
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));

        // What ClientInfo does for a real circuit: audit rows say who acted and from where.
        var tenant = Services.GetRequiredService<TenantContext>();
        tenant.SetUser(userId);
        tenant.Actor = new AuditActor(email, ClientIp, ClientUserAgent);
    }

    public static GalaxyBunitContext ActingAs(PostgresDatabase database, TestWorkspace workspace, Action<IServiceCollection>? configureServices = null) =>
        new(database, workspace.OwnerUserId, workspace.OwnerEmail, configureServices);

    public static GalaxyBunitContext ActingAs(PostgresDatabase database, TestMember member, Action<IServiceCollection>? configureServices = null) =>
        new(database, member.UserId, member.Email, configureServices);

    /// <summary>
    /// Renders the providers the layout normally renders, so selects, menus and dialogs can open; returns the
    /// snackbar provider, where confirmations such as "Settings saved." appear.
    /// </summary>
    public IRenderedComponent<MudSnackbarProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        return Render<MudSnackbarProvider>();
    }
}
