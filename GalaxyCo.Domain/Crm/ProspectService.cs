using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Prospects of the current workspace: list, read, create, edit, delete. Moving cards on the board is
/// <see cref="ProspectBoardService"/>; turning a prospect into a customer is <see cref="ProspectConversionService"/>.
/// </summary>
public sealed class ProspectService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public const int NameMaxLength = 200;

    public async Task<Result<CrmPage<ProspectView>>> ListAsync(ProspectQuery query, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<CrmPage<ProspectView>>.From(Result.Forbidden("You can't see prospects in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var filter = query.Filter ?? ProspectFilter.None;
        var search = string.Join(' ', new[] { filter.Search, query.Search }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (query.Sort == ProspectSort.Name && (filter with { Search = null }).IsEmpty && query.Stage is null && string.IsNullOrWhiteSpace(query.Source)
            && CrmText.Tag(query.Tag) is null && query.Owner(member.UserId) is null && query.Except is not { Count: > 0 }
            && CrmText.SearchWords(search) is { Count: > 0 })
        {
            var (ids, matched) = await CrmSearch.NameOrderedPageAsync(db, CrmRecordType.Prospect, CrmText.Clip(search), query.Direction == SortDirection.Descending,
                (query.EffectivePage - 1) * query.EffectivePageSize, query.EffectivePageSize, ct);
            var found = await db.Prospects.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
            return new CrmPage<ProspectView>(CrmSearch.InOrderOf(ids, found).Select(ProspectView.From).ToList(), matched, query.EffectivePage, query.EffectivePageSize) { CountCap = int.MaxValue };
        }
        var q = CrmText.Search(db.Prospects.AsNoTracking(), db, CrmRecordType.Prospect, search);
        q = (filter with { Search = null }).Apply(q, db, member.UserId, clock.GetUtcNow().UtcDateTime);
        q = query.Without(q);
        if (query.Stage is { } stage) q = q.Where(p => p.StageOrder == Prospect.OrderOf(stage));
        if (query.Source?.Trim() is { Length: > 0 } source) q = q.Where(p => p.Source == source);
        int? tagged = null;
        if (CrmText.Tag(query.Tag) is { } tag)
        {
            tagged = await CrmSearch.TaggedCountAsync(db, CrmRecordType.Prospect, tag, ct);
            q = tagged > CrmSearch.CommonTagRecords ? q.Where(p => p.Tags.Contains(tag)) : CrmSearch.WithTag(q, db, CrmRecordType.Prospect, tag);
        }
        if (query.Owner(member.UserId) is { } owner) q = q.Where(p => p.AssignedTo == owner);

        var cap = CrmListQuery.CountCapFor(search);
        // A tag alone: its term rows are the exact total, without touching the records.
        var tagOnly = tagged is not null && filter.IsEmpty && string.IsNullOrWhiteSpace(query.Search) && query.Stage is null
            && string.IsNullOrWhiteSpace(query.Source) && query.Owner(member.UserId) is null && query.Except is not { Count: > 0 };
        var total = tagOnly ? tagged!.Value : await CrmListQuery.CappedCountAsync(q, cap, ct);
        if (tagOnly) cap = int.MaxValue;
        var sorted = query.Sort switch
        {
            ProspectSort.Name => query.Order(q, p => p.Name),
            ProspectSort.Company => query.Order(q, p => p.Company),
            ProspectSort.Stage => query.Order(q, p => p.Stage),
            ProspectSort.Score => query.Order(q, p => p.Score),
            ProspectSort.EstimatedValue => query.Order(q, p => p.EstimatedValue),
            ProspectSort.NextFollowUpAt => query.Order(q, p => p.NextFollowUpAt),
            ProspectSort.CreatedAt => query.Order(q, p => p.CreatedAt),
            ProspectSort.UpdatedAt => query.Order(q, p => p.UpdatedAt),
            _ => query.Direction == SortDirection.Descending
                ? q.OrderByDescending(p => p.StageOrder).ThenByDescending(p => p.Position)
                : q.OrderBy(p => p.StageOrder).ThenBy(p => p.Position),
        };
        var rows = await query.PageOf(sorted.ThenBy(p => p.Id), ct);
        return new CrmPage<ProspectView>(rows.Select(ProspectView.From).ToList(), total, query.EffectivePage, query.EffectivePageSize) { CountCap = cap };
    }

    public async Task<Result<ProspectView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<ProspectView>.From(Result.Forbidden("You can't see prospects in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var prospect = await db.Prospects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return prospect is null ? Result<ProspectView>.From(Result.NotFound("Prospect")) : ProspectView.From(prospect);
    }

    /// <summary>Prospects with the same email or company (case-insensitive), for a warning before creating another.</summary>
    public async Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(string? email, string? company, Guid? exceptId = null, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return [];
        var emailPattern = string.IsNullOrWhiteSpace(email) ? null : LikePattern.Literal(email.Trim());
        var companyPattern = string.IsNullOrWhiteSpace(company) ? null : LikePattern.Literal(company.Trim());
        if (emailPattern is null && companyPattern is null) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Prospects.AsNoTracking()
            .Where(p => p.Id != exceptId
                && ((emailPattern != null && EF.Functions.ILike(p.Email!, emailPattern, LikePattern.Escape)) || (companyPattern != null && EF.Functions.ILike(p.Company!, companyPattern, LikePattern.Escape))))
            .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(10)
            .Select(p => new { p.Id, p.Name, p.Email, p.Company })
            .ToListAsync(ct);
        return rows.Select(p => new DuplicateMatch(p.Id, p.Name, p.Email, p.Company,
            emailPattern != null && string.Equals(p.Email, email!.Trim(), StringComparison.OrdinalIgnoreCase) ? "email" : "company")).ToList();
    }

    /// <summary>Creates a prospect at the bottom of its stage column.</summary>
    public async Task<Result<ProspectView>> CreateAsync(ProspectInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<ProspectView>.From(Result.Forbidden("You can't add prospects in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var prospect = new Prospect();
        if (await ApplyAsync(db, prospect, input, creating: true, ct) is { } invalid) return Result<ProspectView>.From(invalid);
        await CrmAssignmentNotices.AddAsync(db, member, [new(CrmRecordType.Prospect, prospect.Id, prospect.Name, null, prospect.AssignedTo)], ct);
        prospect.Stage = input.Stage;
        prospect.Position = await ProspectBoardService.BottomPositionAsync(db, input.Stage, prospect.Id, ct);
        db.Prospects.Add(prospect);
        await db.SaveChangesAsync(ct);
        return ProspectView.From(prospect);
    }

    /// <summary>Saves an edit; a changed stage moves the card to the bottom of its new column and raises prospect.stage_changed.</summary>
    public async Task<Result<ProspectView>> UpdateAsync(Guid id, ProspectInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<ProspectView>.From(Result.Forbidden("You can't edit prospects in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var prospect = await db.Prospects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (prospect is null) return Result<ProspectView>.From(Result.NotFound("Prospect"));
        db.Entry(prospect).Property(p => p.Version).OriginalValue = version;
        var ownerBefore = prospect.AssignedTo;
        if (await ApplyAsync(db, prospect, input, creating: false, ct) is { } invalid) return Result<ProspectView>.From(invalid);
        await CrmAssignmentNotices.AddAsync(db, member, [new(CrmRecordType.Prospect, prospect.Id, prospect.Name, ownerBefore, prospect.AssignedTo)], ct);
        if (prospect.Stage != input.Stage)
        {
            var from = prospect.Stage;
            prospect.Stage = input.Stage;
            prospect.Position = await ProspectBoardService.BottomPositionAsync(db, input.Stage, prospect.Id, ct);
            db.OutboxMessages.Add(ProspectEvents.StageChange(prospect, from, member.UserId));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ProspectView>.From(Result.Conflict("Someone else changed this prospect in the meantime. Reload to see their change, then try again."));
        }
        return ProspectView.From(prospect);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't delete prospects in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var prospect = await db.Prospects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (prospect is null) return Result.NotFound("Prospect");
        db.Prospects.Remove(prospect);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static async Task<Result?> ApplyAsync(GalaxyDbContext db, Prospect prospect, ProspectInput input, bool creating, CancellationToken ct)
    {
        var check = new CrmInputCheck();
        var name = check.Required("name", input.Name, NameMaxLength, "Give the prospect a name.");
        var email = check.Email("email", input.Email, required: false);
        var phone = check.Optional("phone", input.Phone, 50);
        var company = check.Optional("company", input.Company, 200);
        var title = check.Optional("title", input.Title, 200);
        var linkedin = check.Url("linkedinUrl", input.LinkedinUrl);
        if (!Enum.IsDefined(input.Stage)) check.Add("stage", "Pick a stage.");
        var score = check.Score("score", input.Score);
        var value = check.NonNegativeCents("estimatedValue", input.EstimatedValue);
        var source = check.Optional("source", input.Source, 100);
        var tags = check.Tags("tags", input.Tags);
        var customFields = check.CustomFields("customFields", input.CustomFields);
        var notes = check.Optional("notes", input.Notes, 10_000);
        if (!check.Has("customFields"))
            customFields = await CrmCustomFieldCheck.ApplyAsync(db, CrmRecordType.Prospect, customFields, creating ? null : prospect.CustomFields, check, ct);
        await CrmRecords.CheckAssigneeAsync(db, input.AssignedTo, check, ct);
        if (check.Failed) return check.Invalid();

        prospect.Name = name;
        prospect.Email = email;
        prospect.Phone = phone;
        prospect.Company = company;
        prospect.Title = title;
        prospect.LinkedinUrl = linkedin;
        prospect.Score = score;
        prospect.EstimatedValue = value;
        prospect.AssignedTo = input.AssignedTo;
        prospect.Source = source;
        prospect.NextFollowUpAt = input.NextFollowUpAt is { } due ? DateTime.SpecifyKind(due.ToUniversalTime(), DateTimeKind.Utc) : null;
        prospect.Tags = tags;
        prospect.CustomFields = customFields;
        prospect.Notes = notes;
        return null;
    }
}
