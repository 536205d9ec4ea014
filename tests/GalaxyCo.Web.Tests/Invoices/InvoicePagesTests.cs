using GalaxyCo.Data;
using GalaxyCo.Domain;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Live;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Invoices;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Invoices;

/// <summary>The list and detail components on the real database: counts per tab, and what a viewer may not do.</summary>
[Collection(PostgresCollection.Name)]
public sealed class InvoicePagesTests(PostgresDatabase database)
{
    private static void Services(IServiceCollection services)
    {
        services.AddLogging();
        services.AddCrm();
        services.AddInvoices();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton(TimeProvider.System);
    }

    private async Task<GalaxyBunitContext> EnterAsync(TestWorkspace w, Guid userId, string email)
    {
        var ctx = new GalaxyBunitContext(database, userId, email, Services);
        var entered = await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, userId);
        Assert.True(entered.Succeeded, entered.Message);
        ctx.RenderProviders();
        return ctx;
    }

    /// <summary>Two drafts for one customer, made through the services as the owner.</summary>
    private static async Task<IReadOnlyList<InvoiceView>> ArrangeDraftsAsync(GalaxyBunitContext ctx)
    {
        var customer = await ctx.Services.GetRequiredService<CustomerService>().CreateAsync(new CustomerInput { Name = "Acme Rockets", Email = "ap@acme.test" });
        Assert.True(customer.Succeeded, customer.Message);
        var invoices = ctx.Services.GetRequiredService<InvoiceService>();
        var drafts = new List<InvoiceView>();
        foreach (var price in new long[] { 12_500, 990 })
        {
            var input = (await invoices.NewDraftAsync(customer.Value!.Id)).Value! with { Items = [new LineItemInput("Work", 2m, price, 0m, 10m)] };
            var created = await invoices.CreateAsync(input);
            Assert.True(created.Succeeded, created.Message);
            drafts.Add(created.Value!);
        }
        return drafts;
    }

    [Fact]
    public async Task List_OwnerWithTwoDrafts_ShowsRowsCountsAndNewButton()
    {
        var w = await database.CreateWorkspaceAsync("Invoice List Owner");
        await using var ctx = await EnterAsync(w, w.OwnerUserId, w.OwnerEmail);
        await ArrangeDraftsAsync(ctx);

        var cut = ctx.Render<InvoiceList>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=invoice-link]").Count));
        Assert.Equal("2", cut.Find("[data-testid=tab-all] [data-testid=tab-count]").TextContent.Trim());
        Assert.Equal("2", cut.Find("[data-testid=tab-draft] [data-testid=tab-count]").TextContent.Trim());
        Assert.Equal("0", cut.Find("[data-testid=tab-paid] [data-testid=tab-count]").TextContent.Trim());
        // 2 x 125.00 + 10% tax, formatted by the shared money formatter.
        Assert.Contains(cut.FindAll("[data-testid=invoice-total]"), c => c.TextContent.Trim() == Currencies.Format(27_500, "USD"));
        Assert.Single(cut.FindAll("[data-testid=new-invoice]"));
        Assert.Empty(cut.FindAll("[data-testid=invoice-pdf]")); // drafts have no PDF yet
        Assert.Contains("export.csv?sort=IssueDateDesc", cut.Find("[data-testid=invoices-export]").GetAttribute("href"), StringComparison.Ordinal);

        await MarkupQueries.ClickFreshAsync(() => cut.Find("[data-testid=tab-paid]"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=invoices-no-match]")));
        Assert.Contains("status=paid", cut.Find("[data-testid=invoices-export]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_Viewer_SeesTheDraftButNoActions()
    {
        var w = await database.CreateWorkspaceAsync("Invoice Viewer");
        IReadOnlyList<InvoiceView> drafts;
        await using (var owner = await EnterAsync(w, w.OwnerUserId, w.OwnerEmail)) drafts = await ArrangeDraftsAsync(owner);
        var viewer = await database.AddMemberAsync(w, UserRole.Viewer);
        await using var ctx = await EnterAsync(w, viewer.UserId, viewer.Email);

        var cut = ctx.Render<InvoiceDetails>(p => p.Add(x => x.Id, drafts[0].Id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=invoice-details]")));
        Assert.Equal("Draft", cut.Find("[data-testid=invoice-status]").TextContent.Trim());
        Assert.Equal(Currencies.Format(27_500, "USD"), cut.Find("[data-testid=total-total]").TextContent.Trim());
        foreach (var action in new[] { "invoice-send", "invoice-edit", "invoice-delete", "invoice-duplicate", "invoice-record-payment", "invoice-cancel" })
        {
            Assert.Empty(cut.FindAll($"[data-testid={action}]"));
        }
    }

    [Fact]
    public async Task Details_OwnerDraft_OffersSendEditDeleteButNoPayment()
    {
        var w = await database.CreateWorkspaceAsync("Invoice Owner Actions");
        await using var ctx = await EnterAsync(w, w.OwnerUserId, w.OwnerEmail);
        var drafts = await ArrangeDraftsAsync(ctx);

        var cut = ctx.Render<InvoiceDetails>(p => p.Add(x => x.Id, drafts[1].Id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=invoice-details]")));
        Assert.Single(cut.FindAll("[data-testid=invoice-send]"));
        Assert.Single(cut.FindAll("[data-testid=invoice-edit]"));
        Assert.Single(cut.FindAll("[data-testid=invoice-delete]"));
        Assert.Empty(cut.FindAll("[data-testid=invoice-record-payment]"));
        Assert.Empty(cut.FindAll("[data-testid=invoice-pdf]"));
    }
}
