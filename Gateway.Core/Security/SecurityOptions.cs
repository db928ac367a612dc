namespace Gateway.Core.Security;

/// <summary>The security tunables of the console, the admin API and account connections, bound from the <c>Security</c> section.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string SectionName = "Security";

    /// <summary>
    /// Whether an OAuth token URL may be plain <c>http://</c> on a loopback host (a local test token endpoint). Unset: only
    /// in the Development environment. Any other token URL must be <c>https://</c>, since refresh tokens travel in it.
    /// </summary>
    public bool? AllowHttpLoopbackTokenUrl { get; set; }

    /// <summary>How often a console cookie and an open console tab are checked against the user's stored security stamp.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SessionValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in attempts one client IP may make per minute (on top of the per-account lockout); 0 means no limit.</summary>
    [Range(0, 100_000)]
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

    /// <summary>How the Data Protection key ring (stored in the database) is encrypted: <c>Security:KeyRing</c>.</summary>
    public KeyRingOptions KeyRing { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p.Trim(), out _)))
        {
            yield return new ValidationResult($"{nameof(KnownProxies)}: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n.Trim(), out _)))
        {
            yield return new ValidationResult($"{nameof(KnownNetworks)}: '{network}' is not a network in CIDR notation.", [nameof(KnownNetworks)]);
        }
    }
}

/// <summary>Checks <see cref="SecurityOptions"/> at start-up, with <see cref="Options.GatewayOptionsValidator"/>.</summary>
[OptionsValidator]
public sealed partial class SecurityOptionsValidator : IValidateOptions<SecurityOptions>;

/// <summary>
/// The key that encrypts the Data Protection key ring, kept outside the database: a certificate (PFX) the operator gives,
/// or a key file the gateway generates once (mode 0600). Without either, the SQLite default keeps a generated key file
/// beside its database file and any other setup outside Development refuses to start.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "Security:KeyRing";

    /// <summary>A PFX file with a private key (RSA) that encrypts the key ring.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Where the gateway keeps the key file it generates (created 0600 when missing), when no certificate is given.</summary>
    public string? KeyFilePath { get; set; }
}
