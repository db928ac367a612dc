namespace Gateway.Web.Jobs;

/// <summary>
/// The <c>response-store-retention</c> job, hourly by default: deletes stored responses (SPEC 5.3) whose conversation was
/// last used longer ago than the retention. Retried like the usage retention; never two runs at once.
/// </summary>
[AutomaticRetry(Attempts = 2, DelaysInSeconds = [300, 1800], LogEvents = false)]
[DisableConcurrentExecution(timeoutInSeconds: 10)]
internal sealed class ResponseStoreRetentionJob(ResponseStoreRetention retention)
{
    [JobDisplayName("response-store-retention")]
    public Task<int> RunAsync(CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}
