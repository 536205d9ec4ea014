using System.Globalization;
using GalaxyCo.Data;

namespace GalaxyCo.Web.Components.Pages.Crm.Board;

/// <summary>How the board writes money, people and stages.</summary>
public static class BoardFormat
{
    private static readonly CultureInfo Money = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Whole currency units: $12,500.</summary>
    public static string Amount(long cents) => (cents / 100m).ToString("C0", Money);

    /// <summary>Short for column headers: $950, $12.5K, $1.2M.</summary>
    public static string CompactAmount(long cents)
    {
        var units = cents / 100m;
        return Math.Abs(units) switch
        {
            >= 1_000_000_000 => (units / 1_000_000_000).ToString("$0.#", Money) + "B",
            >= 1_000_000 => (units / 1_000_000).ToString("$0.#", Money) + "M",
            >= 10_000 => (units / 1_000).ToString("$0.#", Money) + "K",
            _ => units.ToString("C0", Money),
        };
    }

    /// <summary>Up to two initials of a name ("Ada Lovelace" → "AL"; "ada@x.com" → "A").</summary>
    public static string Initials(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "?";
        var words = name.Split([' ', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (name.Contains('@', StringComparison.Ordinal)) words = [name];
        var initials = words.Take(2).Select(w => char.ToUpperInvariant(w[0]));
        return string.Concat(initials);
    }

    public static string Stage(ProspectStage stage) => stage.ToString();

    /// <summary>"Today", "Tomorrow", "3 days ago", "12 Mar".</summary>
    public static string FollowUp(DateTime dueUtc, DateTime nowUtc)
    {
        var days = (dueUtc.Date - nowUtc.Date).Days;
        return days switch
        {
            0 => "Today",
            1 => "Tomorrow",
            -1 => "Yesterday",
            < 0 and > -14 => $"{-days} days ago",
            > 1 and < 7 => dueUtc.ToString("dddd", Money),
            _ => dueUtc.ToString(dueUtc.Year == nowUtc.Year ? "d MMM" : "d MMM yyyy", Money),
        };
    }
}
