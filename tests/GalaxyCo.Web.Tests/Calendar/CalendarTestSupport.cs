using GalaxyCo.Domain;
using GalaxyCo.Domain.Calendar;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Calendar;
using GalaxyCo.Web.Tests.Infrastructure;
using GalaxyCo.Web.Tests.Members;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GalaxyCo.Web.Tests.Calendar;

/// <summary>Wiring for the calendar component tests: the calendar and CRM services, entered into a workspace.</summary>
internal static class CalendarTestSupport
{
    public static void Calendar(IServiceCollection services)
    {
        services.AddLogging();
        services.AddCrm();
        services.AddCalendar();
        services.AddSingleton<ChangeFeed>();
    }

    /// <summary>A context acting as the owner inside the workspace, as WorkspaceGate would leave it; invitations go to <paramref name="outbox"/>.</summary>
    public static async Task<GalaxyBunitContext> EnterAsOwnerAsync(PostgresDatabase database, TestWorkspace workspace, MailOutbox outbox)
    {
        var ctx = new GalaxyBunitContext(database, workspace.OwnerUserId, workspace.OwnerEmail, services =>
        {
            Calendar(services);
            outbox.Register(services);
        });
        var entered = await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(workspace.Slug, workspace.OwnerUserId);
        Assert.True(entered.Succeeded, entered.Message);
        return ctx;
    }

    /// <summary>Opens the event editor the way the calendar does, and returns the dialog's reference.</summary>
    public static async Task<IDialogReference> OpenEditorAsync(IRenderedComponent<MudDialogProvider> dialogs, EventEditorModel model, EventView? existing = null,
        CalendarItem? occurrence = null)
    {
        var service = dialogs.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<EventEditorDialog> { { d => d.Model, model }, { d => d.Existing, existing }, { d => d.Occurrence, occurrence } };
        IDialogReference? reference = null;
        await dialogs.InvokeAsync(async () => reference = await service.ShowAsync<EventEditorDialog>("Event", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium }));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=editor-title]")));
        return reference!;
    }
}
