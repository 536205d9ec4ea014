using GalaxyCo.Data;
using GalaxyCo.Domain.Invoices;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GalaxyCo.Domain.Tests.Invoices.InvoiceTestData;

namespace GalaxyCo.Domain.Tests.Invoices;

[Collection(PostgresCollection.Name)]
public sealed class InvoiceNumberingTests(PostgresDatabase db)
{
    [Fact]
    public async Task SendAsync_FiftyConcurrentSends_NumbersOneToFiftyWithoutGapOrDuplicate()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Numbering Race");
        var customer = await host.CustomerAsync(w, "Race Customer");
        var drafts = new List<InvoiceView>();
        await using (var owner = await host.OwnerOfAsync(w))
        {
            for (var i = 0; i < 50; i++) drafts.Add(Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today))));
        }

        // Each send in its own scope (its own circuit), all at once.
        var sends = drafts.Select(async d =>
        {
            await using var actor = await host.OwnerOfAsync(w);
            return await actor.Invoices.SendAsync(d.Id, d.Version);
        }).ToList();
        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        var rows = await host.ReadAsync(w.Id, c => c.Invoices.Select(i => new { i.NumberSequence, i.InvoiceNumber, i.Status }).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 50), rows.Select(r => r.NumberSequence!.Value).Order());
        Assert.All(rows, r => Assert.Equal(InvoiceStatus.Sent, r.Status));
        Assert.Equal(50, rows.Select(r => r.InvoiceNumber).Distinct().Count());
        Assert.Contains($"INV-{host.Today.Year}-0050", rows.Select(r => r.InvoiceNumber));
        Assert.Equal(51, await host.ReadAsync(w.Id, c => c.InvoiceSettings.Select(s => s.NextNumber).SingleAsync()));
    }

    [Fact]
    public async Task SendAsync_TwoWorkspaces_HaveIndependentSequences()
    {
        using var host = new InvoiceHost(db);
        var a = await db.CreateWorkspaceAsync("Numbering A");
        var b = await db.CreateWorkspaceAsync("Numbering B");
        var ca = await host.CustomerAsync(a, "A Customer");
        var cb = await host.CustomerAsync(b, "B Customer");
        await using var ownerA = await host.OwnerOfAsync(a);
        await using var ownerB = await host.OwnerOfAsync(b);

        var a1 = await SentAsync(ownerA, Draft(ca, host.Today));
        var a2 = await SentAsync(ownerA, Draft(ca, host.Today));
        var b1 = await SentAsync(ownerB, Draft(cb, host.Today));
        var a3 = await SentAsync(ownerA, Draft(ca, host.Today));

        var year = host.Today.Year;
        Assert.Equal([$"INV-{year}-0001", $"INV-{year}-0002", $"INV-{year}-0003"], new[] { a1.Number, a2.Number, a3.Number });
        Assert.Equal($"INV-{year}-0001", b1.Number);
    }

    [Fact]
    public async Task SendAsync_CustomFormat_UsesPrefixYearOfIssueAndPadding()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Numbering Format");
        var customer = await host.CustomerAsync(w, "Format Customer");
        await using var owner = await host.OwnerOfAsync(w);
        var settings = Ok(await owner.Settings.GetAsync());
        Ok(await owner.Settings.SaveAsync(settings with { Prefix = "GC/", IncludeYear = false, Padding = 6, NextNumber = 42 }));

        var sent = await SentAsync(owner, Draft(customer, new DateOnly(2025, 12, 31)));
        Assert.Equal("GC/000042", sent.Number);
        Assert.Equal(new DateOnly(2025, 12, 31), sent.IssueDate);

        settings = Ok(await owner.Settings.GetAsync());
        Assert.Equal("GC/000043", settings.NextNumberPreview);
        Ok(await owner.Settings.SaveAsync(settings with { IncludeYear = true, Prefix = "INV-", Padding = 4 }));
        Assert.Equal("INV-2025-0043", (await SentAsync(owner, Draft(customer, new DateOnly(2025, 6, 1)))).Number);

        var backwards = await owner.Settings.SaveAsync(Ok(await owner.Settings.GetAsync()) with { NextNumber = 43 });
        Assert.Equal(ResultStatus.Invalid, backwards.Status);
        Assert.NotNull(backwards.ErrorFor("nextNumber"));
    }

    [Fact]
    public async Task SendAsync_StaleVersionOrAlreadySent_RefusedWithoutUsingANumber()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Numbering Stale");
        var customer = await host.CustomerAsync(w, "Stale Customer");
        await using var owner = await host.OwnerOfAsync(w);
        var draft = Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today)));
        Assert.StartsWith("Draft", draft.Number, StringComparison.Ordinal);
        var edited = Ok(await owner.Invoices.UpdateAsync(draft.Id, Draft(customer, host.Today) with { Notes = "edited" }, draft.Version));

        Assert.Equal(ResultStatus.Conflict, (await owner.Invoices.SendAsync(draft.Id, draft.Version)).Status);
        var sent = Ok(await owner.Invoices.SendAsync(edited.Id, edited.Version));
        var again = await owner.Invoices.SendAsync(sent.Id, sent.Version);
        Assert.Equal(ResultStatus.Conflict, again.Status);
        Assert.Contains("already sent", again.Message, StringComparison.Ordinal);

        var next = await SentAsync(owner, Draft(customer, host.Today));
        Assert.Equal([1, 2], await host.ReadAsync(w.Id, c => c.Invoices.OrderBy(i => i.NumberSequence).Select(i => i.NumberSequence!.Value).ToListAsync()));
        Assert.EndsWith("-0002", next.Number, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Drafts_GetUniquePlaceholderNumbers()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Numbering Drafts");
        var customer = await host.CustomerAsync(w, "Draft Customer");
        await using var owner = await host.OwnerOfAsync(w);
        for (var i = 0; i < 20; i++) Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today)));

        var rows = await host.ReadAsync(w.Id, c => c.Invoices.Select(i => new { i.Id, i.InvoiceNumber, i.NumberSequence }).ToListAsync());
        Assert.All(rows, r => Assert.Equal(InvoiceNumbering.DraftPlaceholder(r.Id), r.InvoiceNumber));
        Assert.All(rows, r => Assert.Matches("^DRAFT-[0-9A-F]{12}$", r.InvoiceNumber));
        Assert.All(rows, r => Assert.Null(r.NumberSequence));
        Assert.Equal(20, rows.Select(r => r.InvoiceNumber).Distinct().Count());
    }

    [Fact]
    public async Task SendAsync_NumberAlreadyTakenByAnImportedInvoice_ConflictsAndGivesTheNumberBack()
    {
        using var host = new InvoiceHost(db);
        var w = await db.CreateWorkspaceAsync("Numbering Taken");
        var customer = await host.CustomerAsync(w, "Taken Customer");
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            ctx.Invoices.Add(new GalaxyCo.Data.Invoices.Invoice { InvoiceNumber = "INV-0001", Status = InvoiceStatus.Paid, CustomerId = customer, Currency = "USD" });
            await ctx.SaveChangesAsync();
        }
        await using var owner = await host.OwnerOfAsync(w);
        Ok(await owner.Settings.SaveAsync(Ok(await owner.Settings.GetAsync()) with { IncludeYear = false }));
        var draft = Ok(await owner.Invoices.CreateAsync(Draft(customer, host.Today)));

        var clash = await owner.Invoices.SendAsync(draft.Id, draft.Version);
        Assert.Equal(ResultStatus.Conflict, clash.Status);
        Assert.Contains("INV-0001 is already used", clash.Message, StringComparison.Ordinal);
        Assert.Equal(1, Ok(await owner.Settings.GetAsync()).NextNumber);
        Assert.Equal(InvoiceStatus.Draft, Ok(await owner.Invoices.GetAsync(draft.Id)).Status);

        var settings = Ok(await owner.Settings.GetAsync());
        Ok(await owner.Settings.SaveAsync(settings with { NextNumber = 2 }));
        Assert.Equal("INV-0002", Ok(await owner.Invoices.SendAsync(draft.Id, draft.Version)).Number);
    }
}
