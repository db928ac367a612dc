using Gateway.Core.Accounts;
using Gateway.Core.Options;
using Gateway.Core.Protocols.Chat;
using Gateway.Core.Protocols.Messages;
using Gateway.Core.Protocols.Responses;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Protocols.Conversion;

/// <summary>Creates the converter for one attempt: Chat ↔ Responses, and Messages ↔ either of them.</summary>
internal sealed class ProtocolConverterFactory(TimeProvider time, IOptionsMonitor<GatewayOptions> options) : IProtocolConverterFactory
{
    public IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, string clientModel) => (inbound, upstream) switch
    {
        (ApiProtocol.Chat, ApiProtocol.Responses) => new ChatClientConverter(clientModel, time),
        (ApiProtocol.Responses, ApiProtocol.Chat) => new ResponsesClientConverter(clientModel, time),
        (ApiProtocol.Messages, ApiProtocol.Chat or ApiProtocol.Responses) => new MessagesClientConverter(upstream, clientModel, time),
        (ApiProtocol.Chat or ApiProtocol.Responses, ApiProtocol.Messages) =>
            new MessagesUpstreamConverter(inbound, clientModel, time, options.CurrentValue.MessagesDefaultMaxTokens),
        _ => throw new ArgumentException($"No conversion is needed from {inbound} to {upstream}: same-protocol attempts are forwarded unchanged."),
    };
}
