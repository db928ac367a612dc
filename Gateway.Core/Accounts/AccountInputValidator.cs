namespace Gateway.Core.Accounts;

/// <summary>
/// Checks an <see cref="AccountInput"/> and reports every bad field at once, keyed by the admin API's
/// snake_case field name.
/// </summary>
public static class AccountInputValidator
{
    public static Dictionary<string, List<string>> Validate(AccountInput input, bool isCreate)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            Add("name", "Name is required.");
        }
        else if (input.Name.Length > 200)
        {
            Add("name", "Name must be at most 200 characters.");
        }

        if (!Uri.TryCreate(input.BaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            Add("base_url", "Base URL must be an absolute http:// or https:// URL.");
        }

        if (input.Type == AccountType.ApiKey && isCreate && string.IsNullOrWhiteSpace(input.ApiKey))
        {
            Add("api_key", "An API key is required for apikey accounts.");
        }

        if (input.Platform == AccountPlatform.Anthropic && input.Type == AccountType.OAuth)
        {
            Add("type", "Anthropic accounts authenticate with an API key (x-api-key): use type apikey.");
        }

        if (input.Type == AccountType.OAuth)
        {
            if (isCreate && string.IsNullOrWhiteSpace(input.AccessToken) && string.IsNullOrWhiteSpace(input.RefreshToken))
            {
                Add("access_token", "An access token or a refresh token is required for oauth accounts.");
            }

            if (!string.IsNullOrWhiteSpace(input.TokenUrl) && !Uri.TryCreate(input.TokenUrl, UriKind.Absolute, out _))
            {
                Add("token_url", "Token URL must be an absolute URL.");
            }

            if (input.PoolMode)
            {
                Add("pool_mode", "Pool mode is only available for apikey accounts.");
            }
        }

        if (input.Priority is < 0 or > 10_000)
        {
            Add("priority", "Priority must be between 0 and 10000.");
        }

        if (input.Concurrency is < 1 or > 10_000)
        {
            Add("concurrency", "Concurrency must be between 1 and 10000.");
        }

        if (input.PoolModeRetryCount is < 0 or > Account.MaxPoolModeRetryCount)
        {
            Add("pool_mode_retry_count", $"Pool-mode retry count must be between 0 and {Account.MaxPoolModeRetryCount}.");
        }

        foreach (var (from, to) in input.ModelMapping)
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            {
                Add("model_mapping", "Model mapping entries need a requested and an upstream model.");
            }
            else if (from.IndexOf('*') is var star && star >= 0 && star != from.Length - 1)
            {
                Add("model_mapping", $"'{from}': the wildcard '*' may only end a requested model.");
            }
        }

        return errors;
    }
}
