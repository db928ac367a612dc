namespace Gateway.Core.Probes;

/// <summary>
/// Queues a capability probe of one account without waiting for it (SPEC 5.1, 6): the console's
/// re-probe action and the admin API use it; the background-job host implements it.
/// </summary>
public interface IProbeQueue
{
    Task QueueProbeAsync(long accountId, CancellationToken cancellationToken);
}
