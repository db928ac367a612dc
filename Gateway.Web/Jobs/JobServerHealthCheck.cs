namespace Gateway.Web.Jobs;

/// <summary>
/// Part of <c>/readyz</c>: the job storage answers and at least one job server (this instance's or another's) registered
/// in it is alive: its last heartbeat is more recent than <see cref="StaleAfter"/>. A record left by a killed process stays
/// until a live server's watchdog removes it, so a count of records alone would report a job host that no longer runs.
/// Registered to report Degraded, never Unhealthy: a stalled job host must not take the gateway's API out of rotation.
/// </summary>
internal sealed class JobServerHealthCheck(JobStorage storage, TimeProvider time) : IHealthCheck
{
    /// <summary>Hangfire's default server timeout: a server silent for that long is one its watchdog counts as gone.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's monitoring calls are synchronous: run one aside so the check's timeout applies.
            var servers = await Task.Run(() => storage.GetMonitoringApi().Servers(), cancellationToken).WaitAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var alive = servers.Count(s => s.Heartbeat is { } beat && now - beat < StaleAfter);
            return alive > 0
                ? HealthCheckResult.Healthy($"{alive} job server(s) alive.")
                : new HealthCheckResult(context.Registration.FailureStatus, servers.Count == 0
                    ? "No job server is registered in the job storage."
                    : $"No job server has sent a heartbeat in the last {StaleAfter.TotalMinutes:0} minutes ({servers.Count} registered).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The job storage does not answer.", ex);
        }
    }
}
