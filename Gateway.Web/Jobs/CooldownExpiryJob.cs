using Gateway.Core.Accounts;
using Quartz;

namespace Gateway.Web.Jobs;

/// <summary>Every minute: ends expired cooldowns, model suspensions and endpoint-cache entries.</summary>
[DisallowConcurrentExecution]
internal sealed class CooldownExpiryJob(CooldownExpiry expiry) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await expiry.RunAsync(cancellationToken);
}
