namespace Gateway.Core.Accounts;

/// <summary>The outcome of an admin change: the saved value, validation errors by field, or not found.</summary>
public sealed record AdminResult<T>(T? Value, IReadOnlyDictionary<string, List<string>>? Errors, bool IsNotFound)
    where T : class
{
    public static AdminResult<T> Ok(T value) => new(value, null, false);

    public static AdminResult<T> Invalid(IReadOnlyDictionary<string, List<string>> errors) => new(null, errors, false);

    public static AdminResult<T> NotFound() => new(null, null, true);
}
