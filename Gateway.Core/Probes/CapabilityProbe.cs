namespace Gateway.Core.Probes;

/// <summary>
/// The Responses capability probe (SPEC 5.1): the minimal <c>POST {base_url}/v1/responses</c> through
/// <see cref="UpstreamPing"/>; its status decides the verdict, no answer leaves it unknown. An anthropic account serves
/// Messages only: its probe is a minimal Messages request, whose answer is the detail, and Responses is unsupported.
/// </summary>
internal sealed partial class CapabilityProbe(UpstreamPing ping, TimeProvider time, ILogger<CapabilityProbe> logger) : ICapabilityProbe
{
    public async Task<ProbeVerdict> ProbeAsync(Account account, AccountSecret secret, CancellationToken cancellationToken)
    {
        var anthropic = account.Platform == AccountPlatform.Anthropic;
        var protocol = anthropic ? ApiProtocol.Messages : ApiProtocol.Responses;
        var result = await ping.SendAsync(account, secret, protocol, model: null, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (result.Status is not { } status)
        {
            LogUnreachable(account.Id, protocol.ToWire(), result.TimedOut ? "timeout" : result.NetworkError?.ToString() ?? "network error");
            return new ProbeVerdict(anthropic ? false : null, null, result.Detail, now);
        }

        var supported = !anthropic && ProbeVerdicts.ResponsesSupported(status);
        LogAnswered(account.Id, protocol.ToWire(), status, supported);
        return new ProbeVerdict(supported, status, result.Detail, now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Capability probe of account {AccountId} ({Protocol}) answered {Status}: Responses supported = {Supported}")]
    private partial void LogAnswered(long accountId, string protocol, int status, bool supported);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capability probe of account {AccountId} ({Protocol}) got no answer ({Reason})")]
    private partial void LogUnreachable(long accountId, string protocol, string reason);
}
