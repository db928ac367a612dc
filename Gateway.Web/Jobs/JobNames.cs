namespace Gateway.Web.Jobs;

/// <summary>The background jobs' names (SPEC 6), as the admin API, the console and the Hangfire dashboard show them.</summary>
public static class JobNames
{
    public const string CapabilityProbe = "capability-probe";
    public const string CooldownExpiry = "cooldown-expiry";
    public const string UsageRetention = "usage-retention";
    public const string ResponseStoreRetention = "response-store-retention";
}
