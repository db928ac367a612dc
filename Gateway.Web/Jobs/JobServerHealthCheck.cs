namespace Gateway.Web.Jobs;

/// <summary>
/// Part of <c>/readyz</c>: the job storage answers and at least one job server (this instance's or another's)
/// is registered in it. Registered to report Degraded, never Unhealthy: a stalled job host must not take the
/// gateway's API out of rotation.
/// </summary>
internal sealed class JobServerHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's monitoring calls are synchronous: run one aside so the check's timeout applies.
            var servers = await Task.Run(() => storage.GetMonitoringApi().Servers(), cancellationToken).WaitAsync(cancellationToken);
            return servers.Count > 0
                ? HealthCheckResult.Healthy($"{servers.Count} job server(s) registered.")
                : new HealthCheckResult(context.Registration.FailureStatus, "No job server is registered in the job storage.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The job storage does not answer.", ex);
        }
    }
}
