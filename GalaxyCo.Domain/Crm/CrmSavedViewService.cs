using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Saved views of the CRM boards and lists: a person's own filters and visible columns, optionally shared with the
/// workspace. Everyone who can read records keeps views of their own; sharing one takes the right to write records.
/// Only the owner changes a view; an admin may also delete a shared one (to tidy the workspace's list). Someone
/// else's private view answers NotFound, as another workspace's does.
/// </summary>
public sealed class CrmSavedViewService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const int NameMaxLength = 100;
    public const int MaxFilters = 40;
    public const int MaxColumns = 40;
    public const int MaxViewsPerPerson = 100;

    /// <summary>The person's own views, then the ones others share, each by name.</summary>
    public async Task<Result<IReadOnlyList<SavedView>>> ListAsync(CrmRecordType recordType, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<SavedView>>.From(Result.Forbidden("You can't see saved views in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Visible(db).AsNoTracking().Where(v => v.RecordType == recordType)
            .OrderBy(v => v.OwnerId != member.UserId).ThenBy(v => v.Name).ThenBy(v => v.Id)
            .ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<Result<SavedView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<SavedView>.From(Result.Forbidden("You can't see saved views in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await Visible(db).AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        return view is null ? Result<SavedView>.From(Result.NotFound("Saved view")) : View(view);
    }

    public async Task<Result<SavedView>> CreateAsync(SavedViewInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<SavedView>.From(Result.Forbidden("You can't save views in this workspace."));
        if (input.Shared && !member.Can(Permissions.RecordsWrite)) return Result<SavedView>.From(CantShare());
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = new CrmSavedView { OwnerId = member.UserId };
        if (await ApplyAsync(db, view, input, ct) is { } invalid) return Result<SavedView>.From(invalid);
        if (await db.CrmSavedViews.CountAsync(v => v.OwnerId == member.UserId, ct) >= MaxViewsPerPerson)
            return Result<SavedView>.From(Result.Invalid("name", $"You have {MaxViewsPerPerson} saved views already; delete one first."));
        db.CrmSavedViews.Add(view);
        await db.SaveChangesAsync(ct);
        return View(view);
    }

    public async Task<Result<SavedView>> RenameAsync(Guid id, string name, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<SavedView>.From(Result.Forbidden("You can't change saved views in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await Visible(db).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (view is null) return Result<SavedView>.From(Result.NotFound("Saved view"));
        if (view.OwnerId != member.UserId) return Result<SavedView>.From(NotYours());
        var input = new SavedViewInput { RecordType = view.RecordType, Name = name, Shared = view.Shared, Filters = view.Filters, Columns = view.Columns, Sort = view.Sort };
        return await SaveAsync(db, view, input, version, ct);
    }

    /// <summary>Replaces the filters, columns, sort and sharing (and name) of one of the person's own views.</summary>
    public async Task<Result<SavedView>> UpdateAsync(Guid id, SavedViewInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<SavedView>.From(Result.Forbidden("You can't change saved views in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await Visible(db).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (view is null) return Result<SavedView>.From(Result.NotFound("Saved view"));
        if (view.OwnerId != member.UserId) return Result<SavedView>.From(NotYours());
        if (input.Shared && !view.Shared && !member.Can(Permissions.RecordsWrite)) return Result<SavedView>.From(CantShare());
        if (input.RecordType != view.RecordType) return Result<SavedView>.From(Result.Invalid("recordType", "A view stays with the records it was made for."));
        return await SaveAsync(db, view, input, version, ct);
    }

    /// <summary>The owner deletes their view; an admin or owner of the workspace may also delete a shared one.</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result.Forbidden("You can't delete saved views in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await Visible(db).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (view is null) return Result.NotFound("Saved view");
        if (view.OwnerId != member.UserId && !CanDeleteShared)
            return Result.Forbidden("Only the person who made this view, or an admin, can delete it.");
        db.CrmSavedViews.Remove(view);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private bool CanDeleteShared => Permissions.Rank(member.Role) >= Permissions.Rank(UserRole.Admin);

    /// <summary>Mine, and others' shared ones; the tenant filter and RLS keep out every other workspace's.</summary>
    private IQueryable<CrmSavedView> Visible(GalaxyDbContext db) => db.CrmSavedViews.Where(v => v.OwnerId == member.UserId || v.Shared);

    private SavedView View(CrmSavedView v) => SavedView.From(v, member.UserId, CanDeleteShared);

    private async Task<Result<SavedView>> SaveAsync(GalaxyDbContext db, CrmSavedView view, SavedViewInput input, uint version, CancellationToken ct)
    {
        db.Entry(view).Property(v => v.Version).OriginalValue = version;
        if (await ApplyAsync(db, view, input, ct) is { } invalid) return Result<SavedView>.From(invalid);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<SavedView>.From(Result.Conflict("This view was changed somewhere else in the meantime. Reload it and try again."));
        }
        return View(view);
    }

    private async Task<Result?> ApplyAsync(GalaxyDbContext db, CrmSavedView view, SavedViewInput input, CancellationToken ct)
    {
        var check = new CrmInputCheck();
        var name = check.Required("name", input.Name, NameMaxLength, "Give the view a name.");
        if (!Enum.IsDefined(input.RecordType)) check.Add("recordType", "Pick what the view shows.");
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in input.Filters ?? new Dictionary<string, string>())
        {
            var k = (key ?? "").Trim();
            if (k.Length is 0 or > 100 || (value ?? "").Length > 500) { check.Add("filters", "A filter has a name of 1 to 100 characters and a value of at most 500."); continue; }
            if (!string.IsNullOrWhiteSpace(value)) filters[k] = value.Trim();
        }
        if (filters.Count > MaxFilters) check.Add("filters", $"Use at most {MaxFilters} filters.");
        var columns = (input.Columns ?? []).Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (columns.Count > MaxColumns || columns.Any(c => c.Length > 100)) check.Add("columns", $"Show at most {MaxColumns} columns, each named in at most 100 characters.");
        var sort = check.Optional("sort", input.Sort, 50);
        if (!check.Has("name") && await db.CrmSavedViews.AnyAsync(v => v.OwnerId == member.UserId && v.RecordType == input.RecordType && v.Id != view.Id
                && EF.Functions.ILike(v.Name, LikePattern.Literal(name), LikePattern.Escape), ct))
            check.Add("name", $"You already have a view called \"{name}\".");
        if (check.Failed) return check.Invalid();

        view.RecordType = input.RecordType;
        view.Name = name;
        view.Shared = input.Shared;
        view.Filters = filters;
        view.Columns = columns;
        view.Sort = sort;
        return null;
    }

    private static Result CantShare() => Result.Forbidden("Sharing a view with the workspace takes the right to edit records.");

    private static Result NotYours() => Result.Forbidden("Only the person who made this view can change it. Save a copy as your own instead.");
}
