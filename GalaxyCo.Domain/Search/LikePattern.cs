namespace GalaxyCo.Domain.Search;

/// <summary>
/// Search-box text as an ILIKE pattern that matches it literally. Pass <see cref="Escape"/> on every ILike call:
/// Npgsql's two-argument ILike emits ESCAPE '' (no escape character), so the backslashes <see cref="Literal"/>
/// puts before % and _ would escape nothing.
/// </summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>Escapes the LIKE wildcards and the escape character itself.</summary>
    public static string Literal(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>'%text%' for a search box (trimmed, cut to <paramref name="maxLength"/>), or null when there is nothing to search for.</summary>
    public static string? Contains(string? search, int maxLength)
    {
        var text = (search ?? "").Trim();
        if (text.Length == 0) return null;
        if (text.Length > maxLength) text = text[..maxLength];
        return "%" + Literal(text) + "%";
    }
}
