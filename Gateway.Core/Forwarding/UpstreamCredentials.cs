namespace Gateway.Core.Forwarding;

/// <summary>
/// How an account presents its credential upstream: anthropic accounts send <c>x-api-key</c> and <c>anthropic-version</c>
/// (plus <c>anthropic-beta</c> when a Messages client named beta features), every other account <c>Authorization: Bearer</c>.
/// Shared by the attempt loop, the capability probe and the connection test.
/// </summary>
internal static class UpstreamCredentials
{
    /// <summary>The Messages API version sent when the client named none (every Chat or Responses client).</summary>
    public const string DefaultAnthropicVersion = "2023-06-01";

    public static void Apply(HttpRequestMessage message, Account account, AccountSecret secret, string? anthropicVersion = null, string? anthropicBeta = null)
    {
        if (account.Platform != AccountPlatform.Anthropic)
        {
            if (secret.BearerToken is { Length: > 0 } token)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return;
        }

        if (secret.ApiKey is { Length: > 0 } key)
        {
            message.Headers.TryAddWithoutValidation("x-api-key", key);
        }

        message.Headers.TryAddWithoutValidation("anthropic-version", string.IsNullOrWhiteSpace(anthropicVersion) ? DefaultAnthropicVersion : anthropicVersion);
        if (!string.IsNullOrWhiteSpace(anthropicBeta))
        {
            message.Headers.TryAddWithoutValidation("anthropic-beta", anthropicBeta);
        }
    }
}
