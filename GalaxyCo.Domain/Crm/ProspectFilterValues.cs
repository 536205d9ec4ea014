using System.Globalization;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// A <see cref="ProspectFilter"/> as flat name/value pairs: what a saved view stores in its filters jsonb and what a
/// board or list puts in its URL query string, so a view can be linked. Unknown names and unreadable values are
/// ignored, so an old link or view never breaks a page.
/// </summary>
public static class ProspectFilterValues
{
    public const string Search = "q";
    public const string Owner = "owner";
    public const string Mine = "mine";
    public const string Tag = "tag";
    public const string Source = "source";
    public const string ScoreMin = "scoreMin";
    public const string ScoreMax = "scoreMax";
    public const string ValueMin = "valueMin";
    public const string ValueMax = "valueMax";
    public const string FollowUp = "followUp";
    /// <summary>Custom field filters are "cf.key" = value.</summary>
    public const string CustomFieldPrefix = "cf.";

    public static IReadOnlyList<string> Names { get; } = [Search, Owner, Mine, Tag, Source, ScoreMin, ScoreMax, ValueMin, ValueMax, FollowUp];

    /// <summary>Only the filters that are set; money in cents.</summary>
    public static Dictionary<string, string> ToValues(ProspectFilter filter)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(filter.Search)) values[Search] = filter.Search.Trim();
        if (filter.Mine) values[Mine] = "1";
        else if (filter.AssignedTo is { } owner) values[Owner] = owner.ToString();
        if (!string.IsNullOrWhiteSpace(filter.Tag)) values[Tag] = filter.Tag.Trim();
        if (!string.IsNullOrWhiteSpace(filter.Source)) values[Source] = filter.Source.Trim();
        if (filter.ScoreMin is { } smin) values[ScoreMin] = smin.ToString(CultureInfo.InvariantCulture);
        if (filter.ScoreMax is { } smax) values[ScoreMax] = smax.ToString(CultureInfo.InvariantCulture);
        if (filter.ValueMin is { } vmin) values[ValueMin] = vmin.ToString(CultureInfo.InvariantCulture);
        if (filter.ValueMax is { } vmax) values[ValueMax] = vmax.ToString(CultureInfo.InvariantCulture);
        if (filter.FollowUp != FollowUpDue.Any) values[FollowUp] = filter.FollowUp.ToString().ToLowerInvariant();
        foreach (var (key, value) in filter.CustomFields ?? new Dictionary<string, string>())
            values[CustomFieldPrefix + key] = value;
        return values;
    }

    /// <summary>Reads the pairs back; when a name repeats, the last value wins.</summary>
    public static ProspectFilter FromValues(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs) values[key] = value;
        string? Get(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        int? Int(string name) => int.TryParse(Get(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        long? Long(string name) => long.TryParse(Get(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;

        var custom = values.Where(v => v.Key.StartsWith(CustomFieldPrefix, StringComparison.Ordinal) && v.Key.Length > CustomFieldPrefix.Length)
            .ToDictionary(v => v.Key[CustomFieldPrefix.Length..], v => v.Value, StringComparer.Ordinal);
        return new ProspectFilter
        {
            Search = Get(Search),
            Mine = Get(Mine) is "1" or "true",
            AssignedTo = Guid.TryParse(Get(Owner), out var owner) ? owner : null,
            Tag = Get(Tag),
            Source = Get(Source),
            ScoreMin = Int(ScoreMin),
            ScoreMax = Int(ScoreMax),
            ValueMin = Long(ValueMin),
            ValueMax = Long(ValueMax),
            FollowUp = Enum.TryParse<FollowUpDue>(Get(FollowUp), ignoreCase: true, out var due) && Enum.IsDefined(due) ? due : FollowUpDue.Any,
            CustomFields = custom.Count > 0 ? custom : null,
        };
    }
}
