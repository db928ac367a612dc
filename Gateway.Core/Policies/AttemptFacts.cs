namespace Gateway.Core.Policies;

/// <summary>Everything <see cref="RetryPolicy"/> needs to know about one finished attempt.</summary>
public sealed record AttemptFacts
{
    public required FailureClass Failure { get; init; }

    /// <summary>
    /// Upstream HTTP status; 0 when no answer arrived. For a failure reported inside a 2xx answer, the status whose rules
    /// apply to it (<see cref="FailureClasses.EquivalentStatus"/>).
    /// </summary>
    public int Status { get; init; }

    /// <summary>The upstream answered 2xx and reported the failure inside it (SPEC 4.6): its endpoint exists.</summary>
    public bool ReportedInsideSuccess { get; init; }

    public AccountType AccountType { get; init; } = AccountType.ApiKey;

    public bool Passthrough { get; init; }

    public bool PoolMode { get; init; }

    /// <summary><see cref="Account.IsPoolModeRetryableStatus"/> for <see cref="Status"/>.</summary>
    public bool PoolModeRetryableStatus { get; init; }

    /// <summary>Same-account retries already made on this account for this request.</summary>
    public int SameAccountRetries { get; init; }

    public int PoolModeRetryCount { get; init; }

    /// <summary>The protocol selector allows one switch to the other protocol and it has not been used.</summary>
    public bool ProtocolSwitchAvailable { get; init; }

    /// <summary>The start of the upstream error body, when the attempt failed with one.</summary>
    public string? ErrorBody { get; init; }

    /// <summary>The OAuth token of this account has already been refreshed during this request.</summary>
    public bool TokenRefreshed { get; init; }

    public static AttemptFacts For(Account account, FailureClass failure, int status) => new()
    {
        Failure = failure,
        Status = status,
        AccountType = account.Type,
        Passthrough = account.Passthrough,
        PoolMode = account.PoolMode,
        PoolModeRetryableStatus = status > 0 && account.IsPoolModeRetryableStatus(status),
        PoolModeRetryCount = account.PoolModeRetryCount,
    };
}
