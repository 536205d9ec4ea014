using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Json;

/// <summary>
/// Maps a typed property to a jsonb column through System.Text.Json, comparing snapshots by their JSON so that
/// in-place edits (adding a tag to a list, flipping a flag) are detected as changes.
/// </summary>
public static class JsonbConversion
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> HasJsonb<T>(this PropertyBuilder<T> property) where T : class, new()
    {
        var comparer = new ValueComparer<T>(
            (a, b) => Serialize(a) == Serialize(b),
            v => Serialize(v).GetHashCode(StringComparison.Ordinal),
            v => Deserialize<T>(Serialize(v)));
        property.HasConversion(v => Serialize(v), s => Deserialize<T>(s), comparer)
            .HasColumnType("jsonb")
            .IsRequired(false);
        return property;
    }

    public static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string? json) where T : class, new() =>
        string.IsNullOrEmpty(json) ? new T() : JsonSerializer.Deserialize<T>(json, Options) ?? new T();
}
