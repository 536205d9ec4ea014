namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Turns what a person typed into LIKE patterns that match it literally. Note for speed work: under row-level security
/// PostgreSQL will not use a trigram index for ILIKE (texticlike is not LEAKPROOF, so the policy must be applied
/// first); these searches read the workspace's rows through the workspace_id index.
/// </summary>
internal static class CrmText
{
    public const int MaxSearchLength = 100;

    /// <summary>
    /// Passed explicitly on every ILIKE: Npgsql's two-argument ILike emits ESCAPE '' (no escape character at all),
    /// so the backslash that <see cref="Literal"/> puts before % and _ would escape nothing.
    /// </summary>
    public const string Escape = "\\";

    /// <summary>Escapes the LIKE wildcards (used with <see cref="Escape"/>).</summary>
    public static string Literal(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>'%text%' for a search box, or null when there is nothing to search for.</summary>
    public static string? ContainsPattern(string? search)
    {
        var text = (search ?? "").Trim();
        if (text.Length == 0) return null;
        if (text.Length > MaxSearchLength) text = text[..MaxSearchLength];
        return "%" + Literal(text) + "%";
    }

    /// <summary>A normalised tag for filtering, or null.</summary>
    public static string? Tag(string? tag)
    {
        var t = (tag ?? "").Trim().ToLowerInvariant();
        return t.Length == 0 ? null : t;
    }
}
