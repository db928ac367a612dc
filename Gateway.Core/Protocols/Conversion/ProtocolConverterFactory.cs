using Gateway.Core.Accounts;
using Gateway.Core.Conversations;
using Gateway.Core.Protocols.Chat;
using Gateway.Core.Protocols.Responses;

namespace Gateway.Core.Protocols.Conversion;

/// <summary>Creates the Chat ↔ Responses converter for one attempt.</summary>
internal sealed class ProtocolConverterFactory(IResponseRecorder recorder, TimeProvider time) : IProtocolConverterFactory
{
    public IProtocolConverter Create(ApiProtocol inbound, ApiProtocol upstream, ConversionContext context) => (inbound, upstream) switch
    {
        (ApiProtocol.Chat, ApiProtocol.Responses) => new ChatClientConverter(context.ClientModel, time),
        (ApiProtocol.Responses, ApiProtocol.Chat) => new ResponsesClientConverter(context, recorder, time),
        _ => throw new ArgumentException($"No conversion is needed from {inbound} to {upstream}: same-protocol attempts are forwarded unchanged."),
    };
}
