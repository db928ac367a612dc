namespace Gateway.Core.Accounts;

/// <summary>
/// Remembers which account served a session (SPEC 3.2), for <see cref="GatewayOptions.StickySessionTtl"/>. Session keys
/// come from clients, so the table is bounded: each key is kept as a fixed-size hash, and at
/// <see cref="GatewayOptions.StickySessionMaxEntries"/> the expired bindings, then the tenth that would end soonest,
/// make room.
/// </summary>
public sealed class StickySessions(TimeProvider time, IOptionsMonitor<GatewayOptions> options)
{
    private readonly ConcurrentDictionary<(long GroupId, UInt128 Session), Binding> _bindings = new();
    private readonly Lock _trimming = new();

    public int Count => _bindings.Count;

    public long? Find(long groupId, string session)
    {
        if (_bindings.TryGetValue((groupId, Hash(session)), out var binding) && binding.Until > time.GetUtcNow().UtcDateTime)
        {
            return binding.AccountId;
        }

        return null;
    }

    public void Bind(long groupId, string session, long accountId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.CurrentValue;
        _bindings[(groupId, Hash(session))] = new Binding(accountId, now + settings.StickySessionTtl);
        if (_bindings.Count > Math.Max(1, settings.StickySessionMaxEntries))
        {
            Trim(now, Math.Max(1, settings.StickySessionMaxEntries));
        }
    }

    private static UInt128 Hash(string session)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(session), digest);
        return BitConverter.ToUInt128(digest);
    }

    // One thread trims at a time; the others go on binding. Removing a tenth at once keeps trimming rare.
    private void Trim(DateTime now, int maxEntries)
    {
        if (!_trimming.TryEnter())
        {
            return;
        }

        try
        {
            foreach (var (key, value) in _bindings)
            {
                if (value.Until <= now)
                {
                    _bindings.TryRemove(key, out _);
                }
            }

            var excess = _bindings.Count - maxEntries;
            if (excess > 0)
            {
                foreach (var (key, _) in _bindings.OrderBy(b => b.Value.Until).Take(excess + (maxEntries / 10)).ToList())
                {
                    _bindings.TryRemove(key, out _);
                }
            }
        }
        finally
        {
            _trimming.Exit();
        }
    }

    private readonly record struct Binding(long AccountId, DateTime Until);
}
