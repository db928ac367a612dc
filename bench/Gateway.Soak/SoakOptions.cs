using System.Globalization;

namespace Gateway.Soak;

/// <summary>The soak's command line: <c>--root</c> (required), <c>--accounts 7</c>, <c>--fault-share 0.3</c>, <c>--requests 10000</c>, <c>--concurrency 24</c>, <c>--seed 1</c>.</summary>
internal sealed record SoakOptions(string Root, int Accounts, double FaultShare, int Requests, int Concurrency, int Seed)
{
    /// <summary>
    /// The gateway's tunables for the soak: cooldowns of 50 ms (a 429's <c>Retry-After: 1</c> capped to
    /// them too), so faulty accounts keep coming back and keep failing while thousands of requests pass.
    /// </summary>
    public static readonly (string Key, string Value)[] GatewaySettings =
    [
        ("RateLimitDefaultCooldown", "00:00:00.050"),
        ("RateLimitMaxCooldown", "00:00:00.050"),
        ("OverloadCooldown", "00:00:00.050"),
        ("ServerErrorCooldown", "00:00:00.050"),
        ("QuotaCooldown", "00:00:00.050"),
        ("ForbiddenCooldown", "00:00:00.050"),

        // Strikes still count, but never add up to the permanent error state within a soak.
        ("ForbiddenStrikeLimit", "1000000"),
        ("ModelSuspension", "00:00:00.050"),
        ("UpstreamIdleTimeout", "00:00:01"),

        // A pool-mode account's retries on itself come back as fast as its cooldowns.
        ("SameAccountRetryDelay", "00:00:00.050"),
    ];

    /// <summary>How long a slow-headers fault waits: past the idle timeout above.</summary>
    public static readonly TimeSpan SlowHeaders = TimeSpan.FromSeconds(2);

    public static SoakOptions Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var options = new SoakOptions(
            Arg("--root") ?? throw new ArgumentException("--root <repository root> is required"),
            int.Parse(Arg("--accounts") ?? "7", CultureInfo.InvariantCulture),
            double.Parse(Arg("--fault-share") ?? "0.3", CultureInfo.InvariantCulture),
            int.Parse(Arg("--requests") ?? "10000", CultureInfo.InvariantCulture),
            int.Parse(Arg("--concurrency") ?? "24", CultureInfo.InvariantCulture),
            int.Parse(Arg("--seed") ?? "1", CultureInfo.InvariantCulture));
        return options.Accounts < 2 || options.FaultShare is < 0 or > 1 || options.Requests < 1 || options.Concurrency < 1
            ? throw new ArgumentException("Need at least 2 accounts, a fault share in 0..1, and positive request and concurrency counts.")
            : options;
    }
}
