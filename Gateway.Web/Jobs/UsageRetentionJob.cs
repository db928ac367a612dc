using Gateway.Core.Jobs;
using Quartz;

namespace Gateway.Web.Jobs;

/// <summary>Daily: deletes usage logs and job runs past their retention.</summary>
[DisallowConcurrentExecution]
internal sealed class UsageRetentionJob(DataRetention retention) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await retention.PurgeAsync(cancellationToken);
}
