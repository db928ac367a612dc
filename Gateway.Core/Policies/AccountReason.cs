using System.Text.RegularExpressions;

namespace Gateway.Core.Policies;

/// <summary>What an account's cooldown, error or model suspension is for (SPEC 4.2–4.6).</summary>
public enum AccountReasonCode
{
    RateLimited,
    QuotaExhausted,
    Overloaded,
    ServerError,

    /// <summary>A transient failure (4.6) of the class in <see cref="AccountReason.Failure"/>.</summary>
    Transient,

    /// <summary>A 403 strike: <see cref="AccountReason.Count"/> of <see cref="AccountReason.Limit"/>.</summary>
    ForbiddenStrike,

    /// <summary>The strike limit reached: <see cref="AccountReason.Count"/> strikes within <see cref="AccountReason.Limit"/> minutes.</summary>
    ForbiddenRetired,

    ApiKeyRefused,
    UnauthorizedAfterRefresh,
    ModelNotSupported,
}

/// <summary>
/// Why the engine cooled an account down, put it into error or suspended one of its models, as a value. The
/// database and the admin API keep it as one English line (<see cref="Text"/>: <c>cooldown_reason</c>,
/// <c>error_message</c>, a suspension's reason); <see cref="Parse"/> reads a stored line back, so the console
/// names the reason in its own language from its code and numbers, never from the wording. Pure.
/// </summary>
public sealed partial record AccountReason(AccountReasonCode Code, FailureClass Failure = FailureClass.None, int Count = 0, int Limit = 0)
{
    public static AccountReason RateLimited { get; } = new(AccountReasonCode.RateLimited, FailureClass.RateLimited);

    public static AccountReason QuotaExhausted { get; } = new(AccountReasonCode.QuotaExhausted, FailureClass.QuotaExceeded);

    public static AccountReason Overloaded { get; } = new(AccountReasonCode.Overloaded, FailureClass.Overloaded);

    public static AccountReason ServerError { get; } = new(AccountReasonCode.ServerError, FailureClass.ServerError);

    public static AccountReason ApiKeyRefused { get; } = new(AccountReasonCode.ApiKeyRefused, FailureClass.Unauthorized);

    public static AccountReason UnauthorizedAfterRefresh { get; } = new(AccountReasonCode.UnauthorizedAfterRefresh, FailureClass.Unauthorized);

    public static AccountReason ModelNotSupported { get; } = new(AccountReasonCode.ModelNotSupported, FailureClass.ModelNotSupported);

    // The lines with no numbers in them, read back by a lookup.
    private static readonly Dictionary<string, AccountReason> Fixed = new[]
        {
            RateLimited, QuotaExhausted, Overloaded, ServerError, ApiKeyRefused, UnauthorizedAfterRefresh, ModelNotSupported,
        }
        .Concat(Enum.GetValues<FailureClass>().Where(f => f.IsTransient()).Select(Transient))
        .ToDictionary(r => r.Text, StringComparer.Ordinal);

    /// <summary>The stored line, worded as the admin API has always shown it.</summary>
    public string Text => Code switch
    {
        AccountReasonCode.RateLimited => "429 rate limited",
        AccountReasonCode.QuotaExhausted => "quota exhausted",
        AccountReasonCode.Overloaded => "529 overloaded",
        AccountReasonCode.ServerError => "5xx upstream error",
        AccountReasonCode.Transient => $"transient upstream failure ({Failure.ToWire()})",
        AccountReasonCode.ForbiddenStrike => string.Create(CultureInfo.InvariantCulture, $"403 temporary cooldown ({Count}/{Limit})"),
        AccountReasonCode.ForbiddenRetired => string.Create(CultureInfo.InvariantCulture, $"403 forbidden {Count} times within {Limit} minutes"),
        AccountReasonCode.ApiKeyRefused => "401 unauthorized: the upstream refused the API key",
        AccountReasonCode.UnauthorizedAfterRefresh => "401 unauthorized after token refresh",
        AccountReasonCode.ModelNotSupported => "model_not_supported",
        _ => throw new ArgumentOutOfRangeException(nameof(Code)),
    };

    public static AccountReason Transient(FailureClass failure) =>
        failure.IsTransient() ? new(AccountReasonCode.Transient, failure) : throw new ArgumentOutOfRangeException(nameof(failure));

    public static AccountReason ForbiddenStrike(int strike, int limit) => new(AccountReasonCode.ForbiddenStrike, FailureClass.Forbidden, strike, limit);

    public static AccountReason ForbiddenRetired(int strikes, int windowMinutes) => new(AccountReasonCode.ForbiddenRetired, FailureClass.Forbidden, strikes, windowMinutes);

    /// <summary>Reads a stored line back; null for a line the engine did not write (an older wording, an operator's note).</summary>
    public static AccountReason? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (Fixed.TryGetValue(text, out var reason))
        {
            return reason;
        }

        if (ForbiddenStrikePattern().Match(text) is { Success: true } strike)
        {
            return ForbiddenStrike(Number(strike.Groups[1]), Number(strike.Groups[2]));
        }

        return ForbiddenRetiredPattern().Match(text) is { Success: true } retired
            ? ForbiddenRetired(Number(retired.Groups[1]), Number(retired.Groups[2]))
            : null;
    }

    public override string ToString() => Text;

    private static int Number(System.Text.RegularExpressions.Group group) => int.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^403 temporary cooldown \(([0-9]{1,9})/([0-9]{1,9})\)$")]
    private static partial Regex ForbiddenStrikePattern();

    [GeneratedRegex(@"^403 forbidden ([0-9]{1,9}) times within ([0-9]{1,9}) minutes$")]
    private static partial Regex ForbiddenRetiredPattern();
}
