namespace Gateway.Core.Accounts;

/// <summary>The upstream provider family an account talks to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccountPlatform>))]
public enum AccountPlatform
{
    [JsonStringEnumMemberName("openai")] OpenAi,
    [JsonStringEnumMemberName("openai-compatible")] OpenAiCompatible,

    /// <summary>Anthropic's Messages API (SPEC 5.5): every attempt on it speaks <see cref="ApiProtocol.Messages"/>.</summary>
    [JsonStringEnumMemberName("anthropic")] Anthropic,
}

/// <summary>How the account authenticates upstream.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccountType>))]
public enum AccountType
{
    [JsonStringEnumMemberName("apikey")] ApiKey,
    [JsonStringEnumMemberName("oauth")] OAuth,
}

/// <summary>Administrative and health status of an account.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccountStatus>))]
public enum AccountStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("disabled")] Disabled,
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>Which upstream protocol an account is sent (SPEC 5.2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EndpointMode>))]
public enum EndpointMode
{
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("chat")] Chat,
    [JsonStringEnumMemberName("responses")] Responses,
    [JsonStringEnumMemberName("both")] Both,
}

/// <summary>The wire protocols the gateway speaks: OpenAI's two and Anthropic's Messages API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiProtocol>))]
public enum ApiProtocol
{
    [JsonStringEnumMemberName("chat")] Chat,
    [JsonStringEnumMemberName("responses")] Responses,
    [JsonStringEnumMemberName("messages")] Messages,
}

/// <summary>Lower-case wire names of the account enums, shared by the API, storage and UI.</summary>
public static class AccountEnumNames
{
    public static string ToWire(this AccountPlatform value) => value switch
    {
        AccountPlatform.OpenAi => "openai",
        AccountPlatform.OpenAiCompatible => "openai-compatible",
        AccountPlatform.Anthropic => "anthropic",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToWire(this AccountType value) => value == AccountType.OAuth ? "oauth" : "apikey";

    public static string ToWire(this AccountStatus value) => value switch
    {
        AccountStatus.Active => "active",
        AccountStatus.Disabled => "disabled",
        AccountStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToWire(this EndpointMode value) => value switch
    {
        EndpointMode.Auto => "auto",
        EndpointMode.Chat => "chat",
        EndpointMode.Responses => "responses",
        EndpointMode.Both => "both",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string ToWire(this ApiProtocol value) => value switch
    {
        ApiProtocol.Chat => "chat",
        ApiProtocol.Responses => "responses",
        ApiProtocol.Messages => "messages",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static bool TryParsePlatform(string? text, out AccountPlatform value) =>
        TryParse(text, out value, (AccountPlatform.OpenAi, "openai"), (AccountPlatform.OpenAiCompatible, "openai-compatible"), (AccountPlatform.Anthropic, "anthropic"));

    public static bool TryParseType(string? text, out AccountType value) =>
        TryParse(text, out value, (AccountType.ApiKey, "apikey"), (AccountType.OAuth, "oauth"));

    public static bool TryParseStatus(string? text, out AccountStatus value) =>
        TryParse(text, out value, (AccountStatus.Active, "active"), (AccountStatus.Disabled, "disabled"), (AccountStatus.Error, "error"));

    public static bool TryParseEndpointMode(string? text, out EndpointMode value) =>
        TryParse(text, out value, (EndpointMode.Auto, "auto"), (EndpointMode.Chat, "chat"), (EndpointMode.Responses, "responses"), (EndpointMode.Both, "both"));

    public static bool TryParseProtocol(string? text, out ApiProtocol value) =>
        TryParse(text, out value, (ApiProtocol.Chat, "chat"), (ApiProtocol.Responses, "responses"), (ApiProtocol.Messages, "messages"));

    // A span of names: the parse of the protocol override header runs on every request, and a params array is a heap allocation each time.
    private static bool TryParse<T>(string? text, out T value, params ReadOnlySpan<(T Value, string Name)> names)
        where T : struct, Enum
    {
        var trimmed = text.AsSpan().Trim();
        foreach (var (candidate, name) in names)
        {
            if (trimmed.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
