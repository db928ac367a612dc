namespace Gateway.Core.Accounts;

/// <summary>
/// What an admin submits to create or replace an account, from the console or the admin API.
/// A null secret on update keeps the stored one.
/// </summary>
public sealed record AccountInput
{
    public string Name { get; init; } = "";

    public AccountPlatform Platform { get; init; } = AccountPlatform.OpenAi;

    public AccountType Type { get; init; } = AccountType.ApiKey;

    public string BaseUrl { get; init; } = "";

    public string? ApiKey { get; init; }

    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public string? TokenUrl { get; init; }

    public string? OAuthClientId { get; init; }

    public int Priority { get; init; } = Account.DefaultPriority;

    public int Concurrency { get; init; } = Account.DefaultConcurrency;

    public IReadOnlyList<long> GroupIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> ModelMapping { get; init; } = new Dictionary<string, string>();

    public bool PoolMode { get; init; }

    public int PoolModeRetryCount { get; init; } = Account.DefaultPoolModeRetryCount;

    /// <summary>Already-normalised codes; null means the default list.</summary>
    public IReadOnlyList<int>? PoolModeRetryStatusCodes { get; init; }

    public bool Passthrough { get; init; }

    public EndpointMode EndpointMode { get; init; } = EndpointMode.Auto;

    public AccountStatus Status { get; init; } = AccountStatus.Active;

    public bool Schedulable { get; init; } = true;

    public bool HasSecret => !string.IsNullOrEmpty(ApiKey) || !string.IsNullOrEmpty(AccessToken) || !string.IsNullOrEmpty(RefreshToken);
}
