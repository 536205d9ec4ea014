namespace GalaxyCo.Web.Components.Pages.Calendar;

/// <summary>One timed item placed in a day column: minutes from the day's midnight, and its lane among overlapping items.</summary>
public sealed record TimeGridBlock(CalendarItem Item, int StartMinute, int EndMinute, int Lane, int Lanes, bool ContinuesBefore, bool ContinuesAfter);

/// <summary>
/// Places timed items in one day column of the week/day grid. Items that overlap share the width in lanes (the first
/// free lane, left to right, like Google Calendar's columns); an item crossing midnight is cut at the day's edges.
/// Times are wall-clock times in the viewer's zone, so a DST day simply has a shorter or longer stretch.
/// </summary>
public static class TimeGridLayout
{
    public const int MinutesPerDay = 24 * 60;

    /// <summary>The shortest height an item gets, so a 5-minute meeting stays clickable.</summary>
    public const int MinimumVisibleMinutes = 20;

    public static IReadOnlyList<TimeGridBlock> ForDay(DateOnly day, IEnumerable<CalendarItem> items)
    {
        var dayStart = day.ToDateTime(TimeOnly.MinValue);
        var dayEnd = dayStart.AddDays(1);
        var placed = items
            .Where(i => !i.IsAllDay && i.Start < dayEnd && (i.End > dayStart || (i.End == i.Start && i.Start >= dayStart)))
            .Select(i =>
            {
                var start = i.Start < dayStart ? 0 : (int)(i.Start - dayStart).TotalMinutes;
                var end = i.End > dayEnd ? MinutesPerDay : (int)(i.End - dayStart).TotalMinutes;
                return (Item: i, Start: start, End: Math.Min(MinutesPerDay, Math.Max(end, start + MinimumVisibleMinutes)), Before: i.Start < dayStart, After: i.End > dayEnd);
            })
            .OrderBy(p => p.Start).ThenByDescending(p => p.End).ThenBy(p => p.Item.Title, StringComparer.Ordinal)
            .ToList();

        var blocks = new List<TimeGridBlock>(placed.Count);
        // Clusters: runs of items that overlap each other transitively share one lane count.
        var laneEnds = new List<int>();
        var clusterEnd = -1;
        var pending = new List<(CalendarItem Item, int Start, int End, bool Before, bool After, int Lane)>();

        void Flush()
        {
            var lanes = Math.Max(1, laneEnds.Count);
            foreach (var p in pending) blocks.Add(new TimeGridBlock(p.Item, p.Start, p.End, p.Lane, lanes, p.Before, p.After));
            pending.Clear();
            laneEnds.Clear();
        }

        foreach (var p in placed)
        {
            if (p.Start >= clusterEnd) Flush();
            var lane = laneEnds.FindIndex(end => end <= p.Start);
            if (lane < 0)
            {
                lane = laneEnds.Count;
                laneEnds.Add(p.End);
            }
            else
            {
                laneEnds[lane] = p.End;
            }
            clusterEnd = Math.Max(p.Start >= clusterEnd ? p.End : clusterEnd, p.End);
            pending.Add((p.Item, p.Start, p.End, p.Before, p.After, lane));
        }
        Flush();
        return blocks;
    }

    /// <summary>Minutes rounded to the nearest multiple of <paramref name="step"/> (15 in the grid).</summary>
    public static int Snap(int minutes, int step = 15) => (int)Math.Round(minutes / (double)step, MidpointRounding.AwayFromZero) * step;
}
