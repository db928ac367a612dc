namespace Gateway.Web.Security;

/// <summary>
/// Security stamps that were replaced on this instance (logout, deletion, a role or password change): every cookie
/// carrying one is refused at once, a copied one included. The stored stamp, checked every
/// <see cref="SecurityOptions.SessionValidationInterval"/>, does the same on every other instance, so a revoked stamp is
/// only kept that long.
/// </summary>
internal sealed class SessionRevocations(TimeProvider time, IOptionsMonitor<SecurityOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedAt = new(StringComparer.Ordinal);

    public void Revoke(string? securityStamp)
    {
        var now = time.GetUtcNow();
        if (!string.IsNullOrEmpty(securityStamp))
        {
            _revokedAt[securityStamp] = now;
        }

        foreach (var (stamp, at) in _revokedAt)
        {
            if (now - at > options.CurrentValue.SessionValidationInterval)
            {
                _revokedAt.TryRemove(stamp, out _);
            }
        }
    }

    public bool IsRevoked(string? securityStamp) => securityStamp is not null && _revokedAt.ContainsKey(securityStamp);
}
