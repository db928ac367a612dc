namespace Gateway.Core.Accounts;

/// <summary>An upstream credential the gateway spreads requests over (SPEC 2).</summary>
public sealed class Account : ILastUseStamped
{
    public const int DefaultPriority = 50;
    public const int DefaultConcurrency = 3;
    public const int DefaultPoolModeRetryCount = 3;
    public const int MaxPoolModeRetryCount = 10;

    private IReadOnlyList<int>? _poolModeRetryStatusCodes;
    private int _poolModeRetryCount = DefaultPoolModeRetryCount;

    public long Id { get; set; }

    public required string Name { get; set; }

    public AccountPlatform Platform { get; set; } = AccountPlatform.OpenAi;

    public AccountType Type { get; set; } = AccountType.ApiKey;

    /// <summary>The provider root, e.g. <c>https://api.deepseek.com</c>; a trailing <c>/v1</c> is tolerated.</summary>
    public required string BaseUrl { get; set; }

    /// <summary>The encrypted <see cref="AccountSecret"/>; never leaves the server in clear.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>OAuth token endpoint used for the refresh-token grant (oauth accounts only).</summary>
    public string? TokenUrl { get; set; }

    /// <summary>OAuth client id sent with the refresh-token grant, when the provider needs one.</summary>
    public string? OAuthClientId { get; set; }

    public AccountStatus Status { get; set; } = AccountStatus.Active;

    public string? ErrorMessage { get; set; }

    public bool Schedulable { get; set; } = true;

    public int Priority { get; set; } = DefaultPriority;

    public int Concurrency { get; set; } = DefaultConcurrency;

    /// <summary>Requested model → upstream model; a trailing <c>*</c> is a wildcard, the longest match wins.</summary>
    public Dictionary<string, string> ModelMapping { get; set; } = [];

    /// <summary>Pool mode retries the same account on its retry statuses and never changes stored state (SPEC 4.1).</summary>
    public bool PoolMode { get; set; }

    /// <summary>Same-account retries in pool mode, clamped to 0..10.</summary>
    public int PoolModeRetryCount
    {
        get => _poolModeRetryCount;
        set => _poolModeRetryCount = Math.Clamp(value, 0, MaxPoolModeRetryCount);
    }

    /// <summary>
    /// The statuses that trigger a same-account retry in pool mode; <c>null</c> means the default
    /// (401, 403, 429), an empty list means none. Always normalised.
    /// </summary>
    public IReadOnlyList<int>? PoolModeRetryStatusCodes
    {
        get => _poolModeRetryStatusCodes;
        set => _poolModeRetryStatusCodes = value is null ? null : Accounts.PoolModeRetryStatusCodes.Normalize(value);
    }

    /// <summary>Forward the client body unchanged (model rewrite only when mapped) (SPEC 4.2).</summary>
    public bool Passthrough { get; set; }

    public EndpointMode EndpointMode { get; set; } = EndpointMode.Auto;

    /// <summary>Probed Responses support: true, false or unknown (null).</summary>
    public bool? ResponsesSupported { get; set; }

    public DateTime? ProbedAt { get; set; }

    public string? ProbeDetail { get; set; }

    /// <summary>Temporarily unschedulable until this time (cooldown).</summary>
    public DateTime? CooldownUntil { get; set; }

    public string? CooldownReason { get; set; }

    /// <summary>403 strikes within the current strike window.</summary>
    public int ForbiddenStrikes { get; set; }

    public DateTime? ForbiddenWindowStart { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<Group> Groups { get; set; } = [];

    /// <summary>The single decision point for pool-mode same-account retry by status (SPEC 4.1).</summary>
    public bool IsPoolModeRetryableStatus(int status) =>
        _poolModeRetryStatusCodes is null
            ? Accounts.PoolModeRetryStatusCodes.IsDefaultRetryableStatus(status)
            : _poolModeRetryStatusCodes.Contains(status);

    /// <summary>The effective pool-mode retry statuses, the default when unset.</summary>
    public IReadOnlyList<int> EffectivePoolModeRetryStatusCodes =>
        _poolModeRetryStatusCodes ?? Accounts.PoolModeRetryStatusCodes.Default;

    /// <summary>Whether the account is cooling down at <paramref name="now"/>.</summary>
    public bool IsCoolingDown(DateTime now) => CooldownUntil is { } until && until > now;
}
