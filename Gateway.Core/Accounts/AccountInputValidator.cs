namespace Gateway.Core.Accounts;

/// <summary>The rule an account field breaks, so the console can say it in its own language.</summary>
public enum AccountInputRule
{
    Required,
    TooLong,
    InvalidUrl,
    PoolModeApiKeyOnly,
    PlatformApiKeyOnly,
    OutOfRange,
    MappingIncomplete,
    MappingWildcard,

    /// <summary>
    /// The base URL carries a query string, a fragment or a user name and password: the gateway appends its endpoint
    /// paths to the root, and what such a part holds (often a key) would be shown to everyone who may read accounts.
    /// </summary>
    BaseUrlNotRoot,

    /// <summary>The update moves the account's connection (host, token host, platform): its secret must be entered again.</summary>
    SecretRequiredAgain,
}

/// <summary>One broken rule: the admin API's field name, the rule, its values (limits, the entry) and an English message.</summary>
public sealed record AccountInputError(string Field, AccountInputRule Rule, string Message, params object[] Values);

/// <summary>
/// Checks an <see cref="AccountInput"/> and reports every bad field at once, keyed by the admin API's
/// snake_case field name.
/// </summary>
public static class AccountInputValidator
{
    public const int MaxNameLength = 200;

    /// <summary>The longest base URL or token URL: a longer one would not fit its column, and a cut URL points elsewhere.</summary>
    public const int MaxUrlLength = 1000;

    public const int MaxOAuthClientIdLength = 200;
    public const int MinPriority = 0;
    public const int MaxPriority = 10_000;
    public const int MinConcurrency = 1;
    public const int MaxConcurrency = 10_000;

    /// <summary>Why a token URL is refused.</summary>
    public const string TokenUrlMessage = "Token URL must be an absolute https:// URL, without a query string, fragment, or user name and password (http:// only for a loopback host in Development).";

    /// <summary>Field → English messages, as the admin API reports them.</summary>
    public static Dictionary<string, List<string>> Validate(AccountInput input, bool isCreate) =>
        Check(input, isCreate).GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList());

    /// <summary>Every broken rule, in field order.</summary>
    public static IReadOnlyList<AccountInputError> Check(AccountInput input, bool isCreate)
    {
        var errors = new List<AccountInputError>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add(new("name", AccountInputRule.Required, "Name is required."));
        }
        else if (input.Name.Length > MaxNameLength)
        {
            errors.Add(new("name", AccountInputRule.TooLong, $"Name must be at most {MaxNameLength} characters.", MaxNameLength));
        }

        if (!Uri.TryCreate(input.BaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(string.IsNullOrWhiteSpace(input.BaseUrl)
                ? new("base_url", AccountInputRule.Required, "Base URL is required.")
                : new("base_url", AccountInputRule.InvalidUrl, "Base URL must be an absolute http:// or https:// URL."));
        }
        else if (input.BaseUrl.AsSpan().IndexOfAny('?', '#') >= 0 || baseUri.UserInfo.Length > 0)
        {
            errors.Add(new("base_url", AccountInputRule.BaseUrlNotRoot,
                "Base URL must be the provider's root (such as https://api.deepseek.com/v1), without a query string, fragment, or user name and password: enter a key as the API key."));
        }
        else if (TooLong("base_url", "Base URL", input.BaseUrl, MaxUrlLength) is { } error)
        {
            errors.Add(error);
        }

        if (input.Type == AccountType.ApiKey && isCreate && string.IsNullOrWhiteSpace(input.ApiKey))
        {
            errors.Add(new("api_key", AccountInputRule.Required, "An API key is required for apikey accounts."));
        }

        if (input.Platform == AccountPlatform.Anthropic && input.Type == AccountType.OAuth)
        {
            errors.Add(new("type", AccountInputRule.PlatformApiKeyOnly, "Anthropic accounts authenticate with an API key (x-api-key): use type apikey."));
        }

        if (input.Type == AccountType.OAuth)
        {
            if (isCreate && string.IsNullOrWhiteSpace(input.AccessToken) && string.IsNullOrWhiteSpace(input.RefreshToken))
            {
                errors.Add(new("access_token", AccountInputRule.Required, "An access token or a refresh token is required for oauth accounts."));
            }

            // Whether plain http on a loopback host is allowed depends on the environment: the admin service checks that.
            if (!string.IsNullOrWhiteSpace(input.TokenUrl) && !AccountConnectionRules.IsAllowedTokenUrl(input.TokenUrl, allowHttpLoopback: true))
            {
                errors.Add(new("token_url", AccountInputRule.InvalidUrl, TokenUrlMessage));
            }

            if (input.PoolMode)
            {
                errors.Add(new("pool_mode", AccountInputRule.PoolModeApiKeyOnly, "Pool mode is only available for apikey accounts."));
            }
        }

        // Checked whatever the type, as every field sent is, though only an oauth account keeps them.
        if (TooLong("token_url", "Token URL", input.TokenUrl, MaxUrlLength) is { } tokenUrlError)
        {
            errors.Add(tokenUrlError);
        }

        if (TooLong("oauth_client_id", "OAuth client id", input.OAuthClientId, MaxOAuthClientIdLength) is { } clientIdError)
        {
            errors.Add(clientIdError);
        }

        if (input.Priority is < MinPriority or > MaxPriority)
        {
            errors.Add(new("priority", AccountInputRule.OutOfRange, $"Priority must be between {MinPriority} and {MaxPriority}.", MinPriority, MaxPriority));
        }

        if (input.Concurrency is < MinConcurrency or > MaxConcurrency)
        {
            errors.Add(new("concurrency", AccountInputRule.OutOfRange, $"Concurrency must be between {MinConcurrency} and {MaxConcurrency}.", MinConcurrency, MaxConcurrency));
        }

        if (input.PoolModeRetryCount is < 0 or > Account.MaxPoolModeRetryCount)
        {
            errors.Add(new("pool_mode_retry_count", AccountInputRule.OutOfRange,
                $"Pool-mode retry count must be between 0 and {Account.MaxPoolModeRetryCount}.", 0, Account.MaxPoolModeRetryCount));
        }

        foreach (var (from, to) in input.ModelMapping)
        {
            errors.AddRange(CheckMapping(from, to));
        }

        return errors;
    }

    // Refused rather than cut to the column on save: a cut URL or client id would be stored broken.
    private static AccountInputError? TooLong(string field, string label, string? value, int maxLength) =>
        value?.Trim().Length > maxLength ? new(field, AccountInputRule.TooLong, $"{label} must be at most {maxLength} characters.", maxLength) : null;

    /// <summary>The rules one model-mapping entry (requested → upstream) breaks.</summary>
    public static IEnumerable<AccountInputError> CheckMapping(string from, string to)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            yield return new("model_mapping", AccountInputRule.MappingIncomplete, "Model mapping entries need a requested and an upstream model.");
        }
        else if (from.IndexOf('*') is var star && star >= 0 && star != from.Length - 1)
        {
            yield return new("model_mapping", AccountInputRule.MappingWildcard, $"'{from}': the wildcard '*' may only end a requested model.", from);
        }

        if (from.Trim().Length > GatewayOptions.ModelColumnLength || to.Trim().Length > GatewayOptions.ModelColumnLength)
        {
            yield return new("model_mapping", AccountInputRule.TooLong, $"Model names in the mapping must be at most {GatewayOptions.ModelColumnLength} characters.", GatewayOptions.ModelColumnLength);
        }
    }
}
