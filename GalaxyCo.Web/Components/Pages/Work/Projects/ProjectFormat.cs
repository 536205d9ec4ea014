using System.Globalization;
using GalaxyCo.Data;
using MudBlazor;

namespace GalaxyCo.Web.Components.Pages.Work.Projects;

/// <summary>How project pages write statuses, money and dates.</summary>
public static class ProjectFormat
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Status(ProjectStatus status) => status switch
    {
        ProjectStatus.Planning => "Planning",
        ProjectStatus.InProgress => "In progress",
        ProjectStatus.OnHold => "On hold",
        ProjectStatus.Completed => "Completed",
        _ => "Cancelled",
    };

    public static Color StatusColor(ProjectStatus status) => status switch
    {
        ProjectStatus.InProgress => Color.Primary,
        ProjectStatus.Completed => Color.Success,
        ProjectStatus.OnHold => Color.Warning,
        ProjectStatus.Cancelled => Color.Default,
        _ => Color.Info,
    };

    /// <summary>Whole currency units: $12,500 (or "—").</summary>
    public static string Money(long? cents) => cents is { } c ? (c / 100m).ToString("C0", English) : "—";

    public static string Date(DateTime? utc) => utc is { } d ? d.ToString("d MMM yyyy", English) : "—";

    /// <summary>"2026-06-01" for a date field.</summary>
    public static string? DateValue(DateTime? utc) => utc?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date field's text as UTC midnight; empty is none, anything else unreadable is null with ok = false.</summary>
    public static (bool Ok, DateTime? Value) ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (true, null);
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? (true, DateTime.SpecifyKind(d.Date, DateTimeKind.Utc))
            : (false, null);
    }

    /// <summary>An amount typed in currency units ("12,500.50", "$900") as cents; empty is none.</summary>
    public static (bool Ok, long? Cents) ParseMoney(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (true, null);
        return decimal.TryParse(text.Replace("$", "", StringComparison.Ordinal), NumberStyles.Number, English, out var units)
            ? (true, (long)Math.Round(units * 100m))
            : (false, null);
    }

    /// <summary>"12500.00" for an amount field.</summary>
    public static string? MoneyValue(long? cents) => cents is { } c ? (c / 100m).ToString("0.##", CultureInfo.InvariantCulture) : null;
}
