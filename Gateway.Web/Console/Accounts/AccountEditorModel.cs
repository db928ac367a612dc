namespace Gateway.Web.Console.Accounts;

/// <summary>A Retry Status Codes entry that is not a status code, as typed, and why.</summary>
public sealed record RetryCodeProblem(string Entry, PoolModeRetryStatusCodes.EntryProblem Problem);

/// <summary>What is wrong with one line of the model-mapping editor.</summary>
public enum MappingProblem
{
    Incomplete,
    Wildcard,
    Duplicate,
    TooLong,
}

/// <summary>
/// The account dialog's form state: the values, every field's problems (with the rule broken, so the dialog
/// says why in its language), and the conversions to what the admin service saves and the connection
/// tester sends.
/// </summary>
public sealed class AccountEditorModel
{
    public long? Id { get; private init; }

    public string Name { get; set; } = "";

    /// <summary>The upstream's platform; choosing Anthropic makes the account an API-key account (the only kind it has).</summary>
    public AccountPlatform Platform
    {
        get;
        set
        {
            field = value;
            if (ApiKeyOnly)
            {
                Type = AccountType.ApiKey;
            }
        }
    } = AccountPlatform.OpenAi;

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

    /// <summary>The account as stored, when editing one: moving its connection asks for its secret again.</summary>
    private Account? Stored { get; init; }

    public int Priority { get; set; } = Account.DefaultPriority;

    public int Concurrency { get; set; } = Account.DefaultConcurrency;

    public ISet<long> GroupIds { get; } = new HashSet<long>();

    public List<ModelMappingRow> ModelMapping { get; } = [];

    public bool PoolMode { get; set; }

    public int PoolModeRetryCount { get; set; } = Account.DefaultPoolModeRetryCount;

    /// <summary>The comma-separated Retry Status Codes; empty means the default list.</summary>
    public string RetryStatusCodes { get; set; } = "";

    public bool Passthrough { get; set; }

    public EndpointMode EndpointMode { get; set; } = EndpointMode.Auto;

    public AccountStatus Status { get; set; } = AccountStatus.Active;

    public bool Schedulable { get; set; } = true;

    /// <summary>The stored account's probe verdict, shown beside the endpoint mode.</summary>
    public ProbeState Probe { get; private init; }

    public DateTime? ProbedAt { get; private init; }

    public string? ProbeDetail { get; private init; }

    public bool IsNew => Id is null;

    /// <summary>Anthropic accounts authenticate with an API key only, and always speak the Messages API.</summary>
    public bool ApiKeyOnly => Platform == AccountPlatform.Anthropic;

    /// <summary>Set by a save attempt: from then on half-filled mapping lines count as problems too.</summary>
    public bool SaveAttempted { get; set; }

    /// <summary>The placeholder of the Retry Status Codes input: the default list.</summary>
    public static string DefaultRetryStatusCodes { get; } = PoolModeRetryStatusCodes.Format(PoolModeRetryStatusCodes.Default);

    /// <summary>Whether the secret field must be filled: a new account has nothing stored to keep.</summary>
    public bool SecretRequired => IsNew;

    public static AccountEditorModel ForAccount(Account account)
    {
        var model = new AccountEditorModel
        {
            Id = account.Id,
            Stored = account,
            Name = account.Name,
            Platform = account.Platform,
            Type = account.Type,
            BaseUrl = AccountConnectionRules.Shown(account.BaseUrl),
            TokenUrl = account.TokenUrl,
            OAuthClientId = account.OAuthClientId,
            HasStoredSecret = account.ProtectedSecret is not null,
            Priority = account.Priority,
            Concurrency = account.Concurrency,
            PoolMode = account.PoolMode,
            PoolModeRetryCount = account.PoolModeRetryCount,
            RetryStatusCodes = account.PoolModeRetryStatusCodes is { } codes ? PoolModeRetryStatusCodes.Format(codes) : "",
            Passthrough = account.Passthrough,
            EndpointMode = account.EndpointMode,
            Status = account.Status,
            Schedulable = account.Schedulable,
            Probe = account.ResponsesSupported switch { true => ProbeState.Supported, false => ProbeState.Unsupported, null => ProbeState.Unknown },
            ProbedAt = account.ProbedAt,
            ProbeDetail = account.ProbeDetail,
        };
        model.GroupIds.UnionWith(account.Groups.Select(g => g.Id));
        model.ModelMapping.AddRange(account.ModelMapping.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ModelMappingRow { From = p.Key, To = p.Value }));
        return model;
    }

    /// <summary>The rules <paramref name="field"/> breaks (admin API field names: <c>name</c>, <c>base_url</c>…).</summary>
    public IReadOnlyList<AccountInputError> ProblemsOf(string field) =>
        [.. Problems().Where(e => e.Field == field && e.Field != "model_mapping")];

    /// <summary>Each Retry Status Codes entry that is not a status code in 100..599, as typed; duplicates are fine.</summary>
    public IReadOnlyList<RetryCodeProblem> RetryCodeProblems =>
        [.. Entries(RetryStatusCodes)
            .Select(entry => new RetryCodeProblem(entry, PoolModeRetryStatusCodes.Check(entry, out _)))
            .Where(p => p.Problem != PoolModeRetryStatusCodes.EntryProblem.None)];

    /// <summary>The codes that will be saved: deduplicated and sorted, or null for the default.</summary>
    public IReadOnlyList<int>? NormalizedRetryStatusCodes =>
        string.IsNullOrWhiteSpace(RetryStatusCodes) ? null : PoolModeRetryStatusCodes.ParseCommaSeparated(RetryStatusCodes).Codes;

    /// <summary>
    /// What is wrong with one model-mapping line, as the editor shows it: a half-filled line only counts
    /// once a save was tried (the admin is usually still typing its other half).
    /// </summary>
    public IReadOnlyList<MappingProblem> MappingProblems(ModelMappingRow row) =>
        [.. AllMappingProblems(row).Where(p => p != MappingProblem.Incomplete || SaveAttempted)];

    // A line left wholly empty is ignored.
    private List<MappingProblem> AllMappingProblems(ModelMappingRow row)
    {
        if (row.IsEmpty)
        {
            return [];
        }

        var problems = AccountInputValidator.CheckMapping(row.From, row.To)
            .Select(e => e.Rule switch
            {
                AccountInputRule.MappingWildcard => MappingProblem.Wildcard,
                AccountInputRule.TooLong => MappingProblem.TooLong,
                _ => MappingProblem.Incomplete,
            })
            .ToList();
        var key = row.From.Trim();
        if (key.Length > 0 && ModelMapping.TakeWhile(r => !ReferenceEquals(r, row)).Any(r => r.From.Trim() == key))
        {
            problems.Add(MappingProblem.Duplicate);
        }

        return problems;
    }

    /// <summary>True when nothing stops a save.</summary>
    public bool IsValid =>
        !Problems().Any(e => e.Field != "model_mapping")
        && RetryCodeProblems.Count == 0
        && ModelMapping.All(r => AllMappingProblems(r).Count == 0);

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
        GroupIds = [.. GroupIds.Order()],
        ModelMapping = MappingEntries(),
        PoolMode = PoolMode && Type == AccountType.ApiKey,
        PoolModeRetryCount = PoolModeRetryCount,
        PoolModeRetryStatusCodes = NormalizedRetryStatusCodes,
        Passthrough = Passthrough,
        EndpointMode = EndpointMode,
        Status = Status,
        Schedulable = Schedulable,
    };

    /// <summary>The connection settings as typed, for a test before saving; a blank secret means the stored one.</summary>
    public ConnectionDraft ToConnectionDraft() => new(Platform, Type, BaseUrl, MappingEntries(), Blank(Secret), Id);

    /// <summary>Model names worth testing with: the mapping's upstream models first, then the concrete requested ones.</summary>
    public IEnumerable<string> TestModelSuggestions =>
        ModelMapping.Select(r => r.To.Trim()).Concat(ModelMapping.Select(r => r.From.Trim()))
            .Where(m => m.Length > 0 && !m.EndsWith('*'))
            .Distinct(StringComparer.Ordinal);

    private IEnumerable<AccountInputError> Problems()
    {
        var input = ToInput();
        var problems = AccountInputValidator.Check(input, IsNew);
        return Stored is null ? problems : problems.Concat(AccountConnectionRules.SecretsRequiredAgain(Stored, input));
    }

    private Dictionary<string, string> MappingEntries() =>
        ModelMapping
            .Where(r => !r.IsEmpty)
            .GroupBy(r => r.From.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().To.Trim(), StringComparer.Ordinal);

    private static IEnumerable<string> Entries(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One line of the model-mapping editor: requested model → upstream model.</summary>
public sealed class ModelMappingRow
{
    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public bool IsEmpty => string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To);
}
