namespace Gateway.Web.Jobs;

/// <summary>
/// The <c>cooldown-expiry</c> job, every minute: ends expired cooldowns, model suspensions and endpoint-cache
/// entries. No retries: the next minute is the retry. A run that finds another still going (on any instance
/// sharing the storage) waits for it briefly, then is dropped.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete, LogEvents = false)]
[DisableConcurrentExecution(timeoutInSeconds: 15)]
internal sealed class CooldownExpiryJob(CooldownExpiry expiry)
{
    [JobDisplayName("cooldown-expiry")]
    public Task<CooldownExpiryResult> RunAsync(CancellationToken cancellationToken) => expiry.RunAsync(cancellationToken);
}
