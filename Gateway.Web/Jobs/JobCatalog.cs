namespace Gateway.Web.Jobs;

/// <summary>
/// One background job: what it does, the Hangfire type that runs it, the call trigger-now queues and, for a
/// recurring job, its cron schedule (five fields, UTC).
/// </summary>
internal sealed record JobDefinition(string Name, string Description, Type JobType, Job RunNow, Func<GatewayOptions, string?> Cron);

/// <summary>The gateway's background jobs (SPEC 6).</summary>
internal static class JobCatalog
{
    public static JobDefinition CapabilityProbe { get; } = new(
        JobNames.CapabilityProbe,
        "Probes an account's upstream for Responses API support; trigger-now probes every account.",
        typeof(CapabilityProbeJob),
        Job.FromExpression<CapabilityProbeJob>(j => j.ProbeAllAsync(CancellationToken.None)),
        _ => null);

    public static JobDefinition CooldownExpiry { get; } = new(
        JobNames.CooldownExpiry,
        "Ends expired cooldowns, model suspensions and endpoint-cache entries.",
        typeof(CooldownExpiryJob),
        Job.FromExpression<CooldownExpiryJob>(j => j.RunAsync(CancellationToken.None)),
        _ => Hangfire.Cron.Minutely());

    public static JobDefinition UsageRetention { get; } = new(
        JobNames.UsageRetention,
        "Deletes usage logs past their retention.",
        typeof(UsageRetentionJob),
        Job.FromExpression<UsageRetentionJob>(j => j.RunAsync(CancellationToken.None)),
        o => o.UsageRetentionSchedule);

    public static JobDefinition ResponseStoreRetention { get; } = new(
        JobNames.ResponseStoreRetention,
        "Deletes stored responses (previous_response_id state for Chat upstreams) past their retention.",
        typeof(ResponseStoreRetentionJob),
        Job.FromExpression<ResponseStoreRetentionJob>(j => j.RunAsync(CancellationToken.None)),
        o => o.ResponseStoreRetentionSchedule);

    public static IReadOnlyList<JobDefinition> All { get; } = [CapabilityProbe, CooldownExpiry, UsageRetention, ResponseStoreRetention];

    public static JobDefinition? Find(string name) => All.FirstOrDefault(j => j.Name == name);

    /// <summary>The job a Hangfire job type runs for; null for a type that is none of ours.</summary>
    public static string? NameOf(Type jobType) => All.FirstOrDefault(j => j.JobType == jobType)?.Name;
}
