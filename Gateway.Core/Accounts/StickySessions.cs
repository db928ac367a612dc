using System.Collections.Concurrent;
using Gateway.Core.Options;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Accounts;

/// <summary>Remembers which account served a session (SPEC 3.2), for <see cref="GatewayOptions.StickySessionTtl"/>.</summary>
public sealed class StickySessions(TimeProvider time, IOptionsMonitor<GatewayOptions> options)
{
    // Expired bindings are swept when the table grows past this, so abandoned sessions do not accumulate.
    private const int SweepThreshold = 50_000;

    private readonly ConcurrentDictionary<(long GroupId, string Session), Binding> _bindings = new();

    public long? Find(long groupId, string session)
    {
        if (_bindings.TryGetValue((groupId, session), out var binding) && binding.Until > time.GetUtcNow().UtcDateTime)
        {
            return binding.AccountId;
        }

        return null;
    }

    public void Bind(long groupId, string session, long accountId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _bindings[(groupId, session)] = new Binding(accountId, now + options.CurrentValue.StickySessionTtl);
        if (_bindings.Count > SweepThreshold)
        {
            foreach (var (key, value) in _bindings)
            {
                if (value.Until <= now)
                {
                    _bindings.TryRemove(key, out _);
                }
            }
        }
    }

    private readonly record struct Binding(long AccountId, DateTime Until);
}
