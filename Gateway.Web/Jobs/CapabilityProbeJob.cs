using Gateway.Core.Probes;
using Quartz;

namespace Gateway.Web.Jobs;

/// <summary>Probes the account named in the trigger's data, or every account when none is named.</summary>
internal sealed class CapabilityProbeJob(CapabilityProbeRunner runner) : IJob
{
    public const string AccountIdKey = "account_id";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (context.MergedJobDataMap.TryGetLong(AccountIdKey, out var accountId))
        {
            await runner.ProbeAccountAsync(accountId, cancellationToken);
        }
        else
        {
            await runner.ProbeAllAsync(cancellationToken);
        }
    }
}
