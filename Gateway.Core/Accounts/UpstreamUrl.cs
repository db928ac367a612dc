namespace Gateway.Core.Accounts;

/// <summary>Builds upstream endpoint URLs from an account's base URL (SPEC 2).</summary>
public static class UpstreamUrl
{
    /// <summary>
    /// <c>{base_url}/v1/{path}</c>; a base URL that already ends in <c>/v1</c> is not doubled, and
    /// trailing slashes are ignored.
    /// </summary>
    public static Uri For(string baseUrl, string path)
    {
        var root = baseUrl.Trim().TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^3];
        }

        return new Uri($"{root}/v1/{path.TrimStart('/')}");
    }
}
