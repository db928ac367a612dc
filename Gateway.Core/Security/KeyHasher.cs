namespace Gateway.Core.Security;

/// <summary>Creates client and admin keys and the SHA-256 hashes they are stored as.</summary>
public static class KeyHasher
{
    /// <summary>Visible characters kept of a key so admins can recognise it.</summary>
    public const int PrefixLength = 12;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key with the given prefix, e.g. <c>sk-gw-</c>.</summary>
    public static string NewKey(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', 'A').Replace('/', 'b');

    public static string VisiblePrefix(string key) => key[..Math.Min(PrefixLength, key.Length)];

    /// <summary>Constant-time comparison of a presented secret with an expected one.</summary>
    public static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
