namespace Gateway.Bench;

/// <summary>Where each scenario's load goes for each target, and with which body and key.</summary>
internal sealed record Routes(Uri Upstream, Uri? Nginx, Uri? Bare, IReadOnlyDictionary<string, GatewayTarget> Gateways)
{
    public (Uri Endpoint, string? Key, string Body) For(string scenario, string target)
    {
        // The converted stream: Chat in, a Responses upstream; without a gateway it is the same Responses stream, unconverted.
        var gateway = Gateways.GetValueOrDefault(target);
        var converted = scenario == Scenario.Converted32;
        var body = scenario switch
        {
            Scenario.NonStream64 or Scenario.NonStream1 => LoadRun.NonStreamBody,
            Scenario.Paced32 => LoadRun.PacedStreamBody,
            _ when converted && gateway is null => LoadRun.ResponsesStreamBody,
            _ => LoadRun.StreamBody,
        };
        var path = converted && gateway is null ? "/v1/responses" : "/v1/chat/completions";
        return target switch
        {
            Target.Direct => (new Uri(Upstream, path), null, body),
            Target.Nginx => (new Uri(Nginx ?? throw new InvalidOperationException("nginx is not running."), path), null, body),
            Target.Bare => (new Uri(Bare ?? throw new InvalidOperationException("The bare pass-through is not running."), path), null, body),
            _ => (new Uri(gateway!.Url, path), converted ? gateway.ConvertingKey : gateway.Key, body),
        };
    }
}
