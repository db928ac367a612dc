namespace Gateway.Core.Accounts;

/// <summary>An authenticated client key, as the request path needs it.</summary>
public sealed record ApiKeyIdentity(long Id, long GroupId, DateTime? ExpiresAt, int? ConcurrencyLimit, int? RequestsPerMinute);

/// <summary>
/// Authenticates gateway API keys by hash with an in-memory cache of successful lookups; disabling or deleting
/// a key evicts it at once through <see cref="IApiKeyChangeNotifier"/>.
/// </summary>
public sealed class ApiKeyAuthenticator(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time, IOptionsMonitor<GatewayOptions> options)
    : IApiKeyChangeNotifier
{
    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

    /// <summary>The key's identity, or null when it is unknown, disabled or expired.</summary>
    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(ReadOnlyMemory<char> presentedKey, CancellationToken ct)
    {
        // A hit, the usual case, hashes on the stack and looks up by the characters: no string per request.
        Span<char> hashed = stackalloc char[KeyHasher.HashLength];
        KeyHasher.Hash(presentedKey.Span, hashed);
        var now = time.GetUtcNow().UtcDateTime;
        if (!_cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hashed, out var cached) || cached.Until <= now)
        {
            var hash = new string(hashed);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var identity = await db.ApiKeys.AsNoTracking()
                .Where(k => k.KeyHash == hash && k.Enabled)
                .Select(k => new ApiKeyIdentity(k.Id, k.GroupId, k.ExpiresAt, k.ConcurrencyLimit, k.RequestsPerMinute))
                .FirstOrDefaultAsync(ct);
            if (identity is null)
            {
                // Unknown keys are not cached: a key created a moment later must work at once.
                _cache.TryRemove(hash, out _);
                return null;
            }

            cached = new CachedKey(identity, now + options.CurrentValue.ApiKeyCacheTtl);
            _cache[hash] = cached;
        }

        return cached.Identity.ExpiresAt is { } expires && expires <= now ? null : cached.Identity;
    }

    public void ApiKeyChanged(string keyHash) => _cache.TryRemove(keyHash, out _);

    private sealed record CachedKey(ApiKeyIdentity Identity, DateTime Until);
}
