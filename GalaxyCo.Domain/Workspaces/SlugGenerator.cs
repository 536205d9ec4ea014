using System.Globalization;
using System.Text;

namespace GalaxyCo.Domain.Workspaces;

/// <summary>URL-safe slugs from names: "Ünïcode & Co." becomes "unicode-co".</summary>
public static class SlugGenerator
{
    public const int MaxLength = 48;

    public static string FromName(string name)
    {
        var normalized = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder();
        var dash = false;
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }
            if (builder.Length >= MaxLength) break;
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "workspace" : slug;
    }

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-');
}
