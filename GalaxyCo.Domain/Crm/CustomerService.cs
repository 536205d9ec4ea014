using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>Customers of the current workspace: list, read, create, edit, delete, and duplicate warnings.</summary>
public sealed class CustomerService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const int NameMaxLength = 200;

    public async Task<Result<CrmPage<CustomerView>>> ListAsync(CustomerQuery query, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<CrmPage<CustomerView>>.From(Result.Forbidden("You can't see customers in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (query.Sort == CustomerSort.Name && query.Status is null && CrmText.Tag(query.Tag) is null && query.Owner(member.UserId) is null && query.Except is not { Count: > 0 }
            && CrmText.SearchWords(query.Search) is { Count: > 0 })
        {
            var (ids, matched) = await CrmSearch.NameOrderedPageAsync(db, CrmRecordType.Customer, CrmText.Clip(query.Search), query.Direction == SortDirection.Descending,
                (query.EffectivePage - 1) * query.EffectivePageSize, query.EffectivePageSize, ct);
            var found = await db.Customers.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
            return new CrmPage<CustomerView>(CrmSearch.InOrderOf(ids, found).Select(CustomerView.From).ToList(), matched, query.EffectivePage, query.EffectivePageSize) { CountCap = int.MaxValue };
        }
        var q = CrmText.Search(db.Customers.AsNoTracking(), db, CrmRecordType.Customer, query.Search);
        q = query.Without(q);
        if (query.Status is { } status) q = q.Where(c => c.Status == status);
        int? tagged = null;
        if (CrmText.Tag(query.Tag) is { } tag)
        {
            tagged = await CrmSearch.TaggedCountAsync(db, CrmRecordType.Customer, tag, ct);
            q = tagged > CrmSearch.CommonTagRecords ? q.Where(c => c.Tags.Contains(tag)) : CrmSearch.WithTag(q, db, CrmRecordType.Customer, tag);
        }
        if (query.Owner(member.UserId) is { } owner) q = q.Where(c => c.AssignedTo == owner);

        var cap = CrmListQuery.CountCapFor(query.Search);
        // A tag alone: its term rows are the exact total, without touching the records.
        var tagOnly = tagged is not null && string.IsNullOrWhiteSpace(query.Search) && query.Status is null
            && query.Owner(member.UserId) is null && query.Except is not { Count: > 0 };
        var total = tagOnly ? tagged!.Value : await CrmListQuery.CappedCountAsync(q, cap, ct);
        if (tagOnly) cap = int.MaxValue;
        var sorted = query.Sort switch
        {
            CustomerSort.Email => query.Order(q, c => c.Email),
            CustomerSort.Company => query.Order(q, c => c.Company),
            CustomerSort.Status => query.Order(q, c => c.Status),
            CustomerSort.Revenue => query.Order(q, c => c.Revenue),
            CustomerSort.CreatedAt => query.Order(q, c => c.CreatedAt),
            CustomerSort.UpdatedAt => query.Order(q, c => c.UpdatedAt),
            CustomerSort.LastContactedAt => query.Order(q, c => c.LastContactedAt),
            _ => query.Order(q, c => c.Name),
        };
        var rows = await query.PageOf(sorted.ThenBy(c => c.Id), ct);
        return new CrmPage<CustomerView>(rows.Select(CustomerView.From).ToList(), total, query.EffectivePage, query.EffectivePageSize) { CountCap = cap };
    }

    public async Task<Result<CustomerView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<CustomerView>.From(Result.Forbidden("You can't see customers in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return customer is null ? Result<CustomerView>.From(Result.NotFound("Customer")) : CustomerView.From(customer);
    }

    /// <summary>Customers with the same email or company (case-insensitive), for a warning before creating another.</summary>
    public async Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(string? email, string? company, Guid? exceptId = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return [];
        var emailPattern = string.IsNullOrWhiteSpace(email) ? null : LikePattern.Literal(email.Trim());
        var companyPattern = string.IsNullOrWhiteSpace(company) ? null : LikePattern.Literal(company.Trim());
        if (emailPattern is null && companyPattern is null) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Customers.AsNoTracking()
            .Where(c => c.Id != exceptId
                && ((emailPattern != null && EF.Functions.ILike(c.Email!, emailPattern, LikePattern.Escape)) || (companyPattern != null && EF.Functions.ILike(c.Company!, companyPattern, LikePattern.Escape))))
            .OrderBy(c => c.Name).ThenBy(c => c.Id).Take(10)
            .Select(c => new { c.Id, c.Name, c.Email, c.Company })
            .ToListAsync(ct);
        return rows.Select(c => new DuplicateMatch(c.Id, c.Name, c.Email, c.Company,
            emailPattern != null && string.Equals(c.Email, email!.Trim(), StringComparison.OrdinalIgnoreCase) ? "email" : "company")).ToList();
    }

    public async Task<Result<CustomerView>> CreateAsync(CustomerInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<CustomerView>.From(Result.Forbidden("You can't add customers in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var customer = new Customer();
        if (await ApplyAsync(db, customer, input, creating: true, ct) is { } invalid) return Result<CustomerView>.From(invalid);
        await CrmAssignmentNotices.AddAsync(db, member, [new(CrmRecordType.Customer, customer.Id, customer.Name, null, customer.AssignedTo)], ct);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return CustomerView.From(customer);
    }

    public async Task<Result<CustomerView>> UpdateAsync(Guid id, CustomerInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<CustomerView>.From(Result.Forbidden("You can't edit customers in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Result<CustomerView>.From(Result.NotFound("Customer"));
        db.Entry(customer).Property(c => c.Version).OriginalValue = version;
        var ownerBefore = customer.AssignedTo;
        if (await ApplyAsync(db, customer, input, creating: false, ct) is { } invalid) return Result<CustomerView>.From(invalid);
        await CrmAssignmentNotices.AddAsync(db, member, [new(CrmRecordType.Customer, customer.Id, customer.Name, ownerBefore, customer.AssignedTo)], ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CustomerView>.From(Result.Conflict("Someone else changed this customer in the meantime. Reload to see their change, then try again."));
        }
        return CustomerView.From(customer);
    }

    /// <summary>Deletes a customer; its contacts and prospects stay, unlinked (the foreign keys set null).</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't delete customers in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Result.NotFound("Customer");
        db.Customers.Remove(customer);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static async Task<Result?> ApplyAsync(GalaxyDbContext db, Customer customer, CustomerInput input, bool creating, CancellationToken ct)
    {
        var check = new CrmInputCheck();
        var name = check.Required("name", input.Name, NameMaxLength, "Give the customer a name.");
        var email = check.Email("email", input.Email, required: false);
        var phone = check.Optional("phone", input.Phone, 50);
        var company = check.Optional("company", input.Company, 200);
        var website = check.Url("website", input.Website);
        var address = check.Address("address", input.Address);
        if (!Enum.IsDefined(input.Status)) check.Add("status", "Pick a status.");
        var industry = check.Optional("industry", input.Industry, 100);
        var size = check.Optional("size", input.Size, 50);
        var revenue = check.NonNegativeCents("revenue", input.Revenue);
        var tags = check.Tags("tags", input.Tags);
        var customFields = check.CustomFields("customFields", input.CustomFields);
        var notes = check.Optional("notes", input.Notes, 10_000);
        if (!check.Has("customFields"))
            customFields = await CrmCustomFieldCheck.ApplyAsync(db, CrmRecordType.Customer, customFields, creating ? null : customer.CustomFields, check, ct);
        await CrmRecords.CheckAssigneeAsync(db, input.AssignedTo, check, ct);
        if (check.Failed) return check.Invalid();

        customer.Name = name;
        customer.Email = email;
        customer.Phone = phone;
        customer.Company = company;
        customer.Website = website;
        customer.Address = address;
        customer.Status = input.Status;
        customer.Industry = industry;
        customer.Size = size;
        customer.Revenue = revenue;
        customer.AssignedTo = input.AssignedTo;
        customer.Tags = tags;
        customer.CustomFields = customFields;
        customer.Notes = notes;
        return null;
    }
}
