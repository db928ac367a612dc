namespace Gateway.Web.Endpoints.Admin;

/// <summary>Turns an admin API account body into an <see cref="AccountInput"/>, naming every bad field.</summary>
internal static class AccountInputReader
{
    public static AccountInput Read(JsonFields f)
    {
        var input = new AccountInput
        {
            Name = f.String("name") ?? "",
            Platform = f.Enum<AccountPlatform>("platform", AccountEnumNames.TryParsePlatform, "openai, openai-compatible, anthropic") ?? AccountPlatform.OpenAi,
            Type = f.Enum<AccountType>("type", AccountEnumNames.TryParseType, "apikey, oauth") ?? AccountType.ApiKey,
            BaseUrl = f.String("base_url") ?? "",
            ApiKey = f.String("api_key"),
            AccessToken = f.String("access_token"),
            RefreshToken = f.String("refresh_token"),
            TokenUrl = f.String("token_url"),
            OAuthClientId = f.String("oauth_client_id"),
            Priority = f.Int("priority") ?? Account.DefaultPriority,
            Concurrency = f.Int("concurrency") ?? Account.DefaultConcurrency,
            GroupIds = f.LongArray("group_ids") ?? [],
            ModelMapping = f.StringMap("model_mapping") ?? [],
            PoolMode = f.Bool("pool_mode") ?? false,
            PoolModeRetryCount = f.Int("pool_mode_retry_count") ?? Account.DefaultPoolModeRetryCount,
            PoolModeRetryStatusCodes = ReadRetryStatusCodes(f),
            Passthrough = f.Bool("passthrough") ?? false,
            EndpointMode = f.Enum<EndpointMode>("endpoint_mode", AccountEnumNames.TryParseEndpointMode, "auto, chat, responses, both") ?? EndpointMode.Auto,
            Status = f.Enum<AccountStatus>("status", AccountEnumNames.TryParseStatus, "active, disabled, error") ?? AccountStatus.Active,
            Schedulable = f.Bool("schedulable") ?? true,
        };
        return input;
    }

    private static IReadOnlyList<int>? ReadRetryStatusCodes(JsonFields f)
    {
        const string field = "pool_mode_retry_status_codes";
        if (!f.Has(field))
        {
            return null;
        }

        var value = f.Root.GetProperty(field);
        if (value.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            f.AddError(field, "Must be an array of status codes (integers or numeric strings), or null for the default 401, 403, 429.");
            return null;
        }

        var parsed = PoolModeRetryStatusCodes.ParseJson(value);
        foreach (var error in parsed.Errors)
        {
            f.AddError(field, $"Invalid status code: {error}.");
        }

        return parsed.Codes;
    }
}
