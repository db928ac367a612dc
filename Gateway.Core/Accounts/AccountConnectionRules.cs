namespace Gateway.Core.Accounts;

/// <summary>
/// Rules that keep write-only secrets where they were entered for. A stored key is sent to the account's base URL and a
/// refresh token to its token URL: if either could be repointed at another host (or the platform changed) without
/// entering the secret again, anyone allowed to edit accounts could have the stored secret sent to a server of theirs.
/// A refresh token also yields access tokens that go to the base URL: when the connection moves, a stored refresh token
/// not entered again is dropped. A change of type needs the new type's secret: a stored secret of the other type (and the
/// token URL an apikey account does not keep) could otherwise be carried across it to a token URL never checked against it.
/// </summary>
public static class AccountConnectionRules
{
    /// <summary>Every secret the update must carry again, given the stored account and what replaces it.</summary>
    public static IEnumerable<AccountInputError> SecretsRequiredAgain(Account stored, AccountInput input)
    {
        var connectionMoved = !KeepsConnection(stored, input.BaseUrl, input.Platform);
        var typeChanged = stored.Type != input.Type;
        if (connectionMoved && input.Type == AccountType.ApiKey && string.IsNullOrEmpty(input.ApiKey))
        {
            yield return new("api_key", AccountInputRule.SecretRequiredAgain,
                "Changing the base URL's scheme, host or port, or the platform, sends the key elsewhere: enter the API key again.");
        }
        else if (typeChanged && input.Type == AccountType.ApiKey && string.IsNullOrEmpty(input.ApiKey))
        {
            yield return new("api_key", AccountInputRule.SecretRequiredAgain, "Changing the type to apikey needs the API key.");
        }

        if (connectionMoved && input.Type == AccountType.OAuth && string.IsNullOrEmpty(input.AccessToken))
        {
            yield return new("access_token", AccountInputRule.SecretRequiredAgain,
                "Changing the base URL's scheme, host or port, or the platform, sends the token elsewhere: enter the access token again.");
        }
        else if (typeChanged && input.Type == AccountType.OAuth && string.IsNullOrEmpty(input.AccessToken) && string.IsNullOrEmpty(input.RefreshToken))
        {
            yield return new("access_token", AccountInputRule.SecretRequiredAgain, "Changing the type to oauth needs an access token or a refresh token.");
        }

        if (input.Type == AccountType.OAuth && !SameOrigin(stored.TokenUrl, input.TokenUrl) && string.IsNullOrEmpty(input.RefreshToken))
        {
            yield return new("refresh_token", AccountInputRule.SecretRequiredAgain,
                "Changing the token URL's scheme, host or port sends the refresh token elsewhere: enter the refresh token again.");
        }
    }

    /// <summary>Whether the stored secret may go to <paramref name="baseUrl"/>: the same scheme, host and port, and the same platform.</summary>
    public static bool KeepsConnection(Account stored, string baseUrl, AccountPlatform platform) =>
        SameOrigin(stored.BaseUrl, baseUrl) && stored.Platform == platform;

    /// <summary>Whether a stored refresh token not entered again is kept: the same connection and the same type.</summary>
    public static bool KeepsRefreshToken(Account stored, AccountInput input) =>
        KeepsConnection(stored, input.BaseUrl, input.Platform) && stored.Type == input.Type;

    /// <summary>
    /// Whether a token URL may be used: <c>https://</c>, or <c>http://</c> on a loopback host when
    /// <paramref name="allowHttpLoopback"/> (Development). Refresh tokens travel in it. No query string, fragment, or user
    /// name and password, as in a base URL: a credential there would be shown to every reader of the account.
    /// </summary>
    public static bool IsAllowedTokenUrl(string tokenUrl, bool allowHttpLoopback) =>
        Uri.TryCreate(tokenUrl.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowHttpLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && uri.UserInfo.Length == 0
        && tokenUrl.AsSpan().IndexOfAny('?', '#') < 0;

    /// <summary>
    /// A stored base URL as readers see it: without the user name and password, query string and fragment that
    /// <see cref="AccountInputRule.BaseUrlNotRoot"/> now refuses but an older account may hold (often a key).
    /// </summary>
    public static string Shown(string baseUrl) =>
        baseUrl.AsSpan().IndexOfAny('?', '#', '@') < 0 || !Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri)
            ? baseUrl
            : uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    // Scheme, host and port: where a secret is sent. Paths, and the user name and password an older base URL may hold, may
    // change freely.
    private static bool SameOrigin(string? stored, string? replacement)
    {
        var before = Origin(stored);
        var after = Origin(replacement);
        return string.Equals(before, after, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Origin(string? url) =>
        string.IsNullOrWhiteSpace(url) ? null
        : Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)
        : url.Trim();
}
