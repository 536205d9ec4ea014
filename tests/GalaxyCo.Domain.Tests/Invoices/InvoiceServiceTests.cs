using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Invoices.InvoiceTestData;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoiceServiceTests(PostgresDatabase db)
{
    [Fact]
    public async Task CreateAsync_ValidDraft_StoresServerComputedAmountsInMinorUnits()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Invoice Create");
        var customer = await host.CustomerAsync(w, "Acme Ltd");
        await using var owner = await host.OwnerOfAsync(w);

        var view = Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today, "usd",
            new LineItemInput("Design", 1.5m, 12_345, 10, 8.25m),
            new LineItemInput("Hosting", 3, 999, 0, 0))));

        // 1.5 × 123.45 × 0.9 = 166.6575 -> 166.66; tax 8.25 % = 13.74945 -> 13.75; 3 × 9.99 = 29.97.
        Assert.Equal(InvoiceStatus.Draft, view.Status);
        Assert.Equal("USD", view.Currency);
        Assert.Equal([16_666L, 2_997L], view.Items.Select(i => i.Amount));
        Assert.Equal([1_375L, 0L], view.Items.Select(i => i.TaxAmount));
        Assert.Equal((19_663L, 1_375L, 21_038L, 21_038L), (view.Subtotal, view.Tax, view.Total, view.Balance));
        Assert.Equal([new TaxLine(0m, 2_997, 0), new TaxLine(8.25m, 16_666, 1_375)], view.TaxBreakdown);
        Assert.Equal("Acme Ltd", view.CustomerName);
        Assert.True(view.CanEdit && view.CanSend && view.CanDelete && !view.CanRecordPayment);

        var stored = await host.ReadAsync(w.Id, c => c.Invoices.SingleAsync());
        Assert.Equal([16_666L, 2_997L], stored.Items.Select(i => i.Amount));
        Assert.Equal(w.OwnerUserId, stored.CreatedBy);
        var audit = await host.ReadAsync(w.Id, c => c.AuditLogs.Where(a => a.ResourceType == "invoice" && a.ResourceId == view.Id.ToString()).ToListAsync());
        Assert.Equal("create", Assert.Single(audit).Action);
    }

    [Fact]
    public async Task CreateAsync_InvalidFields_AnswersFieldErrors()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Invoice Invalid");
        var customer = await host.CustomerAsync(w, "Valid Co");
        await using var owner = await host.OwnerOfAsync(w);
        var issue = host.Today;

        var bad = await owner.Invoices.CreateAsync(new InvoiceInput
        {
            CustomerId = Guid.NewGuid(),
            ProjectId = Guid.NewGuid(),
            Currency = "XYZ",
            IssueDate = issue,
            DueDate = issue.AddDays(-1),
            Items =
            [
                new LineItemInput("ok", 1, 100),
                new LineItemInput("too precise", 1.0005m, 100),
                new LineItemInput("negative price", 1, -1),
                new LineItemInput("discount", 1, 100, 12.345m),
                new LineItemInput("tax", 1, 100, 0, 100.5m),
                new LineItemInput("", 0, 100),
                new LineItemInput("too many", 1_000_001, 100),
            ],
        });
        Assert.Equal(ResultStatus.Invalid, bad.Status);
        foreach (var key in new[] { "customerId", "projectId", "currency", "dueDate", "items[1].quantity", "items[2].unitPrice", "items[3].discountPercent",
                     "items[4].taxRatePercent", "items[5].description", "items[5].quantity", "items[6].quantity" })
            Assert.NotNull(bad.ErrorFor(key));
        Assert.Null(bad.ErrorFor("items[0].quantity"));

        Assert.NotNull((await owner.Invoices.CreateAsync(Draft(customer, issue) with { Items = [] })).ErrorFor("items"));
        var tooMany = Enumerable.Range(0, 201).Select(i => new LineItemInput($"l{i}", 1, 1)).ToList();
        Assert.NotNull((await owner.Invoices.CreateAsync(Draft(customer, issue) with { Items = tooMany })).ErrorFor("items"));
        Ok(await owner.Invoices.CreateAsync(Draft(customer, issue) with { Items = tooMany.Take(200).ToList() }));
        Ok(await owner.Invoices.CreateAsync(Draft(customer, issue, "JPY", new LineItemInput("yen", 1.001m, 999_999, 12.5m, 10.125m))));
        Assert.Equal(1, await host.ReadAsync(w.Id, c => c.Invoices.CountAsync(i => i.Currency == "JPY")));
    }

    [Fact]
    public async Task Transitions_DraftSentCancelled_FollowTheLifeCycleAndRefuseIllegalMoves()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Invoice Life");
        var customer = await host.CustomerAsync(w, "Life Co");
        await using var owner = await host.OwnerOfAsync(w);
        var draft = Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today)));

        var cancelDraft = await owner.Invoices.CancelAsync(draft.Id, draft.Version);
        Assert.Equal(ResultStatus.Conflict, cancelDraft.Status);
        Assert.Contains("delete it instead", cancelDraft.Message, StringComparison.Ordinal);

        var sent = Ok(await owner.Invoices.SendAsync(draft.Id, draft.Version));
        Assert.Equal(InvoiceStatus.Sent, sent.Status);
        Assert.NotNull(sent.SentAt);
        Assert.True(sent.IsNumbered);
        Assert.False(sent.CanEdit || sent.CanDelete || sent.CanSend);
        Assert.True(sent.CanCancel && sent.CanRecordPayment);

        var edit = await owner.Invoices.UpdateAsync(sent.Id, Draft(customer, host.Today), sent.Version);
        Assert.Equal(ResultStatus.Conflict, edit.Status);
        Assert.Contains("can't be edited", edit.Message, StringComparison.Ordinal);
        var delete = await owner.Invoices.DeleteAsync(sent.Id);
        Assert.Equal(ResultStatus.Conflict, delete.Status);

        var cancelled = Ok(await owner.Invoices.CancelAsync(sent.Id, sent.Version));
        Assert.Equal(InvoiceStatus.Cancelled, cancelled.Status);
        Assert.Equal(sent.Number, cancelled.Number);
        Assert.NotNull(cancelled.CancelledAt);
        Assert.False(cancelled.CanCancel || cancelled.CanRecordPayment);
        Assert.Equal(ResultStatus.Conflict, (await owner.Invoices.CancelAsync(sent.Id, cancelled.Version)).Status);
        Assert.Equal(ResultStatus.Conflict, (await owner.Invoices.SendAsync(sent.Id, cancelled.Version)).Status);

        var statusChanges = await host.ReadAsync(w.Id, c => c.AuditLogs.Where(a => a.ResourceType == "invoice" && a.ResourceId == sent.Id.ToString() && a.Action == "update")
            .OrderBy(a => a.CreatedAt).ToListAsync());
        Assert.Equal(["Sent", "Cancelled"], statusChanges.Select(a => a.Changes["status"].After));
    }

    [Fact]
    public async Task UpdateAndDelete_Draft_EditsWithVersionCheckAndDeletes()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Invoice Edit");
        var customer = await host.CustomerAsync(w, "Edit Co");
        await using var owner = await host.OwnerOfAsync(w);
        var draft = Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today)));

        var edited = Ok(await owner.Invoices.UpdateAsync(draft.Id, Draft(customer, host.Today, "KWD", new LineItemInput("Fils", 2, 1_250, 0, 5)), draft.Version));
        Assert.Equal(("KWD", 2_500L, 125L, 2_625L), (edited.Currency, edited.Subtotal, edited.Tax, edited.Total));
        Assert.Equal(ResultStatus.Conflict, (await owner.Invoices.UpdateAsync(draft.Id, Draft(customer, host.Today), draft.Version)).Status);

        Assert.True((await owner.Invoices.DeleteAsync(draft.Id)).Succeeded);
        Assert.Equal(ResultStatus.NotFound, (await owner.Invoices.GetAsync(draft.Id)).Status);
        Assert.Contains("delete", await host.ReadAsync(w.Id, c => c.AuditLogs.Where(a => a.ResourceId == draft.Id.ToString()).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task SendAsync_CustomerWithEmail_MailsThePdfAndCustomerWithoutEmail_WarnsButStaysSent()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Invoice Mail");
        var mailed = await host.CustomerAsync(w, "Mailed Co", "billing@mailed.test");
        var silent = await host.CustomerAsync(w, "Silent Co");
        await using var owner = await host.OwnerOfAsync(w);

        var ok = await owner.Invoices.SendAsync(Ok(await owner.Invoices.CreateAsync(Draft(mailed, host.Today))).Id, 0);
        Assert.Equal(ResultStatus.Conflict, ok.Status); // version 0 is stale
        var draft = Ok(await owner.Invoices.CreateAsync(Draft(mailed, host.Today)));
        var sent = await owner.Invoices.SendAsync(draft.Id, draft.Version);
        Assert.True(sent.Succeeded, sent.Message);
        Assert.Null(sent.Message);
        Assert.Contains(Directory.GetFiles(host.MailFolder), f => File.ReadAllText(f).Contains("billing@mailed.test", StringComparison.OrdinalIgnoreCase));

        var other = Ok(await owner.Invoices.CreateAsync(Draft(silent, host.Today)));
        var warned = await owner.Invoices.SendAsync(other.Id, other.Version);
        Assert.True(warned.Succeeded);
        Assert.Equal(InvoiceStatus.Sent, warned.Value!.Status);
        Assert.Contains("could not be emailed", warned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_FromDefaultsProjectAndInvoice_PrefillTheEditor()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Invoice Prefill");
        var customer = await host.CustomerAsync(w, "Prefill Co");
        var project = await host.ProjectAsync(w, "Website", customer);
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            ctx.Tasks.AddRange(
                new WorkTask { Title = "Wireframes", ProjectId = project, Status = WorkTaskStatus.Done, CompletedAt = DateTime.UtcNow.AddDays(-2) },
                new WorkTask { Title = "Build", ProjectId = project, Status = WorkTaskStatus.Done, CompletedAt = DateTime.UtcNow.AddDays(-1) },
                new WorkTask { Title = "Launch", ProjectId = project, Status = WorkTaskStatus.InProgress });
            await ctx.SaveChangesAsync();
        }
        await using var owner = await host.OwnerOfAsync(w);
        var settings = Ok(await owner.Settings.GetAsync());
        Ok(await owner.Settings.SaveAsync(settings with { DefaultCurrency = "EUR", DefaultNetDays = 15, DefaultTerms = "Net 15" }));

        var blank = Ok(await owner.Invoices.NewDraftAsync(customer));
        Assert.Equal(("EUR", host.Today, host.Today.AddDays(15), "Net 15"), (blank.Currency, blank.IssueDate, blank.DueDate, blank.Terms));

        var fromProject = Ok(await owner.Invoices.DraftFromProjectAsync(project));
        Assert.Equal(customer, fromProject.CustomerId);
        Assert.Equal(["Wireframes", "Build"], fromProject.Items.Select(i => i.Description));
        var billed = Ok(await owner.Invoices.CreateAsync(fromProject with { Items = [fromProject.Items[0] with { UnitPrice = 50_000 }] }));
        Assert.Equal(["Build"], Ok(await owner.Invoices.DraftFromProjectAsync(project)).Items.Select(i => i.Description));

        var copy = Ok(await owner.Invoices.DraftFromInvoiceAsync(billed.Id));
        Assert.Equal((customer, project, "EUR"), (copy.CustomerId, copy.ProjectId, copy.Currency));
        Assert.Equal(50_000, Assert.Single(copy.Items).UnitPrice);
        Assert.Null(copy.Items[0].TaskId);
        Assert.Equal(ResultStatus.NotFound, (await owner.Invoices.DraftFromProjectAsync(Guid.NewGuid())).Status);
    }

    [Fact]
    public async Task ListAsync_StatusSearchAndCustomer_FiltersWithTabCounts()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Invoice List");
        var globex = await host.CustomerAsync(w, "Globex Corporation");
        var initech = await host.CustomerAsync(w, "Initech");
        await using var owner = await host.OwnerOfAsync(w);
        var g1 = await SentAsync(owner, Draft(globex, host.Today.AddDays(-3)));
        var i1 = await SentAsync(owner, Draft(initech, host.Today.AddDays(-2)));
        var gDraft = Ok(await owner.Invoices.CreateAsync(Draft(globex, host.Today.AddDays(-1))));
        Ok(await owner.Invoices.CancelAsync(i1.Id, i1.Version));

        var all = Ok(await owner.Invoices.ListAsync(new InvoiceQuery()));
        Assert.Equal(3, all.Total);
        Assert.Equal([gDraft.Id, i1.Id, g1.Id], all.Items.Select(r => r.Id));
        Assert.Equal("Draft", all.Items[0].Number);
        Assert.Equal((1, 1, 1, 0), (all.StatusCounts[InvoiceStatus.Draft], all.StatusCounts[InvoiceStatus.Sent], all.StatusCounts[InvoiceStatus.Cancelled], all.StatusCounts[InvoiceStatus.Paid]));

        var sentTab = Ok(await owner.Invoices.ListAsync(new InvoiceQuery { Status = InvoiceStatus.Sent }));
        Assert.Equal(g1.Id, Assert.Single(sentTab.Items).Id);
        Assert.Equal(3, sentTab.StatusCounts.Values.Sum());

        Assert.Equal([gDraft.Id, g1.Id], Ok(await owner.Invoices.ListAsync(new InvoiceQuery { Search = "glob" })).Items.Select(r => r.Id));
        Assert.Equal([gDraft.Id, g1.Id], Ok(await owner.Invoices.ListAsync(new InvoiceQuery { Search = "corp" })).Items.Select(r => r.Id));
        Assert.Equal([i1.Id], Ok(await owner.Invoices.ListAsync(new InvoiceQuery { Search = i1.Number })).Items.Select(r => r.Id));
        Assert.Equal(2, Ok(await owner.Invoices.ListAsync(new InvoiceQuery { Search = $"inv-{host.Today.Year}" })).Total);
        Assert.Equal([i1.Id], Ok(await owner.Invoices.ListAsync(new InvoiceQuery { CustomerId = initech })).Items.Select(r => r.Id));
        Assert.Equal([g1.Id], Ok(await owner.Invoices.ListAsync(new InvoiceQuery { IssuedTo = host.Today.AddDays(-3) })).Items.Select(r => r.Id));
        var paged = Ok(await owner.Invoices.ListAsync(new InvoiceQuery { PageSize = 2, Page = 2 }));
        Assert.Equal((3, g1.Id), (paged.Total, Assert.Single(paged.Items).Id));
    }

    [Fact]
    public async Task ListAsync_TabCounts_FollowDeletesAndPaymentsAndStayPerWorkspace()
    {
        using var host = new InvoiceHost(db);
        var a = await db.CreateWorkspaceAsync("Invoice Counts A");
        var b = await db.CreateWorkspaceAsync("Invoice Counts B");
        var acme = await host.CustomerAsync(a, "Acme");
        var other = await host.CustomerAsync(b, "Other");
        await using var ownerA = await host.OwnerOfAsync(a);
        await using var ownerB = await host.OwnerOfAsync(b);
        var keep = Ok(await ownerA.Invoices.CreateAsync(Draft(acme, host.Today)));
        var gone = Ok(await ownerA.Invoices.CreateAsync(Draft(acme, host.Today)));
        var paid = await SentAsync(ownerA, Draft(acme, host.Today));
        Ok(await ownerB.Invoices.CreateAsync(Draft(other, host.Today)));
        Assert.True((await ownerA.Invoices.DeleteAsync(gone.Id)).Succeeded);
        Ok(await ownerA.Payments.RecordAsync(paid.Id, new PaymentInput(paid.Total, host.Today, PaymentMethods.Card)));

        // The unfiltered tabs read the trigger-kept counters; a customer filter counts the rows: both must agree.
        var counters = Ok(await ownerA.Invoices.ListAsync(new InvoiceQuery())).StatusCounts;
        var counted = Ok(await ownerA.Invoices.ListAsync(new InvoiceQuery { CustomerId = acme })).StatusCounts;
        Assert.Equal(counted, counters);
        Assert.Equal((1, 0, 1), (counters[InvoiceStatus.Draft], counters[InvoiceStatus.Sent], counters[InvoiceStatus.Paid]));
        Assert.Equal(1, Ok(await ownerB.Invoices.ListAsync(new InvoiceQuery())).StatusCounts.Values.Sum());
        Assert.Equal(keep.Id, Ok(await ownerA.Invoices.ListAsync(new InvoiceQuery { Status = InvoiceStatus.Draft })).Items.Single().Id);
    }
}
