namespace Gateway.Core.Security;

/// <summary>Creates client and admin keys and the SHA-256 hashes they are stored as.</summary>
public static class KeyHasher
{
    /// <summary>Visible characters kept of a key so admins can recognise it.</summary>
    public const int PrefixLength = 12;

    /// <summary>Characters of a hash: SHA-256 in lower-case hex.</summary>
    public const int HashLength = 2 * SHA256.HashSizeInBytes;

    public static string Hash(string key)
    {
        Span<char> hash = stackalloc char[HashLength];
        Hash(key, hash);
        return new string(hash);
    }

    /// <summary>Writes the hash of <paramref name="key"/> into <paramref name="hash"/> (<see cref="HashLength"/> characters), allocating nothing for a key of ordinary length.</summary>
    public static void Hash(ReadOnlySpan<char> key, Span<char> hash)
    {
        var length = Encoding.UTF8.GetByteCount(key);
        var utf8 = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, digest);
        Convert.TryToHexStringLower(digest, hash, out _);
    }

    /// <summary>A new random key with the given prefix, e.g. <c>sk-gw-</c>.</summary>
    public static string NewKey(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', 'A').Replace('/', 'b');

    public static string VisiblePrefix(string key) => key[..Math.Min(PrefixLength, key.Length)];

    /// <summary>Constant-time comparison of a presented secret with an expected one.</summary>
    public static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
