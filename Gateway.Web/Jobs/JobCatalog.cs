namespace Gateway.Web.Jobs;

/// <summary>
/// One background job: what it does, the Hangfire type that runs it, the call trigger-now queues and, for a
/// recurring job, its cron schedule (five fields, UTC).
/// </summary>
internal sealed record JobDefinition(string Name, string Description, Type JobType, Job RunNow, Func<GatewayOptions, string?> Cron);

/// <summary>The gateway's background jobs (SPEC 6).</summary>
internal static class JobCatalog
{
    public static JobDefinition CapabilityProbe { get; } = Define<CapabilityProbeJob>(
        JobNames.CapabilityProbe,
        "Probes an account's upstream for Responses API support; trigger-now probes every account.",
        j => j.ProbeAllAsync(CancellationToken.None),
        _ => null);

    public static JobDefinition CooldownExpiry { get; } = Define<CooldownExpiryJob>(
        JobNames.CooldownExpiry,
        "Ends expired cooldowns, model suspensions and endpoint-cache entries.",
        j => j.RunAsync(CancellationToken.None),
        _ => Hangfire.Cron.Minutely());

    public static JobDefinition UsageRetention { get; } = Define<UsageRetentionJob>(
        JobNames.UsageRetention,
        "Deletes usage logs past their retention.",
        j => j.RunAsync(CancellationToken.None),
        o => o.UsageRetentionSchedule);

    public static JobDefinition ResponseStoreRetention { get; } = Define<ResponseStoreRetentionJob>(
        JobNames.ResponseStoreRetention,
        "Deletes stored responses (previous_response_id state for Chat upstreams) past their retention.",
        j => j.RunAsync(CancellationToken.None),
        o => o.ResponseStoreRetentionSchedule);

    public static IReadOnlyList<JobDefinition> All { get; } = [CapabilityProbe, CooldownExpiry, UsageRetention, ResponseStoreRetention];

    public static JobDefinition? Find(string name) => All.FirstOrDefault(j => j.Name == name);

    /// <summary>The job a Hangfire job type runs for; null for a type that is none of ours.</summary>
    public static string? NameOf(Type jobType) => All.FirstOrDefault(j => j.JobType == jobType)?.Name;

    // The job type is the one the trigger-now call runs on.
    private static JobDefinition Define<TJob>(string name, string description, Expression<Func<TJob, Task>> runNow, Func<GatewayOptions, string?> cron) =>
        new(name, description, typeof(TJob), Job.FromExpression(runNow), cron);
}
