using Gateway.Core.Accounts;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Probes;

/// <summary>
/// The Responses capability probe (SPEC 5.1): the minimal <c>POST {base_url}/v1/responses</c> through
/// <see cref="UpstreamPing"/>; its status decides the verdict, no answer leaves it unknown.
/// </summary>
internal sealed partial class CapabilityProbe(UpstreamPing ping, TimeProvider time, ILogger<CapabilityProbe> logger) : ICapabilityProbe
{
    public async Task<ProbeVerdict> ProbeAsync(Account account, AccountSecret secret, CancellationToken cancellationToken)
    {
        var result = await ping.SendAsync(account, secret, ApiProtocol.Responses, model: null, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (result.Status is not { } status)
        {
            LogUnreachable(account.Id, result.TimedOut ? "timeout" : result.NetworkError?.ToString() ?? "network error");
            return new ProbeVerdict(null, null, result.Detail, now);
        }

        var supported = ProbeVerdicts.ResponsesSupported(status);
        LogAnswered(account.Id, status, supported);
        return new ProbeVerdict(supported, status, result.Detail, now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Capability probe of account {AccountId} answered {Status}: Responses supported = {Supported}")]
    private partial void LogAnswered(long accountId, int status, bool supported);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capability probe of account {AccountId} got no answer ({Reason}); verdict unknown")]
    private partial void LogUnreachable(long accountId, string reason);
}
