using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

public enum RelatedKind { Customer, Contact, Prospect, Project, Invoice }

/// <summary>
/// A row linked to a record. <see cref="Status"/> is the other row's own status or stage; <see cref="AmountCents"/>
/// its money (an invoice's total, a project's budget, a prospect's estimated value) in <see cref="Currency"/>.
/// </summary>
public sealed record RelatedRecord(RelatedKind Kind, Guid Id, string Title, string? Subtitle, string? Status, long? AmountCents, string? Currency);

/// <summary>One kind of related rows: the first <see cref="CrmRelatedRecordsService.MaxPerKind"/> and how many there are.</summary>
public sealed record RelatedGroup(RelatedKind Kind, IReadOnlyList<RelatedRecord> Items, int Total);

/// <summary>What a customer, contact or prospect is linked to, grouped by kind (groups without rows are left out).</summary>
public sealed record RelatedRecords(IReadOnlyList<RelatedGroup> Groups)
{
    public RelatedGroup? Of(RelatedKind kind) => Groups.FirstOrDefault(g => g.Kind == kind);
}

/// <summary>The records linked to a customer (contacts, projects, invoices, prospects), a contact (its customer) or a prospect (its customer).</summary>
public sealed class CrmRelatedRecordsService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const int MaxPerKind = 25;

    public async Task<Result<RelatedRecords>> ListAsync(CrmRecordType type, Guid recordId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<RelatedRecords>.From(Result.Forbidden("You can't see records in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var groups = new List<RelatedGroup>();
        switch (type)
        {
            case CrmRecordType.Customer:
                if (!await db.Customers.AnyAsync(c => c.Id == recordId, ct)) return Result<RelatedRecords>.From(Result.NotFound("Customer"));
                var contacts = db.Contacts.AsNoTracking().Where(c => c.CustomerId == recordId);
                groups.Add(new RelatedGroup(RelatedKind.Contact,
                    (await contacts.OrderBy(c => c.FirstName).ThenBy(c => c.LastName).ThenBy(c => c.Email).Take(MaxPerKind)
                        .Select(c => new { c.Id, c.FirstName, c.LastName, c.Email, c.Title }).ToListAsync(ct))
                    .Select(c => new RelatedRecord(RelatedKind.Contact, c.Id, ContactName(c.FirstName, c.LastName, c.Email), c.Title ?? c.Email, null, null, null)).ToList(),
                    await contacts.CountAsync(ct)));
                var prospects = db.Prospects.AsNoTracking().Where(p => p.CustomerId == recordId);
                groups.Add(new RelatedGroup(RelatedKind.Prospect,
                    (await prospects.OrderByDescending(p => p.CreatedAt).Take(MaxPerKind)
                        .Select(p => new { p.Id, p.Name, p.Company, p.Stage, p.EstimatedValue, p.ConvertedToCustomer }).ToListAsync(ct))
                    .Select(p => new RelatedRecord(RelatedKind.Prospect, p.Id, p.Name, p.ConvertedToCustomer ? "Converted to this customer" : p.Company,
                        p.Stage.ToString(), p.EstimatedValue, null)).ToList(),
                    await prospects.CountAsync(ct)));
                var projects = db.Projects.AsNoTracking().Where(p => p.CustomerId == recordId);
                groups.Add(new RelatedGroup(RelatedKind.Project,
                    (await projects.OrderByDescending(p => p.CreatedAt).Take(MaxPerKind)
                        .Select(p => new { p.Id, p.Name, p.Status, p.Budget, p.Progress }).ToListAsync(ct))
                    .Select(p => new RelatedRecord(RelatedKind.Project, p.Id, p.Name, $"{p.Progress}% done", p.Status.ToString(), p.Budget, null)).ToList(),
                    await projects.CountAsync(ct)));
                var invoices = db.Invoices.AsNoTracking().Where(i => i.CustomerId == recordId);
                groups.Add(new RelatedGroup(RelatedKind.Invoice,
                    (await invoices.OrderByDescending(i => i.IssueDate ?? i.CreatedAt).Take(MaxPerKind)
                        .Select(i => new { i.Id, i.InvoiceNumber, i.Status, i.Total, i.Currency, i.DueDate }).ToListAsync(ct))
                    .Select(i => new RelatedRecord(RelatedKind.Invoice, i.Id, i.InvoiceNumber, i.DueDate is { } due ? $"Due {due:d MMM yyyy}" : null,
                        i.Status.ToString(), i.Total, i.Currency)).ToList(),
                    await invoices.CountAsync(ct)));
                break;
            case CrmRecordType.Contact:
                var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == recordId).Select(c => new { c.CustomerId }).FirstOrDefaultAsync(ct);
                if (contact is null) return Result<RelatedRecords>.From(Result.NotFound("Contact"));
                if (await CustomerAsync(db, contact.CustomerId, ct) is { } ofContact) groups.Add(new RelatedGroup(RelatedKind.Customer, [ofContact], 1));
                break;
            case CrmRecordType.Prospect:
                var prospect = await db.Prospects.AsNoTracking().Where(p => p.Id == recordId).Select(p => new { p.CustomerId }).FirstOrDefaultAsync(ct);
                if (prospect is null) return Result<RelatedRecords>.From(Result.NotFound("Prospect"));
                if (await CustomerAsync(db, prospect.CustomerId, ct) is { } ofProspect) groups.Add(new RelatedGroup(RelatedKind.Customer, [ofProspect], 1));
                break;
            default:
                return Result<RelatedRecords>.From(Result.NotFound());
        }
        return new RelatedRecords(groups.Where(g => g.Total > 0).ToList());
    }

    private static async Task<RelatedRecord?> CustomerAsync(GalaxyDbContext db, Guid? customerId, CancellationToken ct)
    {
        if (customerId is null) return null;
        var c = await db.Customers.AsNoTracking().Where(x => x.Id == customerId).Select(x => new { x.Id, x.Name, x.Company, x.Status }).FirstOrDefaultAsync(ct);
        return c is null ? null : new RelatedRecord(RelatedKind.Customer, c.Id, c.Name, c.Company, c.Status.ToString(), null, null);
    }

    private static string ContactName(string? first, string? last, string email) => $"{first} {last}".Trim() is { Length: > 0 } n ? n : email;
}
