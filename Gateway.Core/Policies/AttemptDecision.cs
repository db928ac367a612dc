namespace Gateway.Core.Policies;

/// <summary>What the attempt loop does after an attempt (SPEC 2 attempt trace vocabulary).</summary>
public enum AttemptDecision
{
    /// <summary>The attempt succeeded and its answer goes to the client.</summary>
    Deliver,

    /// <summary>Try the same account again (pool mode, or after an OAuth token refresh).</summary>
    SameAccountRetry,

    /// <summary>Try the other upstream protocol on the same account, once.</summary>
    ProtocolSwitch,

    /// <summary>Move on to the next candidate account.</summary>
    AccountSwitch,

    /// <summary>End the request with the upstream's error (or the gateway's when nothing is left).</summary>
    Stop,
}

/// <summary>The decision plus what must happen before the next attempt.</summary>
public readonly record struct RetryDecision(AttemptDecision Decision, bool RefreshTokenFirst = false)
{
    public static implicit operator RetryDecision(AttemptDecision decision) => new(decision);
}

/// <summary>Wire names of <see cref="AttemptDecision"/>, as stored in the attempt trace.</summary>
public static class AttemptDecisions
{
    public static string ToWire(this AttemptDecision value) => value switch
    {
        AttemptDecision.Deliver => "deliver",
        AttemptDecision.SameAccountRetry => "same_account_retry",
        AttemptDecision.ProtocolSwitch => "protocol_switch",
        AttemptDecision.AccountSwitch => "account_switch",
        AttemptDecision.Stop => "stop",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
