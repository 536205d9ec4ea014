using System.Globalization;

namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>
/// The dates a view shows around an anchor date, in the viewer's calendar (local dates, no instants): a month grid of
/// whole weeks, a week, a day, or an agenda of 30 days. Weeks start on Monday (ISO), like the seed's users.
/// </summary>
public sealed record CalendarRange(CalendarViewKind View, DateOnly Anchor, DateOnly From, DateOnly To)
{
    /// <summary>How many days the agenda lists from its anchor.</summary>
    public const int AgendaDays = 30;

    public int DayCount => To.DayNumber - From.DayNumber;

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, DayCount).Select(From.AddDays);

    public static CalendarRange For(CalendarViewKind view, DateOnly anchor)
    {
        switch (view)
        {
            case CalendarViewKind.Month:
            {
                var first = new DateOnly(anchor.Year, anchor.Month, 1);
                var start = StartOfWeek(first);
                var end = StartOfWeek(first.AddMonths(1).AddDays(-1)).AddDays(7);
                return new CalendarRange(view, anchor, start, end);
            }
            case CalendarViewKind.Week:
            {
                var start = StartOfWeek(anchor);
                return new CalendarRange(view, anchor, start, start.AddDays(7));
            }
            case CalendarViewKind.Day:
                return new CalendarRange(view, anchor, anchor, anchor.AddDays(1));
            default:
                return new CalendarRange(view, anchor, anchor, anchor.AddDays(AgendaDays));
        }
    }

    /// <summary>The anchor one step forward (+1) or back (-1): a month, a week, a day or an agenda page.</summary>
    public static DateOnly Step(CalendarViewKind view, DateOnly anchor, int direction) => view switch
    {
        CalendarViewKind.Month => anchor.AddMonths(direction),
        CalendarViewKind.Week => anchor.AddDays(7 * direction),
        CalendarViewKind.Day => anchor.AddDays(direction),
        _ => anchor.AddDays(AgendaDays * direction),
    };

    public static DateOnly StartOfWeek(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The heading of the range: "November 2026", "Nov 23 – 29, 2026", "Thursday, Nov 26, 2026".</summary>
    public string Title
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            var last = To.AddDays(-1);
            return View switch
            {
                CalendarViewKind.Month => Anchor.ToString("MMMM yyyy", c),
                CalendarViewKind.Day => Anchor.ToString("dddd, MMM d, yyyy", c),
                _ when From.Year != last.Year => $"{From.ToString("MMM d, yyyy", c)} – {last.ToString("MMM d, yyyy", c)}",
                _ when From.Month != last.Month => $"{From.ToString("MMM d", c)} – {last.ToString("MMM d, yyyy", c)}",
                _ => $"{From.ToString("MMM d", c)} – {last.ToString("d, yyyy", c)}",
            };
        }
    }

    public static string ToQuery(CalendarViewKind view) => view.ToString().ToLowerInvariant();

    public static CalendarViewKind? ParseView(string? text) =>
        Enum.TryParse<CalendarViewKind>(text, true, out var v) && Enum.IsDefined(v) ? v : null;

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
