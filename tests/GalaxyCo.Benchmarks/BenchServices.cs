using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Work;
using GalaxyCo.Domain.Mail;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace GalaxyCo.Benchmarks;

/// <summary>
/// The app's real service graph for the measured code (data, workspaces, audit, mail, MudBlazor), without the web host:
/// what a Blazor circuit resolves for the home and member pages.
/// </summary>
public static class BenchServices
{
    public const string SiteUri = "http://bench.local/";

    public static ServiceProvider Build(string appConnectionString, string outboxDirectory, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        // The popover provider lives in the app's layout, which a single rendered page does not include: expected here.
        services.AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("MudBlazor.PopoverService", LogLevel.None));
        services.AddGalaxyData(appConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.AddCrm();
        services.AddWork();
        services.AddCalendar();
        services.AddInvoices();
        services.AddLiveChanges(appConnectionString);
        services.AddDataProtection();
        services.Configure<MailOptions>(o => o.OutboxDirectory = outboxDirectory);
        services.AddSingleton<IMailSender, FolderOutboxMailSender>();

        // Static rendering (HtmlRenderer) never runs OnAfterRender, so JS is never called; MudBlazor's services still
        // need an IJSRuntime to be constructed, and links need a NavigationManager with a base URI.
        services.AddMudServices();
        services.AddScoped<NavigationManager, BenchNavigationManager>();
        services.AddScoped<IJSRuntime, NoJavaScriptRuntime>();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class BenchNavigationManager : NavigationManager
    {
        public BenchNavigationManager() => Initialize(SiteUri, SiteUri + "w/" + BenchDatabase.MainSlug);

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }

    private sealed class NoJavaScriptRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"JS interop ('{identifier}') is not available during static rendering.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }
}
