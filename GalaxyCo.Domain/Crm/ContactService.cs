using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Contacts of the current workspace. An email belongs to one contact per workspace (compared case-insensitively),
/// and a contact can only be linked to a customer of the same workspace.
/// </summary>
public sealed class ContactService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public async Task<Result<CrmPage<ContactView>>> ListAsync(ContactQuery query, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<CrmPage<ContactView>>.From(Result.Forbidden("You can't see contacts in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (query.Sort == ContactSort.Name && CrmText.Tag(query.Tag) is null && query.Owner(member.UserId) is null && query.Except is not { Count: > 0 }
            && query.CustomerId is null && CrmText.SearchWords(query.Search) is { Count: > 0 })
        {
            var (ids, matched) = await CrmSearch.NameOrderedPageAsync(db, CrmRecordType.Contact, CrmText.Clip(query.Search), query.Direction == SortDirection.Descending,
                (query.EffectivePage - 1) * query.EffectivePageSize, query.EffectivePageSize, ct);
            var found = await db.Contacts.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
            return new CrmPage<ContactView>(CrmSearch.InOrderOf(ids, found).Select(ContactView.From).ToList(), matched, query.EffectivePage, query.EffectivePageSize) { CountCap = int.MaxValue };
        }
        var q = CrmText.Search(db.Contacts.AsNoTracking(), db, CrmRecordType.Contact, query.Search);
        q = query.Without(q);
        if (query.CustomerId is { } customerId) q = q.Where(c => c.CustomerId == customerId);
        int? tagged = null;
        if (CrmText.Tag(query.Tag) is { } tag)
        {
            tagged = await CrmSearch.TaggedCountAsync(db, CrmRecordType.Contact, tag, ct);
            q = tagged > CrmSearch.CommonTagRecords ? q.Where(c => c.Tags.Contains(tag)) : CrmSearch.WithTag(q, db, CrmRecordType.Contact, tag);
        }
        if (query.Owner(member.UserId) is { } owner) q = q.Where(c => c.AssignedTo == owner);

        var cap = CrmListQuery.CountCapFor(query.Search);
        // A tag alone: its term rows are the exact total, without touching the records.
        var tagOnly = tagged is not null && string.IsNullOrWhiteSpace(query.Search) && query.CustomerId is null
            && query.Owner(member.UserId) is null && query.Except is not { Count: > 0 };
        var total = tagOnly ? tagged!.Value : await CrmListQuery.CappedCountAsync(q, cap, ct);
        if (tagOnly) cap = int.MaxValue;
        var sorted = query.Sort switch
        {
            ContactSort.Email => query.Order(q, c => c.Email),
            ContactSort.Company => query.Order(q, c => c.Company),
            ContactSort.CreatedAt => query.Order(q, c => c.CreatedAt),
            ContactSort.UpdatedAt => query.Order(q, c => c.UpdatedAt),
            ContactSort.LastContactedAt => query.Order(q, c => c.LastContactedAt),
            _ => query.Direction == SortDirection.Descending
                ? q.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName)
                : q.OrderBy(c => c.LastName).ThenBy(c => c.FirstName),
        };
        var rows = await query.PageOf(sorted.ThenBy(c => c.Id), ct);
        return new CrmPage<ContactView>(rows.Select(ContactView.From).ToList(), total, query.EffectivePage, query.EffectivePageSize) { CountCap = cap };
    }

    public async Task<Result<ContactView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<ContactView>.From(Result.Forbidden("You can't see contacts in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return contact is null ? Result<ContactView>.From(Result.NotFound("Contact")) : ContactView.From(contact);
    }

    /// <summary>Contacts with the same email or company (case-insensitive), for a warning while typing.</summary>
    public async Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(string? email, string? company, Guid? exceptId = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return [];
        var emailPattern = string.IsNullOrWhiteSpace(email) ? null : LikePattern.Literal(email.Trim());
        var companyPattern = string.IsNullOrWhiteSpace(company) ? null : LikePattern.Literal(company.Trim());
        if (emailPattern is null && companyPattern is null) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Contacts.AsNoTracking()
            .Where(c => c.Id != exceptId
                && ((emailPattern != null && EF.Functions.ILike(c.Email, emailPattern, LikePattern.Escape)) || (companyPattern != null && EF.Functions.ILike(c.Company!, companyPattern, LikePattern.Escape))))
            .OrderBy(c => c.LastName).ThenBy(c => c.Id).Take(10)
            .ToListAsync(ct);
        return rows.Select(c => new DuplicateMatch(c.Id, ContactView.From(c).DisplayName, c.Email, c.Company,
            emailPattern != null && string.Equals(c.Email, email!.Trim(), StringComparison.OrdinalIgnoreCase) ? "email" : "company")).ToList();
    }

    public async Task<Result<ContactView>> CreateAsync(ContactInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<ContactView>.From(Result.Forbidden("You can't add contacts in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var contact = new Contact();
        if (await ApplyAsync(db, contact, input, creating: true, ct) is { } invalid) return Result<ContactView>.From(invalid);
        await CrmAssignmentNotices.AddAsync(db, member, [new(CrmRecordType.Contact, contact.Id, NameOf(contact), null, contact.AssignedTo)], ct);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ContactView.From(contact);
    }

    public async Task<Result<ContactView>> UpdateAsync(Guid id, ContactInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<ContactView>.From(Result.Forbidden("You can't edit contacts in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return Result<ContactView>.From(Result.NotFound("Contact"));
        db.Entry(contact).Property(c => c.Version).OriginalValue = version;
        var ownerBefore = contact.AssignedTo;
        if (await ApplyAsync(db, contact, input, creating: false, ct) is { } invalid) return Result<ContactView>.From(invalid);
        await CrmAssignmentNotices.AddAsync(db, member, [new(CrmRecordType.Contact, contact.Id, NameOf(contact), ownerBefore, contact.AssignedTo)], ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ContactView>.From(Result.Conflict("Someone else changed this contact in the meantime. Reload to see their change, then try again."));
        }
        return ContactView.From(contact);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't delete contacts in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return Result.NotFound("Contact");
        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Validates, then copies the input onto <paramref name="contact"/>; call inside a transaction (the email lock lasts until it ends).</summary>
    private async Task<Result?> ApplyAsync(GalaxyDbContext db, Contact contact, ContactInput input, bool creating, CancellationToken ct)
    {
        var check = new CrmInputCheck();
        var firstName = check.Optional("firstName", input.FirstName, 100);
        var lastName = check.Optional("lastName", input.LastName, 100);
        var email = check.Email("email", input.Email, required: true);
        var phone = check.Optional("phone", input.Phone, 50);
        var title = check.Optional("title", input.Title, 200);
        var company = check.Optional("company", input.Company, 200);
        var linkedin = check.Url("linkedinUrl", input.LinkedinUrl);
        var twitter = check.Url("twitterUrl", input.TwitterUrl);
        var tags = check.Tags("tags", input.Tags);
        var customFields = check.CustomFields("customFields", input.CustomFields);
        var notes = check.Optional("notes", input.Notes, 10_000);
        if (!check.Has("customFields"))
            customFields = await CrmCustomFieldCheck.ApplyAsync(db, CrmRecordType.Contact, customFields, creating ? null : contact.CustomFields, check, ct);
        await CrmRecords.CheckCustomerAsync(db, input.CustomerId, check, ct);
        await CrmRecords.CheckAssigneeAsync(db, input.AssignedTo, check, ct);
        if (email is not null && !check.Has("email"))
        {
            await CrmRecords.LockContactEmailAsync(db, member.WorkspaceId, email, ct);
            if (await CrmRecords.ContactEmailTakenAsync(db, email, contact.Id, ct))
                check.Add("email", $"Another contact in this workspace already uses {email}.");
        }
        if (check.Failed) return check.Invalid();

        contact.FirstName = firstName;
        contact.LastName = lastName;
        contact.Email = email!;
        contact.Phone = phone;
        contact.Title = title;
        contact.Company = company;
        contact.LinkedinUrl = linkedin;
        contact.TwitterUrl = twitter;
        contact.CustomerId = input.CustomerId;
        contact.AssignedTo = input.AssignedTo;
        contact.Tags = tags;
        contact.CustomFields = customFields;
        contact.Notes = notes;
        return null;
    }

    private static string NameOf(Contact c) => $"{c.FirstName} {c.LastName}".Trim() is { Length: > 0 } n ? n : c.Email;
}
