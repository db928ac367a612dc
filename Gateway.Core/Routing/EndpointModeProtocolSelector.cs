namespace Gateway.Core.Routing;

/// <summary>
/// The attempt loop's protocol selector: <see cref="EndpointModePolicy"/> fed with the <c>auto_endpoint</c> flag,
/// the request's hints and, for <c>auto</c> accounts with the flag on, the cached protocol of (account, upstream
/// model). Successes are cached for the account and model that actually served, at the moment the attempt commits.
/// </summary>
internal sealed class EndpointModeProtocolSelector(
    SettingsService settings,
    IEndpointProtocolCache cache) : IUpstreamProtocolSelector
{
    public async ValueTask<UpstreamProtocolPlan> SelectAsync(Account account, GatewayRequest request, string upstreamModel, CancellationToken ct)
    {
        // Anthropic accounts have one protocol: nothing to detect or remember.
        var autoEndpoint = account.Platform != AccountPlatform.Anthropic && account.EndpointMode == EndpointMode.Auto && (await settings.GetAsync(ct)).AutoEndpoint;
        var cached = autoEndpoint ? await cache.GetAsync(account.Id, upstreamModel, ct) : null;
        var choice = EndpointModePolicy.Choose(ProtocolSelectionContext.For(account, autoEndpoint, request.Inbound, request.Model, request.Hints, cached));
        return new UpstreamProtocolPlan(choice.Protocol, choice.MaySwitch, choice.Reason, RemembersSuccess: autoEndpoint && !account.Passthrough);
    }

    /// <summary>Remembered in memory at once, so the very next request uses it; written to the database off the response path.</summary>
    public void Served(UpstreamProtocolPlan plan, Account account, string upstreamModel, ApiProtocol protocol)
    {
        if (plan.RemembersSuccess)
        {
            cache.RecordSuccess(account.Id, upstreamModel, protocol);
        }
    }
}
