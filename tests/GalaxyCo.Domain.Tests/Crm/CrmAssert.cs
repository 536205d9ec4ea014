namespace GalaxyCo.Domain.Tests.Crm;

/// <summary>Assertions on service results that say what went wrong when they fail.</summary>
internal static class CrmAssert
{
    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, $"{result.Status}: {result.Message}");
        return result.Value!;
    }

    public static void InvalidField(Result result, string field, string messagePart)
    {
        Assert.Equal(ResultStatus.Invalid, result.Status);
        var message = result.ErrorFor(field);
        Assert.True(message is not null, $"expected an error on '{field}', got: {string.Join("; ", result.FieldErrors.Select(e => $"{e.Key}={e.Value}"))}");
        Assert.Contains(messagePart, message, StringComparison.OrdinalIgnoreCase);
    }
}
