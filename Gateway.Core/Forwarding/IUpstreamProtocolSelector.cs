namespace Gateway.Core.Forwarding;

/// <summary>
/// Chooses the upstream protocol of each attempt (SPEC 5). The attempt loop asks once per account and converts
/// through <see cref="Protocols.IProtocolConverterFactory"/> when the answer differs from the client's protocol.
/// </summary>
public interface IUpstreamProtocolSelector
{
    /// <param name="upstreamModel">The model this account is sent for the request (its mapping applied), computed once by the caller.</param>
    ValueTask<UpstreamProtocolPlan> SelectAsync(Account account, GatewayRequest request, string upstreamModel, CancellationToken ct);

    /// <summary>
    /// Told, at the moment an attempt commits, which protocol serves the request on which account and upstream model
    /// (e.g. to cache it, so the very next request uses it); <paramref name="plan"/> is what <see cref="SelectAsync"/>
    /// answered for that account. Must not block: the client's answer is waiting.
    /// </summary>
    void Served(UpstreamProtocolPlan plan, Account account, string upstreamModel, ApiProtocol protocol);
}

/// <summary>
/// The protocol to try first, why, whether one switch to the other protocol is allowed on a protocol-level failure,
/// and whether the protocol that serves is remembered for the next requests (SPEC 5.2).
/// </summary>
public readonly record struct UpstreamProtocolPlan(ApiProtocol Protocol, bool SwitchAllowed, ProtocolChoiceReason Reason, bool RemembersSuccess = false);
