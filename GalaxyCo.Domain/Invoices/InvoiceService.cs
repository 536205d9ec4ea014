using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Invoices of the current workspace: list, read, draft, edit, delete, send, cancel. Drafts are editable and deletable;
/// a sent invoice is immutable except for payments (<see cref="InvoicePaymentService"/>) and cancelling. Every change
/// goes through SaveChanges, so the audit trail records each create, edit, delete and transition with its diff.
/// Reading needs records.read (viewers read); everything else the billing flag (<see cref="Permissions.InvoicesSend"/>).
/// </summary>
public sealed class InvoiceService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock, IServiceProvider services,
    ILogger<InvoiceService> logger)
{
    /// <summary>Customers a name search may match before the list gives up on a name match (a search that broad is not a search).</summary>
    public const int MaxSearchCustomers = 500;

    private const string NoBilling = "You need the billing permission to change invoices in this workspace.";
    private const string NoRead = "You can't see invoices in this workspace.";
    private const string Stale = "Someone else changed this invoice in the meantime. Reload to see their change, then try again.";

    public async Task<Result<InvoicePage>> ListAsync(InvoiceQuery query, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<InvoicePage>.From(Result.Forbidden(NoRead));
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = await InvoiceFilter.WhereAsync(db, query, MaxSearchCustomers, ct);

        // The tabs' counts (every status, the other filters honoured). Unfiltered, they are the trigger-kept counters
        // (seven rows); filtered, one grouped query over the few matching invoices.
        var filtered = query.CustomerId is not null || query.IssuedFrom is not null || query.IssuedTo is not null || !string.IsNullOrWhiteSpace(query.Search);
        var counts = filtered
            ? await q.GroupBy(i => i.StatusRank).Select(g => new { Rank = g.Key, Count = g.Count() }).ToListAsync(ct)
            : await db.InvoiceStatusCounts.AsNoTracking().Select(c => new { Rank = c.StatusRank, c.Count }).ToListAsync(ct);
        var statusCounts = Enum.GetValues<InvoiceStatus>().ToDictionary(s => s, s => counts.Where(c => c.Rank == Invoice.RankOf(s)).Sum(c => c.Count));

        q = InvoiceFilter.WithStatus(q, query.Status);
        var total = query.Status is { } s2 ? statusCounts[s2] : statusCounts.Values.Sum();
        var ordered = InvoiceFilter.Sorted(q, query.Sort);
        var size = Math.Clamp(query.PageSize, 1, InvoiceQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        var rows = await ordered.Skip((page - 1) * size).Take(size)
            .Select(i => new
            {
                i.Id, i.InvoiceNumber, i.NumberSequence, i.Status, i.CustomerId, CustomerName = i.Customer!.Name, i.Currency,
                i.Total, i.AmountPaid, i.IssueDate, i.DueDate, i.PaidAt,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new InvoiceRow(r.Id, r.NumberSequence is null && r.Status == InvoiceStatus.Draft ? "Draft" : r.InvoiceNumber, r.Status,
            r.CustomerId, r.CustomerName, r.Currency, r.Total, r.AmountPaid, r.Total - r.AmountPaid, InvoiceDates.ToDate(r.IssueDate), InvoiceDates.ToDate(r.DueDate), r.PaidAt)).ToList();
        return new InvoicePage(items, total, statusCounts);
    }

    public async Task<Result<InvoiceView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<InvoiceView>.From(Result.Forbidden(NoRead));
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await InvoiceViews.LoadAsync(db, id, member, ct);
        return view is null ? Result<InvoiceView>.From(Result.NotFound("Invoice")) : view;
    }

    /// <summary>A blank draft with the workspace's defaults: currency, issued today, due after the default net days, terms and notes.</summary>
    public async Task<Result<InvoiceInput>> NewDraftAsync(Guid? customerId = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceInput>.From(Result.Forbidden(NoBilling));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (customerId is { } cid && !await db.Customers.AnyAsync(c => c.Id == cid, ct)) return Result<InvoiceInput>.From(Result.NotFound("Customer"));
        return await DefaultsAsync(db, customerId ?? Guid.Empty, ct);
    }

    /// <summary>The project's customer and one line per done task that no live invoice bills yet.</summary>
    public async Task<Result<InvoiceInput>> DraftFromProjectAsync(Guid projectId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceInput>.From(Result.Forbidden(NoBilling));
        await using var db = await factory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Id, p.CustomerId }).FirstOrDefaultAsync(ct);
        if (project is null) return Result<InvoiceInput>.From(Result.NotFound("Project"));
        var cancelled = Invoice.RankOf(InvoiceStatus.Cancelled);
        var billed = (await db.Invoices.AsNoTracking().Where(i => i.ProjectId == projectId && i.StatusRank != cancelled).Select(i => i.Items).ToListAsync(ct))
            .SelectMany(items => items).Where(l => l.TaskId is not null).Select(l => l.TaskId!.Value).ToHashSet();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.Status == WorkTaskStatus.Done)
            .OrderBy(t => t.CompletedAt).ThenBy(t => t.Id).Select(t => new { t.Id, t.Title }).ToListAsync(ct);
        var input = await DefaultsAsync(db, project.CustomerId ?? Guid.Empty, ct);
        return input with
        {
            ProjectId = project.Id,
            Items = tasks.Where(t => !billed.Contains(t.Id)).Take(InvoiceInputCheck.MaxItems).Select(t => new LineItemInput(t.Title, 1, 0, TaskId: t.Id)).ToList(),
        };
    }

    /// <summary>A copy of an invoice's customer, project, currency, lines, notes and terms, with new dates.</summary>
    public async Task<Result<InvoiceInput>> DraftFromInvoiceAsync(Guid invoiceId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceInput>.From(Result.Forbidden(NoBilling));
        await using var db = await factory.CreateDbContextAsync(ct);
        var source = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (source is null) return Result<InvoiceInput>.From(Result.NotFound("Invoice"));
        var input = await DefaultsAsync(db, source.CustomerId, ct);
        return input with
        {
            ProjectId = source.ProjectId,
            Currency = source.Currency,
            // Task links stay with the invoice that billed them: a copy bills the work again, not the same tasks.
            Items = source.Items.Select(l => new LineItemInput(l.Description, l.Quantity, l.UnitPriceCents, l.DiscountPercent, l.TaxRatePercent)).ToList(),
            Notes = source.Notes,
            Terms = source.Terms,
        };
    }

    public async Task<Result<InvoiceView>> CreateAsync(InvoiceInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceView>.From(Result.Forbidden(NoBilling));
        await using var db = await factory.CreateDbContextAsync(ct);
        var (value, invalid) = await InvoiceInputCheck.RunAsync(db, input, ct);
        if (invalid is not null) return Result<InvoiceView>.From(invalid);
        var invoice = new Invoice { Status = InvoiceStatus.Draft, CreatedBy = member.UserId };
        invoice.InvoiceNumber = InvoiceNumbering.DraftPlaceholder(invoice.Id);
        Apply(invoice, input, value!);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(db, invoice.Id, ct);
    }

    public async Task<Result<InvoiceView>> UpdateAsync(Guid id, InvoiceInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceView>.From(Result.Forbidden(NoBilling));
        await using var db = await factory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return Result<InvoiceView>.From(Result.NotFound("Invoice"));
        if (invoice.Status != InvoiceStatus.Draft)
            return Result<InvoiceView>.From(Result.Conflict($"Invoice {invoice.InvoiceNumber} was sent and can't be edited any more; cancel it and issue a new one instead."));
        db.Entry(invoice).Property(i => i.Version).OriginalValue = version;
        var (value, invalid) = await InvoiceInputCheck.RunAsync(db, input, ct);
        if (invalid is not null) return Result<InvoiceView>.From(invalid);
        Apply(invoice, input, value!);
        if (!await TrySaveAsync(db, ct)) return Result<InvoiceView>.From(Result.Conflict(Stale));
        return await ViewAsync(db, id, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result.Forbidden(NoBilling);
        await using var db = await factory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return Result.NotFound("Invoice");
        if (invoice.Status != InvoiceStatus.Draft)
            return Result.Conflict($"Invoice {invoice.InvoiceNumber} was sent, so it keeps its number and can't be deleted; cancel it to void it.");
        db.Invoices.Remove(invoice);
        return await TrySaveAsync(db, ct) ? Result.Ok() : Result.Conflict(Stale);
    }

    /// <summary>
    /// Numbers the draft and marks it sent in one transaction (see <see cref="InvoiceNumbering"/>), then mails it.
    /// A mail that fails does not undo the send: the result succeeds with a warning in its message.
    /// </summary>
    public async Task<Result<InvoiceView>> SendAsync(Guid id, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceView>.From(Result.Forbidden(NoBilling));
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct);
            if (invoice is null) return Result<InvoiceView>.From(Result.NotFound("Invoice"));
            if (invoice.Status != InvoiceStatus.Draft)
                return Result<InvoiceView>.From(Result.Conflict($"Invoice {invoice.InvoiceNumber} was already sent; only a draft can be sent."));
            if (invoice.Version != version) return Result<InvoiceView>.From(Result.Conflict(Stale));
            // The stored draft must still be a valid invoice (its customer may have been deleted since, say).
            var (_, invalid) = await InvoiceInputCheck.RunAsync(db, ToInput(invoice), ct);
            if (invalid is not null) return Result<InvoiceView>.From(Result.Invalid(invalid.FieldErrors));

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var taken = await InvoiceNumbering.TakeAsync(db, member.WorkspaceId, now, ct);
            var issue = InvoiceDates.ToDate(invoice.IssueDate) ?? InvoiceDates.Today(clock);
            invoice.NumberSequence = taken.Sequence;
            invoice.InvoiceNumber = taken.Format(issue);
            invoice.Status = InvoiceStatus.Sent;
            invoice.SentAt = now;
            db.Entry(invoice).Property(i => i.Version).OriginalValue = version;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Rolling back returns the number to the counter: no gap.
                await tx.RollbackAsync(ct);
                return Result<InvoiceView>.From(Result.Conflict(Stale));
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                // An imported or hand-numbered invoice already carries this number (e.g. the format was changed back).
                await tx.RollbackAsync(ct);
                return Result<InvoiceView>.From(Result.Conflict(
                    $"The number {invoice.InvoiceNumber} is already used by another invoice. Raise the next number (or change the format) in the invoice settings, then send again."));
            }
            await tx.CommitAsync(ct);
        }

        string? warning = null;
        try
        {
            var mailed = await services.GetRequiredService<InvoiceMailer>().MailAsync(id, ct);
            if (!mailed.Succeeded) warning = $"The invoice was sent (numbered) but could not be emailed: {mailed.Message}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not mail invoice {InvoiceId}", id);
            warning = "The invoice was sent (numbered) but could not be emailed; download the PDF and send it yourself, or try again later.";
        }
        await using var read = await factory.CreateDbContextAsync(ct);
        var view = await InvoiceViews.LoadAsync(read, id, member, ct);
        return view is null ? Result<InvoiceView>.From(Result.NotFound("Invoice")) : Result<InvoiceView>.Ok(view, warning);
    }

    /// <summary>Voids a sent or overdue invoice with no payments standing; it keeps its number.</summary>
    public async Task<Result<InvoiceView>> CancelAsync(Guid id, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceView>.From(Result.Forbidden(NoBilling));
        await using var db = await factory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return Result<InvoiceView>.From(Result.NotFound("Invoice"));
        var refusal = invoice.Status switch
        {
            InvoiceStatus.Draft => "A draft has no number to void; delete it instead.",
            InvoiceStatus.Paid => $"Invoice {invoice.InvoiceNumber} is paid; reverse its payments before cancelling it.",
            InvoiceStatus.Cancelled => $"Invoice {invoice.InvoiceNumber} is already cancelled.",
            _ => null,
        };
        if (refusal is not null) return Result<InvoiceView>.From(Result.Conflict(refusal));
        if (await db.InvoicePayments.AnyAsync(p => p.InvoiceId == id && p.ReversedAt == null, ct))
            return Result<InvoiceView>.From(Result.Conflict($"Invoice {invoice.InvoiceNumber} has payments recorded; reverse them before cancelling it."));
        db.Entry(invoice).Property(i => i.Version).OriginalValue = version;
        invoice.Status = InvoiceStatus.Cancelled;
        invoice.CancelledAt = clock.GetUtcNow().UtcDateTime;
        if (!await TrySaveAsync(db, ct)) return Result<InvoiceView>.From(Result.Conflict(Stale));
        return await ViewAsync(db, id, ct);
    }

    private async Task<InvoiceInput> DefaultsAsync(GalaxyDbContext db, Guid customerId, CancellationToken ct)
    {
        var settings = await db.InvoiceSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new InvoiceSettings();
        var today = InvoiceDates.Today(clock);
        return new InvoiceInput
        {
            CustomerId = customerId,
            Currency = settings.DefaultCurrency,
            IssueDate = today,
            DueDate = today.AddDays(settings.DefaultNetDays),
            Notes = settings.DefaultNotes,
            Terms = settings.DefaultTerms,
        };
    }

    private static void Apply(Invoice invoice, InvoiceInput input, InvoiceInputCheck.Checked value)
    {
        invoice.CustomerId = input.CustomerId;
        invoice.ProjectId = input.ProjectId;
        invoice.Currency = value.Currency;
        invoice.IssueDate = InvoiceDates.ToColumn(input.IssueDate);
        invoice.DueDate = InvoiceDates.ToColumn(input.DueDate);
        invoice.Items = value.Items;
        invoice.Subtotal = value.Subtotal;
        invoice.Tax = value.Tax;
        invoice.Total = value.Total;
        invoice.Notes = value.Notes;
        invoice.Terms = value.Terms;
    }

    internal static InvoiceInput ToInput(Invoice invoice) => new()
    {
        CustomerId = invoice.CustomerId,
        ProjectId = invoice.ProjectId,
        Currency = invoice.Currency,
        IssueDate = InvoiceDates.ToDate(invoice.IssueDate) ?? default,
        DueDate = InvoiceDates.ToDate(invoice.DueDate) ?? default,
        Items = invoice.Items.Select(l => new LineItemInput(l.Description, l.Quantity, l.UnitPriceCents, l.DiscountPercent, l.TaxRatePercent, l.TaskId)).ToList(),
        Notes = invoice.Notes,
        Terms = invoice.Terms,
    };

    private async Task<Result<InvoiceView>> ViewAsync(GalaxyDbContext db, Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var view = await InvoiceViews.LoadAsync(db, id, member, ct);
        return view is null ? Result<InvoiceView>.From(Result.NotFound("Invoice")) : view;
    }

    private static async Task<bool> TrySaveAsync(GalaxyDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
