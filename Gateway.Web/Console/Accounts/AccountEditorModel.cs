using Gateway.Core.Accounts;

namespace Gateway.Web.Console.Accounts;

/// <summary>
/// The account dialog's form state, with the pool-mode retry-status validation and the conversion to
/// the <see cref="AccountInput"/> the admin service takes.
/// </summary>
public sealed class AccountEditorModel
{
    public long? Id { get; private init; }

    public string Name { get; set; } = "";

    public AccountPlatform Platform { get; set; } = AccountPlatform.OpenAi;

    public AccountType Type { get; set; } = AccountType.ApiKey;

    public string BaseUrl { get; set; } = "";

    /// <summary>The API key (apikey accounts) or access token (oauth); write-only, empty keeps the stored one.</summary>
    public string? Secret { get; set; }

    /// <summary>The OAuth refresh token; write-only, empty keeps the stored one.</summary>
    public string? RefreshToken { get; set; }

    public string? TokenUrl { get; set; }

    /// <summary>The OAuth client id sent with the refresh-token grant, when the provider needs one.</summary>
    public string? OAuthClientId { get; set; }

    public bool HasStoredSecret { get; private init; }

    public int Priority { get; set; } = Account.DefaultPriority;

    public int Concurrency { get; set; } = Account.DefaultConcurrency;

    public IEnumerable<long> GroupIds { get; set; } = [];

    public List<ModelMappingRow> ModelMapping { get; } = [];

    public bool PoolMode { get; set; }

    public int PoolModeRetryCount { get; set; } = Account.DefaultPoolModeRetryCount;

    /// <summary>The comma-separated Retry Status Codes; empty means the default list.</summary>
    public string RetryStatusCodes { get; set; } = "";

    public bool Passthrough { get; set; }

    public EndpointMode EndpointMode { get; set; } = EndpointMode.Auto;

    public AccountStatus Status { get; set; } = AccountStatus.Active;

    public bool Schedulable { get; set; } = true;

    public bool IsNew => Id is null;

    /// <summary>The placeholder of the Retry Status Codes input: the default list.</summary>
    public static string RetryStatusCodesPlaceholder { get; } = PoolModeRetryStatusCodes.Format(PoolModeRetryStatusCodes.Default);

    public static AccountEditorModel ForAccount(Account account)
    {
        var model = new AccountEditorModel
        {
            Id = account.Id,
            Name = account.Name,
            Platform = account.Platform,
            Type = account.Type,
            BaseUrl = account.BaseUrl,
            TokenUrl = account.TokenUrl,
            OAuthClientId = account.OAuthClientId,
            HasStoredSecret = account.ProtectedSecret is not null,
            Priority = account.Priority,
            Concurrency = account.Concurrency,
            GroupIds = [.. account.Groups.Select(g => g.Id)],
            PoolMode = account.PoolMode,
            PoolModeRetryCount = account.PoolModeRetryCount,
            RetryStatusCodes = account.PoolModeRetryStatusCodes is { } codes ? PoolModeRetryStatusCodes.Format(codes) : "",
            Passthrough = account.Passthrough,
            EndpointMode = account.EndpointMode,
            Status = account.Status,
            Schedulable = account.Schedulable,
        };
        model.ModelMapping.AddRange(account.ModelMapping.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ModelMappingRow { From = p.Key, To = p.Value }));
        return model;
    }

    /// <summary>The entries of <see cref="RetryStatusCodes"/> that are not status codes in 100..599, as typed.</summary>
    public IReadOnlyList<string> InvalidRetryStatusCodes =>
        [.. Entries(RetryStatusCodes).Where(entry => !PoolModeRetryStatusCodes.Parse([entry]).IsValid)];

    /// <summary>The codes that will be saved: deduplicated and sorted, or null for the default.</summary>
    public IReadOnlyList<int>? NormalizedRetryStatusCodes =>
        string.IsNullOrWhiteSpace(RetryStatusCodes) ? null : PoolModeRetryStatusCodes.ParseCommaSeparated(RetryStatusCodes).Codes;

    /// <summary>Field → problems, by the admin API's field names; empty when the form can be saved.</summary>
    public Dictionary<string, List<string>> Validate()
    {
        var errors = AccountInputValidator.Validate(ToInput(), IsNew);
        var badCodes = InvalidRetryStatusCodes;
        if (badCodes.Count > 0)
        {
            errors["pool_mode_retry_status_codes"] = [.. badCodes];
        }

        return errors;
    }

    public AccountInput ToInput() => new()
    {
        Name = Name,
        Platform = Platform,
        Type = Type,
        BaseUrl = BaseUrl,
        ApiKey = Type == AccountType.ApiKey ? Blank(Secret) : null,
        AccessToken = Type == AccountType.OAuth ? Blank(Secret) : null,
        RefreshToken = Type == AccountType.OAuth ? Blank(RefreshToken) : null,
        TokenUrl = Type == AccountType.OAuth ? Blank(TokenUrl) : null,
        OAuthClientId = Type == AccountType.OAuth ? Blank(OAuthClientId) : null,
        Priority = Priority,
        Concurrency = Concurrency,
        GroupIds = [.. GroupIds],
        ModelMapping = ModelMapping
            .Where(r => !string.IsNullOrWhiteSpace(r.From) || !string.IsNullOrWhiteSpace(r.To))
            .GroupBy(r => r.From.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().To, StringComparer.Ordinal),
        PoolMode = PoolMode && Type == AccountType.ApiKey,
        PoolModeRetryCount = PoolModeRetryCount,
        PoolModeRetryStatusCodes = NormalizedRetryStatusCodes,
        Passthrough = Passthrough,
        EndpointMode = EndpointMode,
        Status = Status,
        Schedulable = Schedulable,
    };

    private static IEnumerable<string> Entries(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One line of the model-mapping editor: requested model → upstream model.</summary>
public sealed class ModelMappingRow
{
    public string From { get; set; } = "";

    public string To { get; set; } = "";
}
