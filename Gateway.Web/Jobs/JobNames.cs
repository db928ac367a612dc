namespace Gateway.Web.Jobs;

/// <summary>The background jobs (SPEC 6); each job's triggers live in a trigger group of the same name, so pausing the group pauses the job.</summary>
public static class JobNames
{
    public const string CapabilityProbe = "capability-probe";
    public const string CooldownExpiry = "cooldown-expiry";
    public const string UsageRetention = "usage-retention";

    public static IReadOnlyList<string> All { get; } = [CapabilityProbe, CooldownExpiry, UsageRetention];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
