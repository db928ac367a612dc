namespace Gateway.Core.Security;

/// <summary>The security tunables of the console, the admin API and account connections, bound from the <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Whether an OAuth token URL may be plain <c>http://</c> on a loopback host (a local test token endpoint). Unset: only
    /// in the Development environment. Any other token URL must be <c>https://</c>, since refresh tokens travel in it.
    /// </summary>
    public bool? AllowHttpLoopbackTokenUrl { get; set; }

    /// <summary>How often a console cookie and an open console tab are checked against the user's stored security stamp.</summary>
    public TimeSpan SessionValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in attempts one client IP may make per minute (on top of the per-account lockout); 0 means no limit.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Trust <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from <see cref="KnownProxies"/> and <see cref="KnownNetworks"/>
    /// (a TLS-terminating proxy in front): the client IP and the https scheme (hence <c>Secure</c> cookies) come from them.
    /// </summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>Proxy addresses whose forwarded headers are trusted (loopback is always trusted).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation (e.g. <c>10.0.0.0/8</c>) whose forwarded headers are trusted.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
