using Gateway.Core.Accounts;

namespace Gateway.Core.Forwarding;

/// <summary>
/// Chooses the upstream protocol of each attempt (SPEC 5). The attempt loop asks once per account and converts
/// through <see cref="Protocols.IProtocolConverterFactory"/> when the answer differs from the client's protocol.
/// </summary>
public interface IUpstreamProtocolSelector
{
    ValueTask<UpstreamProtocolPlan> SelectAsync(Account account, GatewayRequest request, CancellationToken ct);

    /// <summary>Told which protocol served the request on which account and upstream model (e.g. to cache it).</summary>
    void Served(Account account, string upstreamModel, ApiProtocol protocol);
}

/// <summary>The protocol to try first, and whether one switch to the other protocol is allowed on a protocol-level failure.</summary>
public readonly record struct UpstreamProtocolPlan(ApiProtocol Protocol, bool SwitchAllowed);
