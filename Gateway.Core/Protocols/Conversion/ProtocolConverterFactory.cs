using Gateway.Core.Accounts;
using Gateway.Core.Protocols.Chat;
using Gateway.Core.Protocols.Responses;

namespace Gateway.Core.Protocols.Conversion;

/// <summary>Creates the Chat ↔ Responses converter for one attempt.</summary>
internal sealed class ProtocolConverterFactory(TimeProvider time) : IProtocolConverterFactory
{
    public IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, string clientModel) => (inbound, upstream) switch
    {
        (ApiProtocol.Chat, ApiProtocol.Responses) => new ChatClientConverter(clientModel, time),
        (ApiProtocol.Responses, ApiProtocol.Chat) => new ResponsesClientConverter(clientModel, time),
        _ => throw new ArgumentException($"No conversion is needed from {inbound} to {upstream}: same-protocol attempts are forwarded unchanged."),
    };
}
