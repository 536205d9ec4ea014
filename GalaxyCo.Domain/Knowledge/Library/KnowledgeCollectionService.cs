using System.Text.RegularExpressions;
using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Knowledge.Library;

/// <summary>
/// The workspace's knowledge collections. item_count is kept by database triggers in the transaction that adds, moves or
/// removes items, so it is only ever read here. Deleting a collection keeps its items (their collection_id becomes null).
/// </summary>
public sealed partial class KnowledgeCollectionService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    public async Task<IReadOnlyList<CollectionSummary>> ListAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.KnowledgeCollections.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(ct);
        return rows.Select(ToSummary).ToList();
    }

    public async Task<Result<CollectionSummary>> CreateAsync(CollectionInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<CollectionSummary>.From(Result.Forbidden("You can't add collections in this workspace."));
        var invalid = Validate(input);
        if (invalid is not null) return Result<CollectionSummary>.From(invalid);
        await using var db = await factory.CreateDbContextAsync(ct);
        var collection = new KnowledgeCollection { CreatedBy = member.UserId };
        Apply(collection, input);
        db.KnowledgeCollections.Add(collection);
        return await SaveAsync(db, collection, ct);
    }

    public async Task<Result<CollectionSummary>> UpdateAsync(Guid id, CollectionInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<CollectionSummary>.From(Result.Forbidden("You can't edit collections in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var collection = await db.KnowledgeCollections.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (collection is null) return Result<CollectionSummary>.From(Result.NotFound("Collection"));
        var invalid = Validate(input);
        if (invalid is not null) return Result<CollectionSummary>.From(invalid);
        db.Entry(collection).Property(c => c.Version).OriginalValue = version;
        Apply(collection, input);
        return await SaveAsync(db, collection, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsDelete)) return Result.Forbidden("You can't delete collections in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var collection = await db.KnowledgeCollections.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (collection is null) return Result.NotFound("Collection");
        db.KnowledgeCollections.Remove(collection);
        // The items stay: the foreign key sets their collection_id to null in the same statement.
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static Result? Validate(CollectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = "Enter a name.";
        else if (name.Length > MaxNameLength) errors["name"] = $"The name is at most {MaxNameLength} characters.";
        if (input.Description?.Trim().Length > MaxDescriptionLength) errors["description"] = $"The description is at most {MaxDescriptionLength} characters.";
        if (!string.IsNullOrWhiteSpace(input.Color) && !ColorPattern().IsMatch(input.Color.Trim())) errors["color"] = "Pick a color like #1E88E5.";
        if (!string.IsNullOrWhiteSpace(input.Icon) && !IconPattern().IsMatch(input.Icon.Trim()))
            errors["icon"] = "Pick a Material icon name, e.g. folder or menu_book.";
        return errors.Count == 0 ? null : Result.Invalid(errors);
    }

    private static void Apply(KnowledgeCollection collection, CollectionInput input)
    {
        collection.Name = input.Name.Trim();
        collection.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        collection.Color = string.IsNullOrWhiteSpace(input.Color) ? null : input.Color.Trim().ToUpperInvariant();
        collection.Icon = string.IsNullOrWhiteSpace(input.Icon) ? null : input.Icon.Trim();
    }

    private static async Task<Result<CollectionSummary>> SaveAsync(GalaxyDbContext db, KnowledgeCollection collection, CancellationToken ct)
    {
        // Unique per workspace, case-insensitively: checked here for a clear message (no unique index exists for it).
        var lowered = collection.Name.ToLowerInvariant();
        if (await db.KnowledgeCollections.AnyAsync(c => c.Id != collection.Id && c.Name.ToLower() == lowered, ct))
            return Result<CollectionSummary>.From(Result.Invalid("name", $"A collection named \"{collection.Name}\" exists already."));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CollectionSummary>.From(Result.Conflict("Someone else changed this collection in the meantime. Reload, then try again."));
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Result<CollectionSummary>.From(Result.Invalid("name", $"A collection named \"{collection.Name}\" exists already."));
        }
        return ToSummary(collection);
    }

    private static CollectionSummary ToSummary(KnowledgeCollection c) => new(c.Id, c.Name, c.Description, c.Color, c.Icon, c.ItemCount, c.Version);

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();

    // Material Symbols / Icons ligature names (folder, menu_book, 3d_rotation), or MudBlazor's constant path
    // (Icons.Material.Filled.Folder) which the UI may store as well.
    [GeneratedRegex("^([a-z0-9_]{1,60}|Icons(\\.[A-Za-z0-9]+){2,4})$")]
    private static partial Regex IconPattern();
}
