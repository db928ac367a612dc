namespace Gateway.Core.Accounts;

/// <summary>The secret part of an account: an API key, or OAuth access and refresh tokens.</summary>
public sealed record AccountSecret
{
    [JsonPropertyName("api_key")]
    public string? ApiKey { get; init; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    /// <summary>The bearer credential sent upstream.</summary>
    [JsonIgnore]
    public string? BearerToken => ApiKey ?? AccessToken;
}
