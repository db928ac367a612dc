namespace Gateway.Web.Jobs;

/// <summary>
/// The <c>capability-probe</c> job: one account (queued on create, on a connection change and on demand) or
/// every account (trigger-now). An upstream that does not answer is a verdict, not a failure; what is retried
/// is a probe that could not run at all, e.g. while the database was briefly unavailable.
/// </summary>
[AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], LogEvents = false)]
internal sealed class CapabilityProbeJob(CapabilityProbeRunner runner)
{
    /// <summary><paramref name="reason"/> is stored with the job so the dashboard says why the probe was queued.</summary>
    [JobDisplayName("capability-probe: account {0} ({1})")]
    public Task<ProbeVerdict?> ProbeAccountAsync(long accountId, string reason, CancellationToken cancellationToken) =>
        runner.ProbeAccountAsync(accountId, cancellationToken);

    [JobDisplayName("capability-probe: every account")]
    [DisableConcurrentExecution(timeoutInSeconds: 0)]
    public Task<int> ProbeAllAsync(CancellationToken cancellationToken) => runner.ProbeAllAsync(cancellationToken);
}
