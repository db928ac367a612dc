namespace Gateway.Web.Jobs;

/// <summary>
/// The <c>usage-retention</c> job, daily: deletes usage logs past their retention. A failed run is retried
/// twice; a run that finds another still going waits briefly, then fails and is retried later.
/// </summary>
[AutomaticRetry(Attempts = 2, DelaysInSeconds = [300, 1800], LogEvents = false)]
[DisableConcurrentExecution(timeoutInSeconds: 10)]
internal sealed class UsageRetentionJob(DataRetention retention)
{
    [JobDisplayName("usage-retention")]
    public Task<int> RunAsync(CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}
