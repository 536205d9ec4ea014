using GalaxyCo.Data;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Work;
using GalaxyCo.Web.Components;
using GalaxyCo.Web.Components.Account;
using GalaxyCo.Web.Hosting;
using GalaxyCo.Domain.Seeding;

if (args is ["seed", ..]) return await SeedCommand.RunAsync(args);
if (args is ["grant-system-admin", ..]) return await GrantSystemAdminCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(KnowledgeImportCommand.HostArgs(args));
// Serve package and project assets from the build output in every environment (run.sh runs Production from source;
// a published app has them in wwwroot and this is a no-op).
builder.WebHost.UseStaticWebAssets();
var (appConnection, ownerConnection) = DatabaseSettings.Read(builder.Configuration);

builder.Services.AddGalaxyData(appConnection);
builder.Services.AddGalaxyIdentity(builder.Configuration);
builder.Services.AddMail(builder.Configuration);
builder.Services.AddWorkspaces();
builder.Services.AddAudit();
builder.Services.AddCrm();
builder.Services.AddWork();
builder.Services.AddCalendar();
builder.Services.AddInvoices();
GalaxyCo.Domain.Ai.AiServiceCollectionExtensions.AddAi(builder.Services);
GalaxyCo.Domain.Knowledge.KnowledgeServiceCollectionExtensions.AddKnowledge(builder.Services);
GalaxyCo.Domain.Integrations.Webhooks.WebhookServiceCollectionExtensions.AddWebhooks(builder.Services, builder.Configuration);
builder.Services.AddLiveChanges(appConnection);
builder.Services.AddBackgroundJobs(ownerConnection, builder.Configuration);
builder.Services.AddGalaxyWeb();
builder.Services.AddGalaxyTelemetry(builder.Configuration);
builder.Services.AddScoped<DemoSeeder>();
KnowledgeImportCommand.ConfigureServices(builder.Services, args);

var app = builder.Build();

await DatabaseMigrator.MigrateAsync(ownerConnection, appConnection);
if (KnowledgeImportCommand.Matches(args)) return await KnowledgeImportCommand.RunAsync(app.Services, args);
if (app.Configuration.GetValue("Seed:Demo", true)) await DemoStartup.SeedAsync(app.Services, app.Logger);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapHealth();
app.MapCrmExport();
app.MapWorkEndpoints();
app.MapCalendarEndpoints();
app.MapInvoiceEndpoints();
app.MapKnowledgeApi();
app.MapKnowledgeEndpoints();
app.MapBackgroundJobs();

app.Lifetime.ApplicationStarted.Register(() => DemoStartup.PrintWelcome(app));
await app.RunAsync();
return 0;
