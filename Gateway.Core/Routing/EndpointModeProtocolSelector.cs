using Gateway.Core.Accounts;
using Gateway.Core.Forwarding;
using Gateway.Core.Settings;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>
/// The attempt loop's protocol selector: <see cref="EndpointModePolicy"/> fed with the <c>auto_endpoint</c> flag,
/// the request's hints and, for <c>auto</c> accounts with the flag on, the cached protocol of (account, upstream
/// model). Successes are cached for the account and model that actually served, off the response path.
/// </summary>
internal sealed partial class EndpointModeProtocolSelector(
    SettingsService settings,
    IEndpointProtocolCache cache,
    ILogger<EndpointModeProtocolSelector> logger) : IUpstreamProtocolSelector
{
    public async ValueTask<UpstreamProtocolPlan> SelectAsync(Account account, GatewayRequest request, CancellationToken ct)
    {
        var autoEndpoint = await AutoEndpointAppliesAsync(account, ct);
        var cached = autoEndpoint ? await cache.GetAsync(account.Id, ModelMapper.ForAccount(account, request.Model), ct) : null;
        var choice = EndpointModePolicy.Choose(ProtocolSelectionContext.For(account, autoEndpoint, request.Inbound, request.Model, request.Hints, cached));
        return new UpstreamProtocolPlan(choice.Protocol, choice.MaySwitch);
    }

    public void Served(Account account, string upstreamModel, ApiProtocol protocol)
    {
        if (account.EndpointMode == EndpointMode.Auto && !account.Passthrough)
        {
            _ = RecordAsync(account, upstreamModel, protocol);
        }
    }

    private async ValueTask<bool> AutoEndpointAppliesAsync(Account account, CancellationToken ct) =>
        account.EndpointMode == EndpointMode.Auto && (await settings.GetAsync(ct)).AutoEndpoint;

    // The client already has its answer; a failed cache write only costs a later request one extra attempt.
    private async Task RecordAsync(Account account, string upstreamModel, ApiProtocol protocol)
    {
        try
        {
            if (await AutoEndpointAppliesAsync(account, CancellationToken.None))
            {
                await cache.RecordSuccessAsync(account.Id, upstreamModel, protocol, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCacheWriteFailed(logger, account.Id, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cache the endpoint protocol of account {AccountId}.")]
    private static partial void LogCacheWriteFailed(ILogger logger, long accountId, Exception exception);
}
