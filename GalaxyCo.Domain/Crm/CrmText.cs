using GalaxyCo.Domain.Search;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Turns what a person typed into LIKE patterns that match it literally. Note for speed work: under row-level security
/// PostgreSQL will not use a trigram index for ILIKE (texticlike is not LEAKPROOF, so the policy must be applied
/// first); these searches read the workspace's rows through the workspace_id index.
/// </summary>
internal static class CrmText
{
    public const int MaxSearchLength = 100;

    /// <summary>'%text%' for a CRM search box, or null when there is nothing to search for.</summary>
    public static string? ContainsPattern(string? search) => LikePattern.Contains(search, MaxSearchLength);

    /// <summary>A normalised tag for filtering, or null.</summary>
    public static string? Tag(string? tag)
    {
        var t = (tag ?? "").Trim().ToLowerInvariant();
        return t.Length == 0 ? null : t;
    }
}
