namespace Gateway.Core.Accounts;

/// <summary>
/// Remembers which account served a session (SPEC 3.2), for <see cref="GatewayOptions.StickySessionTtl"/>. Session keys
/// come from clients, so the table is bounded: each key is kept as a fixed-size hash, and at
/// <see cref="GatewayOptions.StickySessionMaxEntries"/> the expired bindings, then the tenth that would end soonest,
/// make room.
/// </summary>
public sealed class StickySessions(TimeProvider time, IOptionsMonitor<GatewayOptions> options)
{
    private readonly ExpiringTable<(long GroupId, UInt128 Session), long> _bindings = new(time);

    public int Count => _bindings.Count;

    public long? Find(long groupId, string session) => _bindings.TryGet((groupId, Hash(session)), out var accountId) ? accountId : null;

    public void Bind(long groupId, string session, long accountId)
    {
        var settings = options.CurrentValue;
        _bindings.Set((groupId, Hash(session)), accountId, settings.StickySessionTtl, settings.StickySessionMaxEntries);
    }

    private static UInt128 Hash(string session)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(session), digest);
        return BitConverter.ToUInt128(digest);
    }
}
