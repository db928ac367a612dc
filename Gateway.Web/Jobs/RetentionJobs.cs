namespace Gateway.Web.Jobs;

/// <summary>
/// Base of the jobs that delete data past its retention. A failed run is retried twice; a run that finds another still
/// going waits briefly, then fails and is retried later (Hangfire reads these filters from the base type too).
/// </summary>
[AutomaticRetry(Attempts = 2, DelaysInSeconds = [300, 1800], LogEvents = false)]
[DisableConcurrentExecution(timeoutInSeconds: 10)]
internal abstract class RetentionJob;

/// <summary>The <c>usage-retention</c> job, daily: deletes usage logs past their retention.</summary>
internal sealed class UsageRetentionJob(DataRetention retention) : RetentionJob
{
    [JobDisplayName(JobNames.UsageRetention)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}

/// <summary>
/// The <c>response-store-retention</c> job, hourly by default: deletes stored responses (SPEC 5.3) whose conversation was
/// last used longer ago than the retention.
/// </summary>
internal sealed class ResponseStoreRetentionJob(ResponseStoreRetention retention) : RetentionJob
{
    [JobDisplayName(JobNames.ResponseStoreRetention)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}
