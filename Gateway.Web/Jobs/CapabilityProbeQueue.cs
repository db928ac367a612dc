using System.Globalization;
using Gateway.Core.Accounts;
using Gateway.Core.Probes;
using Quartz;

namespace Gateway.Web.Jobs;

/// <summary>
/// Queues capability probes as persistent one-off triggers: on account create, on a connection change
/// (base URL, key, platform) and on demand. Queueing from an account change runs in the background so
/// the admin's save never waits for, or fails because of, the scheduler.
/// </summary>
public sealed partial class CapabilityProbeQueue(ISchedulerFactory schedulers, ILogger<CapabilityProbeQueue> logger) : IAccountChangeListener
{
    /// <summary>Stores a trigger that probes <paramref name="accountId"/> as soon as a scheduler is free.</summary>
    public async Task QueueAsync(long accountId, string reason, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .ForJob(JobNames.CapabilityProbe)
            .WithIdentity($"account-{accountId}-{Guid.NewGuid():N}", JobNames.CapabilityProbe)
            .WithDescription(reason)
            .UsingJobData(CapabilityProbeJob.AccountIdKey, accountId.ToString(CultureInfo.InvariantCulture))
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(trigger, default, ct);
    }

    /// <summary>Why a change needs a new probe, or null when it does not (SPEC 5.1).</summary>
    public static string? ProbeReason(AccountChangeKind kind) => kind switch
    {
        AccountChangeKind.Created => "Account created",
        AccountChangeKind.ConnectionChanged => "Base URL, key or platform changed",
        _ => null,
    };

    public void OnAccountChanged(AccountChange change)
    {
        if (ProbeReason(change.Kind) is not { } reason)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await QueueAsync(change.AccountId, reason, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Never the admin's problem: the probe can be queued again on demand.
                LogQueueFailed(ex, change.AccountId);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue a capability probe for account {AccountId}")]
    private partial void LogQueueFailed(Exception exception, long accountId);
}
