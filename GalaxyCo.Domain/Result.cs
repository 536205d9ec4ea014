namespace GalaxyCo.Domain;

public enum ResultStatus { Ok, Invalid, NotFound, Forbidden, Conflict }

/// <summary>
/// The outcome of a service call. Invalid input carries messages per field so the UI can show each next to its
/// field; another workspace's id is NotFound, never Forbidden, so nothing leaks whether it exists.
/// </summary>
public class Result
{
    protected Result(ResultStatus status, string? message, IReadOnlyDictionary<string, string>? fieldErrors)
    {
        Status = status;
        Message = message;
        FieldErrors = fieldErrors ?? new Dictionary<string, string>();
    }

    public ResultStatus Status { get; }
    public string? Message { get; }
    public IReadOnlyDictionary<string, string> FieldErrors { get; }
    public bool Succeeded => Status == ResultStatus.Ok;

    public static Result Ok() => new(ResultStatus.Ok, null, null);
    public static Result Invalid(string field, string message) => new(ResultStatus.Invalid, message, new Dictionary<string, string> { [field] = message });
    public static Result Invalid(IReadOnlyDictionary<string, string> errors) => new(ResultStatus.Invalid, errors.Values.FirstOrDefault(), errors);
    public static Result NotFound(string what = "That record") => new(ResultStatus.NotFound, $"{what} was not found.", null);
    public static Result Forbidden(string message) => new(ResultStatus.Forbidden, message, null);
    public static Result Conflict(string message) => new(ResultStatus.Conflict, message, null);

    public string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var message) ? message : null;
}

public sealed class Result<T> : Result
{
    private Result(ResultStatus status, T? value, string? message, IReadOnlyDictionary<string, string>? fieldErrors)
        : base(status, message, fieldErrors) => Value = value;

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(ResultStatus.Ok, value, null, null);

    /// <summary>Success with a note for the user, e.g. a warning about a follow-up step that failed.</summary>
    public static Result<T> Ok(T value, string? message) => new(ResultStatus.Ok, value, message, null);
    public static Result<T> From(Result failure) => new(failure.Status, default, failure.Message, failure.FieldErrors);

    public static implicit operator Result<T>(T value) => Ok(value);
}
