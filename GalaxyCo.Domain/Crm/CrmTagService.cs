using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>A tag in use and on how many records of the type.</summary>
public sealed record TagSuggestion(string Tag, int Count);

/// <summary>
/// Tag autocomplete: the distinct tags the workspace already uses on one record type, starting with what was typed,
/// most used first. Tags are stored lower-cased (CrmInputCheck.Tags), so the prefix is too.
/// </summary>
public sealed class CrmTagService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const int DefaultLimit = 8;
    public const int MaxLimit = 50;

    public async Task<Result<IReadOnlyList<TagSuggestion>>> SuggestAsync(CrmRecordType recordType, string? prefix, int limit = DefaultLimit, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<IReadOnlyList<TagSuggestion>>.From(Result.Forbidden("You can't see records in this workspace."));
        var start = (prefix ?? "").Trim().ToLowerInvariant();
        if (start.Length > CrmInputCheck.MaxTagLength) return Result<IReadOnlyList<TagSuggestion>>.Ok([]);
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var db = await factory.CreateDbContextAsync(ct);
        var tags = recordType switch
        {
            CrmRecordType.Customer => db.Customers.AsNoTracking().SelectMany(c => c.Tags),
            CrmRecordType.Contact => db.Contacts.AsNoTracking().SelectMany(c => c.Tags),
            _ => db.Prospects.AsNoTracking().SelectMany(p => p.Tags),
        };
        if (start.Length > 0) tags = tags.Where(t => t.StartsWith(start));
        var rows = await tags.GroupBy(t => t)
            .Select(g => new { Tag = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Tag)
            .Take(limit)
            .ToListAsync(ct);
        return rows.Select(r => new TagSuggestion(r.Tag, r.Count)).ToList();
    }
}
