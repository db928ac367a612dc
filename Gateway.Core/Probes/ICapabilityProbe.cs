namespace Gateway.Core.Probes;

/// <summary>
/// Asks an account's upstream whether it serves the Responses API (SPEC 5.1): a minimal non-streaming
/// <c>POST {base_url}/v1/responses</c>; 404/405 → unsupported, any other HTTP answer → supported,
/// network error → unknown. Anthropic accounts get a minimal Messages request instead and are never Responses-capable.
/// </summary>
public interface ICapabilityProbe
{
    Task<ProbeVerdict> ProbeAsync(Account account, AccountSecret secret, CancellationToken cancellationToken);
}

/// <summary>A probe's outcome: <see cref="ResponsesSupported"/> is null when unknown.</summary>
public sealed record ProbeVerdict(bool? ResponsesSupported, int? Status, string Detail, DateTime ProbedAt);
